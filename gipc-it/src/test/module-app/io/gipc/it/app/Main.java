package io.gipc.it.app;

import io.gipc.Gipc;
import io.gipc.GipcPipe;

import java.util.concurrent.TimeUnit;

/** Sends a String and a plain object through a pipe, prints what came out and how the modules were resolved. */
public final class Main {
    private Main() {
    }

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
    public static void main(String[] args) throws Exception {
        try (GipcPipe<Object> pipe = Gipc.pipe()) {
            pipe.writer().put("hello, module path").get(30, TimeUnit.SECONDS);
            Object s = pipe.reader().get().get(30, TimeUnit.SECONDS);
            System.out.println("string: " + s);

            pipe.writer().put(new Point(3, 4, "p")).get(30, TimeUnit.SECONDS);
            Object p = pipe.reader().get().get(30, TimeUnit.SECONDS);
            System.out.println("object: " + p + " of " + p.getClass().getName());
        }
        System.out.println("open handles: " + Gipc.openHandles().size());
        System.out.println("api module: " + describe(Gipc.class.getModule()));
        System.out.println("provider module: " + ModuleLayer.boot().findModule("io.gipc.netty")
                .map(Main::describe).orElse("absent"));
        System.out.println("io.protostuff in the boot layer: " + ModuleLayer.boot().modules().stream()
                .anyMatch(m -> m.getPackages().contains("io.protostuff")));
    }

    private static String describe(Module m) {
        if (!m.isNamed()) {
            return "unnamed";
        }
        return m.getName() + (m.getDescriptor().isAutomatic() ? " (automatic)" : " (explicit)");
    }
}
