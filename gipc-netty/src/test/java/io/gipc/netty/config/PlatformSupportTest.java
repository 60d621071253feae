package io.gipc.netty.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

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

    @Test
    void anOperatingSystemWithoutEpollOrKqueueIsNamed() throws Exception {
        String out = ForkedJvm.run(FirstUse.class, "-Dos.name=Plan9");
        assertTrue(
                out.contains(
                        "GipcException: gipc runs on Linux (epoll) and macOS (kqueue); this JVM runs on" + " Plan9"),
                out);
        assertTrue(out.contains("again: gipc runs on Linux"), "every call says so: " + out);
    }

    @Test
    void jnaThatCannotLoadIsNamedOnEveryCall() throws Exception {
        // No system copy of JNA's native part, and no unpacking of the one in JNA's jar: JNA cannot load.
        String out = ForkedJvm.run(FirstUse.class, "-Djna.nosys=true", "-Djna.nounpack=true");
        assertTrue(
                out.contains("GipcException: gipc could not load the C library through JNA:"
                        + " java.lang.UnsatisfiedLinkError"),
                out);
        assertTrue(
                out.contains("again: gipc could not load the C library through JNA: java.lang.UnsatisfiedLinkError"),
                "every call names the first cause, not a NoClassDefFoundError: " + out);
    }

    @Test
    void aMissingNativeTransportIsNamedWithItsCause() throws Exception {
        String out = ForkedJvm.run(FirstUse.class, "-Dio.netty.transport.noNative=true");
        assertTrue(
                out.contains("GipcException: gipc needs Netty's native epoll transport on Linux, and it is not"
                        + " available here"),
                out);
    }
}
