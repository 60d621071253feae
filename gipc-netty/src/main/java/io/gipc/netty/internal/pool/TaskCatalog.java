package io.gipc.netty.internal.pool;

import io.gipc.netty.internal.codec.DefaultCodec;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Numbers the tasks that carry no state, so that each worker is sent such a task once and then only its number.
 * A method reference or a lambda that captures nothing has a class with no instance fields: every instance of it
 * does the same, so the class names the task. Rebuilding a lambda in the worker costs several times what the
 * rest of a small task's message does; with the number, it happens once per worker. A task that captures values
 * gets {@link #NONE} and travels whole every time.
 *
 * <p>Thread-safe.
 */
final class TaskCatalog {
    /** The number of a task that travels whole every time. */
    static final int NONE = -1;

    private static final ClassValue<Boolean> STATELESS = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (!Modifier.isStatic(f.getModifiers())) {
                        return false;
                    }
                }
            }
            return true;
        }
    };

    private final ConcurrentHashMap<Class<?>, Integer> numbers = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();

    /**
     * The number of a task, given once the task was shown to encode (so that a task is numbered only if it can
     * be shipped at all).
     *
     * @param task the task
     * @return its number, or {@link #NONE} if it carries state
     * @throws io.gipc.GipcCodecException if a stateless task met for the first time cannot be shipped
     */
    int numberOf(Object task) {
        Class<?> type = task.getClass();
        if (!STATELESS.get(type)) {
            return NONE;
        }
        Integer n = numbers.get(type);
        if (n != null) {
            return n;
        }
        DefaultCodec.encode(task);
        return numbers.computeIfAbsent(type, t -> next.getAndIncrement());
    }
}
