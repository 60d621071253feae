package io.gipc.examples.support;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;

/**
 * Turns SIGINT (Ctrl-C) and SIGTERM into a future, so that a program stops in order (its children stopped and
 * joined, its pipes closed) and exits 0, instead of the JVM's default of running shutdown hooks and exiting
 * with 130 or 143.
 *
 * <p>It uses the JVM's own signal API, {@code sun.misc.Signal} (module {@code jdk.unsupported}), as gipc's
 * child launcher does; through reflection, so that the examples compile without warnings about that API.
 *
 * <p>A JVM started with SIGINT ignored (a background job of a non-interactive shell, {@code nohup}) keeps it
 * ignored: there, only SIGTERM stops the program this way.
 */
public final class StopSignal {
    private StopSignal() {}

    /**
     * Installs handlers for SIGINT and SIGTERM that complete the returned future with the signal's name.
     *
     * @return a future completed by the first of those signals, such as {@code "SIGINT"}
     * @throws IllegalStateException if the JVM has no {@code sun.misc.Signal}
     */
    public static CompletableFuture<String> install() {
        CompletableFuture<String> stop = new CompletableFuture<>();
        Object handler = handler(signalName -> stop.complete(signalName));
        for (String name : new String[] {"INT", "TERM"}) {
            Api.INSTANCE.handle(name, handler);
        }
        return stop;
    }

    /**
     * Has this process run {@code action} on SIGINT instead of exiting. Unlike {@link #ignoreInterrupt()}, the
     * signal stays caught, not ignored, so the processes this one starts get SIGINT's default back (an ignored
     * signal stays ignored across exec).
     *
     * @param action what to do on each SIGINT, on the JVM's signal thread
     * @throws IllegalStateException if the JVM has no {@code sun.misc.Signal}
     */
    public static void onInterrupt(Runnable action) {
        Api.INSTANCE.handle("INT", handler(signalName -> action.run()));
    }

    /** A {@code sun.misc.SignalHandler} that passes the signal's name ("SIGINT") to {@code onSignal}. */
    private static Object handler(java.util.function.Consumer<String> onSignal) {
        InvocationHandler calls = (proxy, method, args) -> {
            switch (method.getName()) {
                case "handle":
                    onSignal.accept("SIG" + Api.INSTANCE.name(args[0]));
                    return null;
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                default:
                    return "StopSignal handler";
            }
        };
        return Proxy.newProxyInstance(
                StopSignal.class.getClassLoader(), new Class<?>[] {Api.INSTANCE.handlerClass}, calls);
    }

    /**
     * Makes this process ignore SIGINT. A child started by gipc calls it when its parent, not the terminal's
     * Ctrl-C, decides when it stops: Ctrl-C reaches every process of the terminal's foreground group, children
     * included.
     *
     * @throws IllegalStateException if the JVM has no {@code sun.misc.Signal}
     */
    public static void ignoreInterrupt() {
        Api.INSTANCE.handle("INT", Api.INSTANCE.ignore);
    }

    /** {@code sun.misc.Signal} and {@code sun.misc.SignalHandler}, looked up once. */
    private static final class Api {
        static final Api INSTANCE = new Api();

        final Class<?> handlerClass;
        final Object ignore;
        private final Constructor<?> newSignal;
        private final Method handle;
        private final Method getName;

        private Api() {
            try {
                Class<?> signalClass = Class.forName("sun.misc.Signal");
                handlerClass = Class.forName("sun.misc.SignalHandler");
                ignore = handlerClass.getField("SIG_IGN").get(null);
                newSignal = signalClass.getConstructor(String.class);
                handle = signalClass.getMethod("handle", signalClass, handlerClass);
                getName = signalClass.getMethod("getName");
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("this JVM has no usable sun.misc.Signal", e);
            }
        }

        void handle(String signal, Object handler) {
            try {
                handle.invoke(null, newSignal.newInstance(signal), handler);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot handle SIG" + signal, e);
            }
        }

        String name(Object signal) throws ReflectiveOperationException {
            return (String) getName.invoke(signal);
        }
    }
}
