package io.gipc.it.boot;

import io.gipc.GProcess;
import io.gipc.Gipc;
import io.gipc.GipcDuplex;
import io.gipc.GipcDuplexPipe;
import io.gipc.GipcPool;
import io.netty.util.Version;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The application that BootJarIT packages as a Spring Boot executable jar (its classes in {@code BOOT-INF/classes},
 * gipc and its dependencies in {@code BOOT-INF/lib}) and runs in every layout Spring Boot offers. It starts a child
 * whose target is in this class, then a pool whose tasks are, and prints what came back, one line each, and which
 * class loader loaded this class in the parent, the child and a worker.
 */
public final class BootApp {
    private BootApp() {}

    /**
     * @param args ignored
     * @throws Exception any failure: the JVM then exits 1
     */
    public static void main(String[] args) throws Exception {
        System.out.println("parent loader: " + loaderOfThisClass());
        try (GipcDuplexPipe<String> pipe = Gipc.duplexPipe()) {
            GipcDuplex<String> childEnd = pipe.second();
            GProcess child = Gipc.startProcess(() -> echo(childEnd));
            pipe.first().put("hello").get(30, TimeUnit.SECONDS);
            System.out.println("child said: " + pipe.first().get().get(60, TimeUnit.SECONDS));
            System.out.println("child exit code: " + child.join().get(60, TimeUnit.SECONDS));
        }
        GipcPool pool = Gipc.pool().workers(2).name("boot").start();
        List<GProcess> workers;
        try {
            pool.ready().get(60, TimeUnit.SECONDS);
            workers = pool.workers();
            System.out.println("pool squares: "
                    + pool.map(BootApp::square, List.of(1, 2, 3, 4)).get(60, TimeUnit.SECONDS));
            // A task that uses a class of a library (Netty, in BOOT-INF/lib) and says where this class came from.
            System.out.println("worker: " + pool.submit(BootApp::describeWorker).get(60, TimeUnit.SECONDS));
        } finally {
            pool.shutdown().get(60, TimeUnit.SECONDS);
        }
        System.out.println("worker exit codes: "
                + workers.stream().map(w -> w.join().join()).distinct().toList());
        System.out.println("open handles: " + Gipc.openHandles().size());
    }

    static void echo(GipcDuplex<String> duplex) throws Exception {
        String message = duplex.get().get(30, TimeUnit.SECONDS);
        duplex.put(message + " from a child, loader " + loaderOfThisClass()).get(30, TimeUnit.SECONDS);
    }

    static int square(int x) {
        return x * x;
    }

    static String describeWorker() {
        return "loader " + loaderOfThisClass() + ", netty "
                + !Version.identify().isEmpty();
    }

    /** The simple name of the class loader of this class: Spring Boot's, or the JDK's application class loader. */
    static String loaderOfThisClass() {
        return BootApp.class.getClassLoader().getClass().getSimpleName();
    }
}
