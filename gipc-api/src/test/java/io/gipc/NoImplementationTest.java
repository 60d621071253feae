package io.gipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * With gipc-api alone on the class path (as in this module's tests: gipc-netty is not there), every entry point
 * says what is missing, on the first use and on every later one.
 */
class NoImplementationTest {

    @Test
    void everyEntryPointNamesTheMissingDependency() {
        List<Executable> calls = List.of(
                () -> Gipc.pipe(),
                () -> Gipc.duplexPipe(),
                () -> Gipc.startProcess(() -> {}),
                () -> Gipc.openHandles(),
                () -> Gipc.pipe());
        for (Executable call : calls) {
            GipcException e = assertThrows(GipcException.class, call);
            assertEquals(
                    "no gipc implementation found: add the io.gipc:gipc-netty dependency next to gipc-api",
                    e.getMessage());
        }
    }
}
