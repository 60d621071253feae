package io.gipc.netty.internal.codec;

import io.gipc.netty.internal.codec.JdkHandlers.Group;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs in a JVM of its own ({@link JdkHandlersTest}): a message shaped like a child's bootstrap (a record of
 * ArrayLists of byte arrays and a LinkedHashMap), then one with a Duration; prints the groups of JDK handlers
 * built after each.
 */
public final class JdkHandlersLazyMain {
    private JdkHandlersLazyMain() {}

    /** Like a child's bootstrap. */
    record Message(String name, List<byte[]> handles, byte[] target, List<byte[]> args, Map<String, byte[]> kwargs) {}

    public static void main(String[] args) throws Exception {
        Message message = new Message(
                "child",
                new ArrayList<>(),
                new byte[] {1, 2},
                new ArrayList<>(List.of(new byte[] {3})),
                new LinkedHashMap<>());
        Message back = (Message) DefaultCodec.decode(DefaultCodec.encode(message));
        boolean same = back.name().equals("child")
                && Arrays.equals(back.target(), message.target())
                && Arrays.equals(back.args().get(0), message.args().get(0))
                && back.kwargs().isEmpty();
        System.out.println("bootstrap: " + built());
        Duration duration = Duration.ofMillis(1234);
        Object time = DefaultCodec.decode(DefaultCodec.encode(new ArrayList<>(List.of(duration))));
        System.out.println("then time: " + built());
        System.out.println("round trips: " + same + " " + time.equals(List.of(duration)));
    }

    private static List<Group> built() {
        List<Group> built = new ArrayList<>();
        for (Group group : Group.values()) {
            if (JdkHandlers.isBuilt(group)) {
                built.add(group);
            }
        }
        return built;
    }
}
