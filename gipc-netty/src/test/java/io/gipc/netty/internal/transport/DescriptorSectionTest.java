package io.gipc.netty.internal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.netty.internal.posix.LibC;
import io.gipc.netty.internal.posix.PosixConstants.Fcntl;
import io.gipc.netty.internal.posix.ScmRights;
import io.gipc.netty.internal.posix.SocketPair;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The descriptor section on a real socket: a full socket makes {@code transferTo} return 0 (Netty then waits for
 * the socket to be writable), and once there is room the whole section goes, more than one chunk of
 * {@link ScmRights#MAX_FDS_PER_CALL}, each descriptor arriving in order, close-on-exec, and one recvmsg never
 * returning the descriptors of two chunks.
 */
@EnabledOnOs(OS.LINUX)
class DescriptorSectionTest {

    @Test
    void aFullSocketWaitsThenTheWholeSectionArrivesInOrder() throws Exception {
        int[] pair = SocketPair.open();
        int[] sent = SocketPair.open(); // its two ends, sent many times over: each copy is a new descriptor there
        int n = 300;
        int[] fds = new int[n];
        for (int i = 0; i < n; i++) {
            fds[i] = sent[i % 2];
        }
        List<Integer> received = new ArrayList<>();
        try {
            long filler = 0;
            byte[] block = new byte[4096];
            for (long w; (w = LibC.get().write(pair[0], block, block.length)) > 0; ) {
                filler += w;
            }
            DescriptorSection section = new DescriptorSection(pair[0], fds);
            assertEquals(0, section.transferTo(null, 0), "a full socket takes nothing");
            assertEquals(0, section.transferred());

            byte[] sink = new byte[(int) Math.min(filler, 1 << 20)];
            for (long left = filler; left > 0; ) {
                long r = LibC.get().read(pair[1], sink, Math.min(left, sink.length));
                assertTrue(r > 0, "read " + r);
                left -= r;
            }
            for (int spins = 0; section.transferred() < section.count() && spins < 1000; spins++) {
                section.transferTo(null, section.transferred());
            }
            assertEquals(n, section.transferred());

            int bytes = 0;
            while (bytes < n) {
                ScmRights.Received r = ScmRights.receive(pair[1], n - bytes, ScmRights.MAX_FDS_PER_CALL);
                assertFalse(r.wouldBlock());
                assertFalse(r.truncated());
                assertTrue(r.fds().length <= ScmRights.MAX_FDS_PER_CALL);
                bytes += r.bytes();
                for (int fd : r.fds()) {
                    received.add(fd);
                }
            }
            assertEquals(n, received.size());
            String first = Files.readSymbolicLink(Paths.get("/proc/self/fd/" + sent[0]))
                    .toString();
            String second = Files.readSymbolicLink(Paths.get("/proc/self/fd/" + sent[1]))
                    .toString();
            for (int i = 0; i < n; i++) {
                String target = Files.readSymbolicLink(Paths.get("/proc/self/fd/" + received.get(i)))
                        .toString();
                assertEquals(i % 2 == 0 ? first : second, target, "descriptor " + i + " out of order");
                assertEquals(
                        1, LibC.get().fcntl(received.get(i), Fcntl.F_GETFD, 0) & Fcntl.FD_CLOEXEC, "close-on-exec");
            }
        } finally {
            received.forEach(fd -> SocketPair.closeQuietly(fd));
            for (int fd : new int[] {pair[0], pair[1], sent[0], sent[1]}) {
                SocketPair.closeQuietly(fd);
            }
        }
    }
}
