package io.gipc.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.Gipc;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The first-steps example ({@code -Pexample -Dexample=demo}): it must work end to end and leave nothing open. */
class DemoTest {
    @Test
    void theDemoRunsEndToEnd() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Demo.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        original.print(out);
        assertTrue(out.matches("(?s).*answered *: 25000000000030\\R.*"), out); // 1 + 4 + 9 + 16 + 5,000,000 squared
        assertTrue(out.matches("(?s).*it exited with *: 0, .*"), out);
        assertTrue(out.contains("Greeting[text=hello, number=42]"), out);
        assertTrue(out.contains("TimeoutException, handle still usable"), out);
        assertTrue(out.trim().endsWith("done"), out);
        assertTrue(Gipc.openHandles().isEmpty(), Gipc.openHandles()::toString);
    }
}
