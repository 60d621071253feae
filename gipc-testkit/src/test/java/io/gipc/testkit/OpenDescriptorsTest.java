package io.gipc.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.Pipe;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class OpenDescriptorsTest {
    @Test
    @EnabledOnOs(OS.LINUX)
    void aPipeShowsAsTwoNewDescriptorsUntilClosed() throws Exception {
        Map<Integer, String> before = OpenDescriptors.now();
        Pipe pipe = Pipe.open();
        Map<Integer, String> added;
        try {
            added = OpenDescriptors.added(before, OpenDescriptors.now());
        } finally {
            pipe.source().close();
            pipe.sink().close();
        }
        assertEquals(before.size(), OpenDescriptors.now().size(), "closed again");
        assertTrue(
                added.values().stream().anyMatch(t -> t.startsWith("pipe:") || t.startsWith("socket:")),
                "new: " + added);
        assertTrue(OpenDescriptors.supported());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void filesWithAPathAreLeftOut() {
        assertTrue(
                OpenDescriptors.now().values().stream().noneMatch(t -> t.startsWith("/")),
                OpenDescriptors.now().toString());
    }

    @Test
    void nothingIsAddedToAnUnchangedListing() {
        Map<Integer, String> now = Map.of(3, "socket:[1]", 4, "pipe:[2]");
        assertEquals(Map.of(), OpenDescriptors.added(now, now));
        assertEquals(
                Map.of(5, "pipe:[9]"),
                OpenDescriptors.added(now, Map.of(3, "socket:[1]", 4, "pipe:[2]", 5, "pipe:[9]")));
        assertEquals(Map.of(4, "pipe:[3]"), OpenDescriptors.added(now, Map.of(3, "socket:[1]", 4, "pipe:[3]")));
    }
}
