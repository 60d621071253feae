package io.gipc.netty.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.netty.config.ForkedJvm;
import io.gipc.netty.internal.codec.JdkHandlers.Group;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The handlers of JDK classes come in groups built at first need: each class must be found in the group it is
 * registered in (its group is told from its name, which this JDK's classes must match), and a message of the
 * bootstrap's lists and map must build no other group.
 */
class JdkHandlersTest {
    @Test
    void everyClassIsFoundInTheGroupThatHoldsIt() {
        Map<Class<?>, Group> seen = new HashMap<>();
        for (Group group : Group.values()) {
            Map<Class<?>, TypeHandler> table = JdkHandlers.table(group);
            assertFalse(table.isEmpty(), group.name());
            for (Map.Entry<Class<?>, TypeHandler> entry : table.entrySet()) {
                Class<?> type = entry.getKey();
                assertEquals(group, JdkHandlers.groupOf(type), type.getName());
                assertSame(entry.getValue(), JdkHandlers.of(type), type.getName());
                Group other = seen.put(type, group);
                assertNull(other, () -> type.getName() + " in " + group + " and " + other);
            }
        }
    }

    @Test
    void classesOfNoGroupHaveNoHandler() {
        for (Class<?> type : List.of(String.class, Integer.class, Record.class, Thread.class, int[].class)) {
            assertNull(JdkHandlers.groupOf(type), type.getName());
            assertNull(JdkHandlers.of(type), type.getName());
        }
        assertNull(JdkHandlers.of(JdkHandlersTest.class));
    }

    @Test
    void aMessageBuildsOnlyTheGroupsOfItsClasses() throws Exception {
        String out = ForkedJvm.run(JdkHandlersLazyMain.class);
        assertTrue(out.contains("bootstrap: [LISTS, MAPS]"), out);
        assertTrue(out.contains("then time: [TIME, LISTS, MAPS]"), out);
        assertTrue(out.contains("round trips: true true"), out);
    }
}
