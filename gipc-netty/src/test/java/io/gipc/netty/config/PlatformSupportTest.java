package io.gipc.netty.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where gipc cannot run, the first call says why (checked in a JVM of its own, the platform faked). */
class PlatformSupportTest {

    /** Run in the forked JVM: tries a pipe, prints what happened. */
    public static final class FirstUse {
        public static void main(String[] args) {
            try {
                io.gipc.Gipc.rawPipe().close();
                System.out.println("OK");
            } catch (io.gipc.GipcException e) {
                System.out.println("GipcException: " + e.getMessage());
                try {
                    io.gipc.Gipc.rawPipe();
                } catch (io.gipc.GipcException again) {
                    System.out.println("again: " + again.getMessage());
                }
            }
        }
    }

    private static String runWith(String... jvmFlags) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (Runtime.version().feature() >= 24) {
            cmd.add("--enable-native-access=ALL-UNNAMED");
        }
        cmd.addAll(List.of(jvmFlags));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(FirstUse.class.getName());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), new String(out, StandardCharsets.UTF_8));
        return new String(out, StandardCharsets.UTF_8);
    }

    @Test
    void anOperatingSystemWithoutEpollOrKqueueIsNamed() throws Exception {
        String out = runWith("-Dos.name=Plan9");
        assertTrue(out.contains("GipcException: gipc runs on Linux (epoll) and macOS (kqueue); this JVM runs on"
                + " Plan9"), out);
        assertTrue(out.contains("again: gipc runs on Linux"), "every call says so: " + out);
    }

    @Test
    void jnaThatCannotLoadIsNamedOnEveryCall() throws Exception {
        // No system copy of JNA's native part, and no unpacking of the one in JNA's jar: JNA cannot load.
        String out = runWith("-Djna.nosys=true", "-Djna.nounpack=true");
        assertTrue(out.contains("GipcException: gipc could not load the C library through JNA:"
                + " java.lang.UnsatisfiedLinkError"), out);
        assertTrue(out.contains("again: gipc could not load the C library through JNA: java.lang.UnsatisfiedLinkError"),
                "every call names the first cause, not a NoClassDefFoundError: " + out);
    }

    @Test
    void aMissingNativeTransportIsNamedWithItsCause() throws Exception {
        String out = runWith("-Dio.netty.transport.noNative=true");
        assertTrue(out.contains("GipcException: gipc needs Netty's native epoll transport on Linux, and it is not"
                + " available here"), out);
    }
}
