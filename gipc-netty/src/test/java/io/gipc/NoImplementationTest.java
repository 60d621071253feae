package io.gipc;

import io.gipc.netty.config.ForkedJvm;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With gipc-api alone on the class path, every entry point says what is missing. Run in a JVM of its own whose
 * class path holds gipc-api and these test classes, but not gipc-netty.
 */
class NoImplementationTest {

    /** Run in the forked JVM: tries each entry point, prints what it threw. */
    public static final class FirstUse {
        public static void main(String[] args) {
            List<Runnable> calls = List.of(
                    () -> Gipc.pipe(),
                    () -> Gipc.duplexPipe(),
                    () -> Gipc.startProcess(() -> { }),
                    () -> Gipc.openHandles());
            for (Runnable call : calls) {
                try {
                    call.run();
                    System.out.println("no exception");
                } catch (GipcException e) {
                    System.out.println("GipcException: " + e.getMessage());
                }
            }
        }
    }

    @Test
    void everyEntryPointNamesTheMissingDependency() throws Exception {
        String apiOnly = ForkedJvm.classpathOf(entry -> entry.contains("gipc-api") || entry.endsWith("test-classes"));
        String out = ForkedJvm.runOnClassPath(FirstUse.class, apiOnly);
        String expected = "GipcException: no gipc implementation found: add the io.gipc:gipc-netty dependency next to"
                + " gipc-api";
        assertEquals(4, out.lines().filter(expected::equals).count(), "class path " + apiOnly + ":\n" + out);
    }
}
