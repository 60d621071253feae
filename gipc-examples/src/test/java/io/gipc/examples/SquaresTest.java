package io.gipc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.GProcess;
import io.gipc.Gipc;
import io.gipc.GipcDuplex;
import io.gipc.GipcDuplexPipe;
import io.gipc.testkit.ChildProcesses;
import io.gipc.testkit.ChildResult;
import io.gipc.testkit.GipcTest;
import io.gipc.testkit.RawPeer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The example test of docs/testing.md: a worker in a child JVM, tested with the gipc test kit. After each test
 * the kit checks that nothing was left open or running; a test that hangs fails after 30 s with a report.
 */
@GipcTest(timeout = 30)
@EnabledOnOs(OS.LINUX)
class SquaresTest {

    @Test
    void answersInAChild() {
        try (GipcDuplexPipe<Object> pipe = Gipc.duplexPipe()) {
            GProcess child = Gipc.startProcess(Squares::serve, pipe.second());
            pipe.first().put(7L).join();
            assertEquals(49L, pipe.first().get(Duration.ofSeconds(10)).join());
            pipe.first().put("stop").join();
            assertEquals(0, child.join().join());
        } // without the try block and the "stop", the test would fail naming the handle and the child
    }

    @Test
    void aTruncatedRequestMakesTheChildFailLoudly() {
        try (RawPeer<GipcDuplex<Object>> peer = RawPeer.duplex()) {
            peer.writeLength(100).write((byte) 1, (byte) 2, (byte) 3).closeOutput(); // 3 of 100 bytes, then EOF

            ChildResult result = ChildProcesses.run(Squares::serve, peer.handle());

            assertEquals(1, result.exitCode());
            assertTrue(result.stderr().contains("message interrupted"), result.stderr());
        }
    }

    @Test
    void aCorruptRequestMakesTheChildFailLoudly() {
        try (RawPeer<GipcDuplex<Object>> peer = RawPeer.duplex()) {
            peer.writeFrame(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff}); // no value of the default codec

            ChildResult result = ChildProcesses.run(Squares::serve, peer.handle());

            assertEquals(1, result.exitCode());
            assertTrue(result.stderr().contains("GipcCodecException"), result.stderr());
        }
    }
}
