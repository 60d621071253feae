package io.gipc.netty.process;

import static io.gipc.netty.process.Children.exit;
import static io.gipc.netty.process.Children.start;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gipc.GProcess;
import io.gipc.Gipc;
import io.gipc.GipcEofException;
import io.gipc.GipcPipeOptions;
import io.gipc.GipcReader;
import io.gipc.spi.GipcProvider;
import io.gipc.spi.HandleKind;
import io.gipc.spi.RawPeerSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * A reader whose other end wrote part of a message and hung up just before the reader is transferred: whether
 * the parent's event loop drained those bytes before, during or after the transfer began, the child gets them
 * all, and then the end of the stream (so its get fails as an interrupted message, not as a clean EOF).
 */
@EnabledOnOs(OS.LINUX)
class TransferAfterHangUpTest {
    /** Exit codes of {@link #readOne}. */
    static final int INTERRUPTED = 10;

    static final int EOF = 11;
    static final int OTHER = 12;

    static void readOne(GipcReader<byte[]> reader) {
        try {
            reader.get().join();
            System.exit(0);
        } catch (CompletionException e) {
            if (e.getCause() instanceof GipcEofException) {
                System.exit(EOF);
            }
            System.exit(e.getCause().getMessage().contains("interrupted") ? INTERRUPTED : OTHER);
        }
    }

    @RepeatedTest(10)
    void bytesDrainedByTheParentAfterTheHangUpGoToTheChild() throws Exception {
        try (RawPeerSocket peer =
                GipcProvider.get().rawPeer(HandleKind.READER, null, null, GipcPipeOptions.defaults())) {
            byte[] partial =
                    ByteBuffer.allocate(7).putInt(100).put(new byte[] {1, 2, 3}).array();
            peer.write(partial, 0, partial.length, Duration.ofSeconds(10));
            peer.shutdownOutput();
            @SuppressWarnings("unchecked")
            GipcReader<byte[]> reader = (GipcReader<byte[]>) peer.handle();
            GProcess child =
                    start(Gipc.process(TransferAfterHangUpTest::readOne).args(reader));
            assertEquals(INTERRUPTED, exit(child), "the child got a clean end of stream (11) or another error (12)");
        }
    }
}
