package io.gipc.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationParameterTest {
    @Test
    void readsJUnitsTimeoutFormat() {
        assertEquals(Duration.ofSeconds(30), DurationParameter.parse("p", "30"));
        assertEquals(Duration.ofSeconds(30), DurationParameter.parse("p", "30 s"));
        assertEquals(Duration.ofMillis(500), DurationParameter.parse("p", "500ms"));
        assertEquals(Duration.ofMinutes(2), DurationParameter.parse("p", " 2 m "));
        assertEquals(Duration.ofHours(1), DurationParameter.parse("p", "1 H"));
        assertEquals(Duration.ofNanos(7000), DurationParameter.parse("p", "7 us"));
        assertEquals(Duration.ZERO, DurationParameter.parse("p", "0"));
    }

    @Test
    void aValueOutOfFormatIsNamedWithItsParameter() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> DurationParameter.parse("gipc.testkit.timeout", "ten seconds"));
        assertTrue(
                e.getMessage().contains("gipc.testkit.timeout")
                        && e.getMessage().contains("ten seconds"),
                e.getMessage());
    }

    @Test
    void formatsForPeople() {
        assertEquals("2 s", TimeLimit.format(Duration.ofSeconds(2)));
        assertEquals("1500 ms", TimeLimit.format(Duration.ofMillis(1500)));
    }
}
