package io.gipc.netty.pipes;

import static io.gipc.netty.pipes.PipeTestSupport.assertNames;
import static io.gipc.netty.pipes.PipeTestSupport.assertStaysPending;
import static io.gipc.netty.pipes.PipeTestSupport.causedBy;
import static io.gipc.testkit.Await.assertFails;
import static io.gipc.testkit.Await.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.Gipc;
import io.gipc.GipcCodecException;
import io.gipc.GipcFuture;
import io.gipc.GipcPipe;
import io.gipc.GipcPipeOptions;
import io.gipc.netty.GipcNetty;
import io.gipc.netty.internal.codec.DefaultCodec;
import io.gipc.netty.internal.codec.HostileGraphs;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A reader whose peer sends what it likes: whatever the bytes (or the decoder) do, each get() ends, with its
 * message or a GipcCodecException naming the reader; the reader stays usable and closes; other pipes on the same
 * event loop keep working meanwhile.
 */
@Timeout(120)
class HostilePeerTest {
    /** Sends the bytes it is given as they are, to a reader that decodes them with the default codec. */
    static byte[] asIs(Object bytes) {
        return (byte[]) bytes;
    }

    private static GipcPipe<Object> defaultReaderRawWriter() {
        return Gipc.pipe(HostilePeerTest::asIs, DefaultCodec.DECODER);
    }

    private EventLoopGroup oneLoop;

    /** Puts every pipe made after it on one event loop thread. */
    private void useOneLoop() {
        oneLoop = new MultiThreadIoEventLoopGroup(
                1, new DefaultThreadFactory("one-loop", true), EpollIoHandler.newFactory());
        GipcNetty.useEventLoopGroup(oneLoop);
    }

    @AfterEach
    void backToTheDefaultLoops() throws Exception {
        release.countDown();
        if (oneLoop != null) {
            GipcNetty.useEventLoopGroup(null);
            oneLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aLengthOfTwoGibibytesFailsThatGetAndTheReaderGoesOn() {
        try (GipcPipe<Object> pipe = defaultReaderRawWriter()) {
            for (String hex : List.of("78014affffffff07", "780172ffffffff07", "78014af9ffffff077800")) {
                await(pipe.writer().put(HexFormat.of().parseHex(hex)));
                GipcCodecException e =
                        assertFails(GipcCodecException.class, pipe.reader().get());
                assertNames(pipe.reader(), e);
                assertFalse(causedBy(e, OutOfMemoryError.class), e.toString());
            }
            await(pipe.writer().put(DefaultCodec.encode("after")));
            assertEquals("after", await(pipe.reader().get()));
        }
    }

    @Test
    void serialDosFailsThatGetAndTheReaderGoesOn() {
        try (GipcPipe<Object> pipe = defaultReaderRawWriter()) {
            await(pipe.writer().put(DefaultCodec.encode(HostileGraphs.serialDos(100))));
            GipcCodecException e =
                    assertFails(GipcCodecException.class, pipe.reader().get());
            assertTrue(e.getMessage().contains("costs too much work"), e.getMessage());
            await(pipe.writer().put(DefaultCodec.encode("after")));
            assertEquals("after", await(pipe.reader().get()));
        }
    }

    static int depth(int n) {
        return n == 0 ? 0 : 1 + depth(n - 1);
    }

    /** Overflows the stack for a payload starting with 1, throws an OutOfMemoryError for 2. */
    static String fragileDecode(byte[] data) {
        if (data[0] == 1) {
            return "depth " + depth(Integer.MAX_VALUE);
        }
        if (data[0] == 2) {
            throw new OutOfMemoryError("Java heap space (thrown by the test's decoder)");
        }
        return new String(data, 1, data.length - 1);
    }

    static byte[] fragileEncode(String s) {
        return s.getBytes();
    }

    @Test
    void aDecoderThatOverflowsTheStackOrRunsOutOfMemoryFailsThatGetOnly() {
        try (GipcPipe<String> pipe = Gipc.pipe(HostilePeerTest::fragileEncode, HostilePeerTest::fragileDecode)) {
            for (String poison : List.of("\u0001", "\u0002")) {
                GipcFuture<String> bad = pipe.reader().get();
                GipcFuture<String> next = pipe.reader().get();
                await(pipe.writer().put(poison));
                await(pipe.writer().put("_fine"));
                GipcCodecException e = assertFails(GipcCodecException.class, bad);
                assertNames(pipe.reader(), e);
                assertTrue(
                        causedBy(e, poison.equals("\u0001") ? StackOverflowError.class : OutOfMemoryError.class),
                        e.toString());
                assertEquals("fine", await(next));
                assertFalse(pipe.reader().isLocked(), "no get() is left pending");
            }
        } // close() does not throw GipcLockedException: no get was lost
    }

    static volatile CountDownLatch entered = new CountDownLatch(1);
    static volatile CountDownLatch release = new CountDownLatch(1);

    /** Holds its thread until the test releases it, for a payload starting with 1; then returns its length. */
    static Integer slowDecode(byte[] data) throws InterruptedException {
        if (data.length > 0 && data[0] == 1) {
            entered.countDown();
            assertTrue(release.await(60, TimeUnit.SECONDS));
        }
        return data.length;
    }

    static byte[] zeros(Integer length) {
        byte[] bytes = new byte[length];
        if (length >= 64 * 1024 || length == 7) {
            bytes[0] = 1; // the slow ones: a large message, and a small one held on the loop
        }
        return bytes;
    }

    @Test
    void aLongDecodeOfALargeMessageDoesNotHoldTheLoopOtherPipesUse() throws Exception {
        useOneLoop();
        entered = new CountDownLatch(1);
        release = new CountDownLatch(1);
        try (GipcPipe<Integer> slow = Gipc.pipe(HostilePeerTest::zeros, HostilePeerTest::slowDecode);
                GipcPipe<byte[]> other = Gipc.rawPipe()) {
            GipcFuture<Integer> large = slow.reader().get();
            GipcFuture<Integer> small = slow.reader().get();
            await(slow.writer().put(1 << 20));
            await(slow.writer().put(3));
            assertTrue(entered.await(30, TimeUnit.SECONDS), "the large message is being decoded");
            for (int i = 0; i < 10; i++) {
                await(other.writer().put(new byte[] {(byte) i}));
                assertArrayEquals(new byte[] {(byte) i}, await(other.reader().get()), "the other pipe answers");
            }
            assertStaysPending(small, "the get after the one being decoded (gets complete in order)");
            release.countDown();
            assertEquals(1 << 20, await(large));
            assertEquals(3, await(small));
        }
    }

    @Test
    void aGetCancelledWhileItsLargeMessageIsDecodedLeavesTheMessageToTheNextGet() throws Exception {
        entered = new CountDownLatch(1);
        release = new CountDownLatch(1);
        try (GipcPipe<Integer> pipe = Gipc.pipe(HostilePeerTest::zeros, HostilePeerTest::slowDecode)) {
            GipcFuture<Integer> cancelled = pipe.reader().get();
            await(pipe.writer().put(1 << 20));
            assertTrue(entered.await(30, TimeUnit.SECONDS), "the large message is being decoded");
            assertTrue(cancelled.cancel(false));
            assertFalse(pipe.reader().isLocked(), "unlocked when cancel returned");
            GipcFuture<Integer> next = pipe.reader().get();
            release.countDown();
            assertEquals(1 << 20, await(next), "the message decoded for the cancelled get goes to the next one");
        }
    }

    @Test
    void closeReturnsWhileTheLoopIsHeldAndTheDescriptorClosesWhenItIsFree() throws Exception {
        useOneLoop();
        entered = new CountDownLatch(1);
        release = new CountDownLatch(1);
        GipcPipe<Integer> held = Gipc.pipe(HostilePeerTest::zeros, HostilePeerTest::slowDecode);
        GipcPipe<byte[]> other = Gipc.rawPipe();
        try {
            GipcFuture<Integer> get = held.reader().get();
            await(held.writer().put(7)); // small: decoded on the loop, which the decoder then holds
            assertTrue(entered.await(30, TimeUnit.SECONDS), "the decoder holds the loop");
            CompletableFuture<Void> closing = CompletableFuture.runAsync(other::close);
            await(closing); // within the bounded wait, not when the loop is free
            assertTrue(other.reader().isClosed() && other.writer().isClosed());
            assertFalse(get.isDone());
            release.countDown();
            assertEquals(7, await(get));
        } finally {
            release.countDown();
            held.close();
        }
    }

    static class Secret {
        String code = "42";
    }

    @Test
    void aPipesDecodingFilterRefusesAClassNamingItAndTheReaderGoesOn() {
        GipcPipeOptions options = GipcPipeOptions.defaults().withDecodingFilter("!" + Secret.class.getName());
        try (GipcPipe<Object> pipe = Gipc.pipe(options)) {
            await(pipe.writer().put(new Secret()));
            await(pipe.writer().put(new ArrayList<>(List.of("allowed"))));
            GipcCodecException e =
                    assertFails(GipcCodecException.class, pipe.reader().get());
            assertNames(pipe.reader(), e);
            assertTrue(
                    e.getMessage()
                            .contains("class " + Secret.class.getName() + " is refused by the decoding " + "filter"),
                    e.getMessage());
            assertEquals(List.of("allowed"), await(pipe.reader().get()));
        }
    }

    @Test
    void aDecodingFilterNeedsTheDefaultCodec() {
        GipcPipeOptions options = GipcPipeOptions.defaults().withDecodingFilter("java.util.*;!*");
        assertThrows(IllegalArgumentException.class, () -> Gipc.rawPipe(options));
        assertThrows(
                IllegalArgumentException.class,
                () -> Gipc.pipe(HostilePeerTest::fragileEncode, HostilePeerTest::fragileDecode, options));
        assertThrows(IllegalArgumentException.class, () -> options.withDecodingFilter("maxdepth=x"));
    }
}
