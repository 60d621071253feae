package io.gipc.it.app;

import io.gipc.GProcess;
import io.gipc.Gipc;
import io.gipc.GipcDuplex;
import io.gipc.GipcDuplexPipe;
import io.gipc.GipcPipe;
import io.gipc.GipcPool;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Sends a String and a plain object through a pipe, starts a child JVM that echoes a message over a duplex pipe,
 * and prints what came out and how the modules were resolved.
 */
public final class Main {
    private Main() {}

    /** A plain object: no record, no no-arg constructor, private final fields, in a package that is not opened. */
    static final class Point {
        private final int x;
        private final int y;
        private final String label;

        Point(int x, int y, String label) {
            this.x = x;
            this.y = y;
            this.label = label;
        }

        @Override
        public String toString() {
            return "Point(" + x + ", " + y + ", " + label + ")";
        }
    }

    /**
     * @param args ignored
     * @throws Exception any failure: the JVM then exits 1
     */
    static int square(int x) {
        return x * x;
    }

    public static void main(String[] args) throws Exception {
        try (GipcPipe<Object> pipe = Gipc.pipe()) {
            pipe.writer().put("hello, module path").get(30, TimeUnit.SECONDS);
            Object s = pipe.reader().get().get(30, TimeUnit.SECONDS);
            System.out.println("string: " + s);

            pipe.writer().put(new Point(3, 4, "p")).get(30, TimeUnit.SECONDS);
            Object p = pipe.reader().get().get(30, TimeUnit.SECONDS);
            System.out.println("object: " + p + " of " + p.getClass().getName());
        }
        try (GipcDuplexPipe<String> pipe = Gipc.duplexPipe()) {
            // A lambda that captures the handle: the child's launcher must call $deserializeLambda$ itself (Java
            // serialization, its fallback, cannot carry a handle).
            GipcDuplex<String> childEnd = pipe.second();
            GProcess child = Gipc.startProcess(() -> echo(childEnd));
            pipe.first().put("hello, child").get(30, TimeUnit.SECONDS);
            System.out.println("parent got: " + pipe.first().get().get(60, TimeUnit.SECONDS));
            System.out.println("child exit code: " + child.join().get(60, TimeUnit.SECONDS));
        }
        // A worker pool: its workers run gipc's own loop (in a package of io.gipc.netty that is not open) and this
        // module's tasks.
        try (GipcPool pool = Gipc.pool().workers(1).name("modpool").start()) {
            System.out.println("pool: " + pool.submit(Main::square, 7).get(60, TimeUnit.SECONDS) + " "
                    + pool.map(Main::square, List.of(1, 2, 3)).get(60, TimeUnit.SECONDS));
        }
        System.out.println("open handles: " + Gipc.openHandles().size());
        System.out.println("api module: " + describe(Gipc.class.getModule()));
        System.out.println("provider module: "
                + ModuleLayer.boot()
                        .findModule("io.gipc.netty")
                        .map(Main::describe)
                        .orElse("absent"));
        System.out.println("io.protostuff in the boot layer: "
                + ModuleLayer.boot().modules().stream()
                        .anyMatch(m -> m.getPackages().contains("io.protostuff")));
    }

    /**
     * The child's target: answers one message. It prints where its class was loaded from before it answers, so
     * that the line comes before the parent's.
     */
    static void echo(GipcDuplex<String> duplex) throws Exception {
        String message = duplex.get().get(30, TimeUnit.SECONDS);
        System.out.println("child: got '" + message + "' in " + describe(Main.class.getModule()));
        duplex.put("echo of " + message).get(30, TimeUnit.SECONDS);
    }

    static String describe(Module m) {
        if (!m.isNamed()) {
            return "unnamed";
        }
        return m.getName() + (m.getDescriptor().isAutomatic() ? " (automatic)" : " (explicit)");
    }
}
