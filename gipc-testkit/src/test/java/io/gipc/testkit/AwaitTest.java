package io.gipc.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class AwaitTest {
    private static final Duration SHORT = Duration.ofMillis(50);

    /** The build sets the property for every test; these tests change it, then put it back. */
    private final String configured = System.getProperty(Await.TIMEOUT_PROPERTY);

    @AfterEach
    void restoreProperty() {
        if (configured == null) {
            System.clearProperty(Await.TIMEOUT_PROPERTY);
        } else {
            System.setProperty(Await.TIMEOUT_PROPERTY, configured);
        }
    }

    @Test
    void theValueOfAFutureThatSucceeds() {
        assertEquals("v", Await.await(CompletableFuture.completedFuture("v")));
    }

    @Test
    void aFailedFutureFailsTheWaitWithItsCause() {
        IOException cause = new IOException("broken");
        AssertionFailedError e =
                assertThrows(AssertionFailedError.class, () -> Await.await(CompletableFuture.failedFuture(cause)));
        assertSame(cause, e.getCause());
        assertTrue(e.getMessage().contains("broken"), e.getMessage());
    }

    @Test
    void aPendingFutureFailsTheWaitOnceTheTimeIsUp() {
        AssertionFailedError e =
                assertThrows(AssertionFailedError.class, () -> Await.await(new CompletableFuture<>(), SHORT));
        assertEquals("the future is still pending after 50 ms", e.getMessage());
        AssertionFailedError f =
                assertThrows(AssertionFailedError.class, () -> Await.failure(new CompletableFuture<>(), SHORT));
        assertTrue(f.getMessage().contains("still pending after 50 ms; it should have failed"), f.getMessage());
    }

    @Test
    void aCancelledFutureIsNamedAsSuch() {
        CompletableFuture<String> f = new CompletableFuture<>();
        f.cancel(false);
        assertEquals(
                "the future was cancelled",
                assertThrows(AssertionFailedError.class, () -> Await.await(f)).getMessage());
    }

    @Test
    void theFailureOfAFutureThatMustFail() {
        IOException cause = new IOException("broken");
        assertSame(cause, Await.failure(CompletableFuture.failedFuture(cause)));
        assertSame(cause, Await.assertFails(IOException.class, CompletableFuture.failedFuture(cause)));

        AssertionFailedError succeeded = assertThrows(
                AssertionFailedError.class, () -> Await.failure(CompletableFuture.completedFuture(new byte[7])));
        assertEquals("the future succeeded with byte[7]; it should have failed", succeeded.getMessage());
        AssertionFailedError otherType = assertThrows(
                AssertionFailedError.class,
                () -> Await.assertFails(IllegalStateException.class, CompletableFuture.failedFuture(cause)));
        assertTrue(
                otherType.getMessage().contains("IllegalStateException but it failed with java.io.IOException"),
                otherType.getMessage());
    }

    @Test
    void untilAConditionHolds() {
        AtomicInteger polls = new AtomicInteger();
        Await.until(() -> polls.incrementAndGet() >= 3, () -> "never");
        assertEquals(3, polls.get());

        AssertionFailedError e = assertThrows(
                AssertionFailedError.class, () -> Await.until(() -> false, SHORT, () -> "the door is still shut"));
        assertEquals("after 50 ms, the door is still shut", e.getMessage());
    }

    @Test
    void theTimeoutComesFromTheSystemPropertyIfSet() {
        System.clearProperty(Await.TIMEOUT_PROPERTY);
        assertEquals(Await.DEFAULT_TIMEOUT, Await.timeout());
        System.setProperty(Await.TIMEOUT_PROPERTY, "120 s");
        assertEquals(Duration.ofSeconds(120), Await.timeout());
        System.setProperty(Await.TIMEOUT_PROPERTY, "50ms");
        assertInstanceOf(
                AssertionFailedError.class,
                assertThrows(AssertionFailedError.class, () -> Await.await(new CompletableFuture<>())));
        System.setProperty(Await.TIMEOUT_PROPERTY, "soon");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, Await::timeout);
        assertTrue(bad.getMessage().contains(Await.TIMEOUT_PROPERTY), bad.getMessage());
    }
}
