package io.gipc.netty.internal.pool;

import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;

/** Names a task for log lines: {@code com.acme.Maths::square} for a lambda or method reference, else its class. */
final class TaskNames {
    private TaskNames() {}

    static String of(Object task) {
        if (task == null) {
            return "null";
        }
        Class<?> type = task.getClass();
        if (type.isSynthetic()) {
            try {
                Method writeReplace = type.getDeclaredMethod("writeReplace");
                writeReplace.setAccessible(true);
                Object form = writeReplace.invoke(task);
                if (form instanceof SerializedLambda) {
                    SerializedLambda lambda = (SerializedLambda) form;
                    return lambda.getImplClass().replace('/', '.') + "::" + lambda.getImplMethodName();
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                // fall back to the class name
            }
        }
        return type.getName();
    }
}
