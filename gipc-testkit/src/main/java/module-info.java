/**
 * JUnit 5 support for testing code that uses gipc: a leak check and a hang guard run around every test
 * ({@link io.gipc.testkit.GipcTestExtension}, or {@link io.gipc.testkit.GipcTest}), a pipe end fed byte by byte
 * ({@link io.gipc.testkit.RawPeer}), and children run for their exit code and output
 * ({@link io.gipc.testkit.ChildProcesses}).
 */
module io.gipc.testkit {
    requires transitive io.gipc;
    requires transitive org.junit.jupiter.api;

    exports io.gipc.testkit;

    provides org.junit.jupiter.api.extension.Extension with io.gipc.testkit.GipcTestExtension;
}
