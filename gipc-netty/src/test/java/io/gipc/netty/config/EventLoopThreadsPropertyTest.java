package io.gipc.netty.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.Gipc;
import io.gipc.testkit.OpenDescriptors;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A bad {@code io.gipc.eventLoopThreads} makes every pipe and every start fail, saying why, and leaves nothing
 * behind: no descriptor, no handle, no child. Checked in a plain JVM of its own (a gipc child could not even start
 * with that property: its launcher needs the default group).
 */
class EventLoopThreadsPropertyTest {

    /** Run in the forked JVM: tries twice to make a pipe, then to start a child; prints what is left. */
    public static final class BadProperty {
        public static void main(String[] args) {
            System.out.println("pipe: " + attempt(() -> Gipc.rawPipe().close()));
            Map<Integer, String> before = OpenDescriptors.now(); // JNA and Netty are loaded by now
            System.out.println("pipe again: " + attempt(() -> Gipc.rawPipe().close()));
            System.out.println("descriptors left: " + OpenDescriptors.added(before, OpenDescriptors.now()));
            System.out.println("handles left: " + Gipc.openHandles());
            System.out.println("start: " + attempt(() -> Gipc.startProcess(BadProperty::nothing)));
            System.out.println("children: " + ProcessHandle.current().children().count());
        }

        static void nothing() {}

        private static String attempt(Runnable call) {
            try {
                call.run();
                return "no failure";
            } catch (RuntimeException e) {
                return e.toString();
            }
        }
    }

    @Test
    void aBadThreadCountFailsEveryPipeAndStartAndLeavesNothingBehind() throws Exception {
        String out = ForkedJvm.run(BadProperty.class, "-Dio.gipc.eventLoopThreads=zero");
        String refusal = "java.lang.IllegalArgumentException: system property io.gipc.eventLoopThreads must be a"
                + " positive number of threads, got 'zero'";
        assertTrue(out.contains("pipe: " + refusal), out);
        assertTrue(out.contains("pipe again: " + refusal), out);
        assertTrue(out.contains("descriptors left: {}"), "the socketpair is closed: " + out);
        assertTrue(out.contains("handles left: []"), "no half-made handle is listed: " + out);
        assertTrue(out.contains("start: " + refusal), out);
        assertTrue(out.contains("children: 0"), "no child is spawned that nothing would watch: " + out);
    }
}
