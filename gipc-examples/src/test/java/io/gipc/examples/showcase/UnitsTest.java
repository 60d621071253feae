package io.gipc.examples.showcase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The showcase's small parts, without processes. */
class UnitsTest {
    @Test
    void primeCounts() {
        assertEquals(0, Task.countPrimes(1));
        assertEquals(1, Task.countPrimes(2));
        assertEquals(2, Task.countPrimes(3));
        assertEquals(25, Task.countPrimes(100));
        assertEquals(1229, Task.countPrimes(10_000));
    }

    @Test
    void options() {
        assertEquals(ShowcaseOptions.defaults(), ShowcaseOptions.parse());
        assertEquals(ShowcaseOptions.defaults(), ShowcaseOptions.parse("", " "));
        ShowcaseOptions o = ShowcaseOptions.parse(
                "--requests=1_000", "--concurrency=3", "--workers=4", "--loops=1", "--port=8080", "--serve");
        assertEquals(new ShowcaseOptions(1000, 3, 4, 1, 8080, true), o);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ShowcaseOptions.parse("--bogus=1"))
                .getMessage()
                .startsWith("unknown option --bogus"));
        assertThrows(IllegalArgumentException.class, () -> ShowcaseOptions.parse("--workers=0"));
        assertThrows(IllegalArgumentException.class, () -> ShowcaseOptions.parse("--port=70000"));
        assertThrows(IllegalArgumentException.class, () -> ShowcaseOptions.parse("serve"));
    }

    @Test
    void samples() {
        Samples s = new Samples();
        assertEquals(0, s.percentile(50));
        for (int i = 1; i <= 100; i++) {
            s.add(i);
        }
        assertEquals(50, s.percentile(50));
        assertEquals(99, s.percentile(99));
        assertEquals(100, s.max());
        assertEquals(5050, s.total());
    }

    @Test
    void exitDescriptions() {
        assertEquals("was killed by signal 9 (SIGKILL)", RequestPool.describeExit(-9));
        assertEquals("exited with 1", RequestPool.describeExit(1));
        assertEquals("stopped answering", RequestPool.describeExit(null));
    }

    @Test
    void json() {
        assertEquals(
                "{\"a\":\"x\\\"y\",\"b\":1,\"c\":1.500,\"d\":{\"k\":null}}",
                new Json()
                        .field("a", "x\"y")
                        .field("b", 1)
                        .field("c", 1.5)
                        .field("d", java.util.Collections.singletonMap("k", null))
                        .toString());
    }
}
