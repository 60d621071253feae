package io.gipc.netty.internal.transport;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that decode large messages off the event loops ({@link DecodingStage}): as many as there are
 * processors (at least 2), made when needed, ended after a minute idle, and daemons, so they never keep a JVM
 * alive. Each handle has at most one message in decoding at a time.
 */
final class DecodingThreads {
    private static final long IDLE_SECONDS = 60;

    private DecodingThreads() {}

    /** Created at first use: a JVM that never decodes a large message never starts one of these threads. */
    private static final class Holder {
        static final ThreadPoolExecutor EXECUTOR = create();

        private static ThreadPoolExecutor create() {
            int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
            AtomicInteger count = new AtomicInteger();
            ThreadPoolExecutor executor = new ThreadPoolExecutor(
                    threads, threads, IDLE_SECONDS, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
                        Thread thread = new Thread(task, "gipc-decoder-" + count.incrementAndGet());
                        thread.setDaemon(true);
                        return thread;
                    });
            executor.allowCoreThreadTimeOut(true);
            return executor;
        }
    }

    /**
     * Runs a decoding task.
     *
     * @param task the task
     * @throws java.util.concurrent.RejectedExecutionException if no thread can be started (the caller decodes
     *         on its own thread instead)
     */
    static void execute(Runnable task) {
        Holder.EXECUTOR.execute(task);
    }
}
