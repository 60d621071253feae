package io.gipc.netty.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The writer's identity map: numbers by identity, through growth and removals. */
class IdentityIdsTest {
    @Test
    void equalObjectsAreDifferentKeys() {
        IdentityIds ids = new IdentityIds();
        String a = new String("same");
        String b = new String("same");
        ids.put(a, 1);
        assertEquals(1, ids.get(a));
        assertEquals(IdentityIds.ABSENT, ids.get(b));
        ids.put(b, 2);
        ids.put(a, 3);
        assertEquals(3, ids.get(a));
        assertEquals(2, ids.get(b));
        assertEquals(2, ids.size());
    }

    @Test
    void manyKeysGrowTheTableAndRemovalsKeepTheOthersReachable() {
        IdentityIds ids = new IdentityIds();
        List<Object> keys = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            Object key = new Object();
            keys.add(key);
            ids.put(key, i);
        }
        assertEquals(5_000, ids.size());
        for (int i = 0; i < keys.size(); i += 2) {
            ids.remove(keys.get(i));
        }
        ids.remove(new Object()); // not there: nothing happens
        assertEquals(2_500, ids.size());
        for (int i = 0; i < keys.size(); i++) {
            assertEquals(i % 2 == 0 ? IdentityIds.ABSENT : i, ids.get(keys.get(i)), "key " + i);
        }
    }
}
