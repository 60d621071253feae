package io.gipc.netty.internal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.GipcClosedException;
import io.gipc.GipcLockedException;
import org.junit.jupiter.api.Test;

/**
 * The lock a transfer takes: while a handle is being handed to a child, no get() or put() may start on it (the
 * child would share its bytes), and it cannot be closed; a failed start gives it back, a successful one closes it.
 */
class HandleStateTest {

    private final HandleState state = new HandleState("GipcReader#7 (fd 12)");

    @Test
    void anOperationDuringATransferIsRefusedNamingTheHandle() {
        state.beginTransfer();
        GipcLockedException e = assertThrows(GipcLockedException.class, () -> state.beginOperation(HandleState.Op.GET));
        assertEquals("GipcReader#7 (fd 12) is being transferred to a child process", e.getMessage());
        assertThrows(GipcLockedException.class, () -> state.beginOperation(HandleState.Op.PUT));
        assertEquals("[open, being transferred to a child process]", state.describe());
    }

    @Test
    void aHandleBeingTransferredCannotBeClosedOrTransferredAgain() {
        state.beginTransfer();
        assertTrue(assertThrows(GipcLockedException.class, state::markClosed)
                .getMessage()
                .contains("it is being transferred to a child process"));
        assertTrue(assertThrows(GipcLockedException.class, state::beginTransfer)
                .getMessage()
                .contains("it is already being transferred"));
    }

    @Test
    void aTransferThatFailedGivesTheHandleBack() {
        state.beginTransfer();
        state.endTransfer(false);
        state.beginOperation(HandleState.Op.GET);
        state.endOperation(HandleState.Op.GET);
        assertEquals("[open]", state.describe());
    }

    @Test
    void aTransferThatSucceededClosesTheHandleHere() {
        state.beginTransfer();
        state.endTransfer(true);
        assertEquals(
                "GipcReader#7 (fd 12) is closed",
                assertThrows(GipcClosedException.class, () -> state.beginOperation(HandleState.Op.GET))
                        .getMessage());
    }

    @Test
    void aHandleWithAPendingOperationCannotBeTransferred() {
        state.beginOperation(HandleState.Op.PUT);
        assertTrue(assertThrows(GipcLockedException.class, state::beginTransfer)
                .getMessage()
                .contains("1 get()/put() pending"));
    }

    /**
     * A put settles just after its last byte reaches the kernel: a peer may answer it, and this process close the
     * handle, in between (found by the demo, whose echo's last put was still counted when the ping-pong ended).
     */
    @Test
    void aCloseWaitsForAPutThatIsAboutToSettle() throws Exception {
        state.beginOperation(HandleState.Op.PUT);
        Thread settler = new Thread(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            state.endOperation(HandleState.Op.PUT);
        });
        settler.start();
        state.markClosed(java.util.concurrent.TimeUnit.SECONDS.toNanos(60));
        settler.join();
        assertEquals("[closed]", state.describe());
    }

    @Test
    void aPutStillPendingAfterTheWaitLocksTheHandle() {
        state.beginOperation(HandleState.Op.PUT);
        assertTrue(assertThrows(GipcLockedException.class, () -> state.markClosed(1_000_000))
                .getMessage()
                .contains("1 get()/put() pending"));
        state.endOperation(HandleState.Op.PUT);
        state.markClosed();
        assertEquals("[closed]", state.describe());
    }

    @Test
    void aPendingGetLocksTheHandleWithoutWaiting() throws Exception {
        state.beginOperation(HandleState.Op.GET);
        Thread settler = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            state.endOperation(HandleState.Op.GET);
        });
        settler.start();
        // A get is the user's own wait for a message, not a write finishing: a close during it is refused at once.
        assertThrows(
                GipcLockedException.class, () -> state.markClosed(java.util.concurrent.TimeUnit.SECONDS.toNanos(60)));
        settler.join();
    }
}
