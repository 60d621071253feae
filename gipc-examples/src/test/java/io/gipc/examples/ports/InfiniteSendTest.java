package io.gipc.examples.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.GProcess;
import io.gipc.Gipc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** infinite_send_to_child.py in Java: messages until SIGINT, then a clean stop of both processes. */
class InfiniteSendTest {
    @Test
    void sigintStopsParentAndChildCleanly() throws Exception {
        Path out = Files.createTempFile("infinite", ".out");
        try {
            // The example's main runs in a child of the test: gipc starts children with SIGINT at its default
            // action, so the example can handle it (a JVM started with SIGINT ignored cannot).
            GProcess example = Gipc.process(InfiniteSend::main)
                    .args((Object) new String[] {"--interval-ms=20"})
                    .redirectOutput(out)
                    .redirectError(out)
                    .start();
            try {
                awaitLines(out, "Child process got message through pipe", 3);
                new ProcessBuilder("kill", "-INT", Long.toString(example.pid()))
                        .inheritIO()
                        .start()
                        .waitFor(30, TimeUnit.SECONDS);
                assertEquals(0, example.join().get(60, TimeUnit.SECONDS), Files.readString(out));
            } finally {
                example.kill();
                example.join().get(60, TimeUnit.SECONDS);
            }
            String text = Files.readString(out);
            assertTrue(text.contains("stopping (SIGINT): no more messages, closing the pipe"), text);
            assertTrue(text.contains("Child process: the parent closed the pipe; exiting."), text);
            assertTrue(text.contains("the child exited with 0"), text);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static void awaitLines(Path file, String text, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String content = Files.readString(file);
            if (content.split(java.util.regex.Pattern.quote(text), -1).length - 1 >= count) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(
                "fewer than " + count + " lines '" + text + "' within 60 s: " + Files.readString(file));
    }
}
