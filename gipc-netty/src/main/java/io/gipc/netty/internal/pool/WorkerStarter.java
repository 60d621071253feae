package io.gipc.netty.internal.pool;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pool's threads that spawn workers. {@code Gipc.startProcess} blocks while it spawns a JVM, so it never
 * runs on an event loop or on a submitter's thread: each start gets a short-lived daemon thread of its own,
 * which ends as soon as its worker is spawned. Starts are rare (the first round, then replacements), and a pool
 * that is idle or shut down keeps no thread at all.
 */
final class WorkerStarter {
    private final String poolName;
    private final AtomicInteger running = new AtomicInteger();
    /** Threads started and not yet seen dead. */
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    private final AtomicInteger count = new AtomicInteger();

    WorkerStarter(String poolName) {
        this.poolName = poolName;
    }

    /**
     * Runs {@code start} on a new daemon thread.
     *
     * @param start the start of one worker
     */
    void start(Runnable start) {
        running.incrementAndGet();
        Thread t = new Thread(
                () -> {
                    try {
                        start.run();
                    } finally {
                        running.decrementAndGet();
                    }
                },
                poolName + "-starter-" + count.incrementAndGet());
        t.setDaemon(true);
        threads.add(t);
        try {
            t.start();
        } catch (Throwable e) { // OutOfMemoryError: unable to create native thread
            threads.remove(t);
            running.decrementAndGet();
            throw e;
        }
    }

    /**
     * Whether no start is running. A thread counts until its last instruction, not until the OS reaps it: see
     * {@link #threadsGone()} for that.
     *
     * @return true if no start is under way
     */
    boolean idle() {
        return running.get() == 0;
    }

    /**
     * Whether every thread this starter made has ended for good.
     *
     * @return true if none is alive
     */
    boolean threadsGone() {
        if (!idle()) {
            return false;
        }
        threads.removeIf(t -> !t.isAlive());
        return threads.isEmpty();
    }
}
