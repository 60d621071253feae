package io.gipc.netty.process;

import static io.gipc.netty.process.Children.await;
import static io.gipc.netty.process.Children.exit;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gipc.GProcess;
import io.gipc.Gipc;
import io.gipc.GipcPipe;
import io.gipc.GipcReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * gipc's {@code test/test_gipc.py}: the tests of {@code TestComm} and {@code TestPipeCodecs} that need a child
 * process. {@code TestComm} has none; {@code TestPipeCodecs} has {@code test_raw_pipe_across_processes}. The other
 * tests of both classes are in {@code io.gipc.netty.pipes} ({@code CommTest}, {@code PipeCodecsTest}).
 *
 * <p>Where the seed differs: its {@code test_raw_pipe_across_processes} defines {@code data = b'abc'} but never puts
 * it, and never joins the child, whose {@code assert r.get() == b'abc'} therefore fails unseen. Here the parent puts
 * {@code data} and the test checks that the child exits 0, so that the test can fail.
 */
@EnabledOnOs(OS.LINUX)
class PipeCodecsAcrossProcessesTest {

    static void childTestRawPipeAcrossProcesses(GipcReader<byte[]> r) throws Exception {
        assertArrayEquals("abc".getBytes(StandardCharsets.US_ASCII), await(r.get()));
    }

    // test_gipc.py TestPipeCodecs.test_raw_pipe_across_processes
    @Test
    void rawPipeAcrossProcesses() throws Exception {
        byte[] data = "abc".getBytes(StandardCharsets.US_ASCII);
        try (GipcPipe<byte[]> pipe = Gipc.rawPipe()) {
            GProcess p = Children.start(Gipc.process(PipeCodecsAcrossProcessesTest::childTestRawPipeAcrossProcesses)
                    .args(pipe.reader()));
            await(pipe.writer().put(data));
            assertEquals(0, exit(p));
        }
    }
}
