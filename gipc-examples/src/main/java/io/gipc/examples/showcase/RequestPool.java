package io.gipc.examples.showcase;

import io.gipc.GProcess;
import io.gipc.Gipc;
import io.gipc.GipcException;
import io.gipc.GipcFuture;
import io.gipc.GipcPool;
import io.gipc.GipcPoolStats;
import io.gipc.GipcPoolWorker;
import io.gipc.GipcTaskTimeoutException;
import io.gipc.GipcWorkerDiedException;
import io.gipc.examples.support.StopSignal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The server's worker processes: a {@link GipcPool} ({@code Gipc.pool()}), and what the HTTP layer needs around
 * it. It turns each failure of a computation into a {@link JobFailedException} whose reason is an HTTP status (a
 * dead worker 502, a full queue or a stopping server 503, a timeout 504, a task that threw 500), counts the
 * requests each worker answered, and keeps the requests in flight so that a closed connection, or the server
 * stopping, can cancel theirs.
 *
 * <p>The pool does the rest: queueing, replacing a worker that died or timed out, restarting after failed starts.
 */
public final class RequestPool implements AutoCloseable {
    private static final long CLOSE_WAIT_SECONDS = 30;

    private final PoolSettings settings;
    private final GipcPool pool;
    private final Set<Job> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<Long, Long> servedByPid = new LinkedHashMap<>(); // guarded by itself
    private volatile boolean stopping;
    private List<Integer> exitCodesAtClose = List.of();

    /**
     * A request's computation in the pool.
     */
    public final class Job {
        private final GipcFuture<Messages.Answer> task;
        private final CompletableFuture<Messages.Answer> result;
        /** Why it was cancelled, if it was: the status its request gets. */
        private volatile JobFailedException cancelledBecause;

        private Job(GipcFuture<Messages.Answer> task) {
            this.task = task;
            this.result = task.handle((answer, failure) -> {
                inFlight.remove(this);
                if (failure == null) {
                    synchronized (servedByPid) {
                        servedByPid.merge(answer.workerPid(), 1L, Long::sum);
                    }
                    return answer;
                }
                throw failureOf(this, failure);
            });
        }

        /**
         * The answer, or a {@link JobFailedException}.
         *
         * @return the future of the answer
         */
        public CompletableFuture<Messages.Answer> result() {
            return result;
        }

        /**
         * Nobody waits for the answer any more (the client closed its connection): a queued computation is
         * dropped, a running one is stopped by killing its worker, which the pool replaces.
         */
        public void abandon() {
            cancel(new JobFailedException(JobFailedException.Reason.UNAVAILABLE, "the client went away"));
        }

        private void cancel(JobFailedException because) {
            if (task.isDone()) {
                return;
            }
            cancelledBecause = because;
            task.cancel(true);
        }
    }

    /**
     * Starts the pool's workers in the background.
     *
     * @param settings how many workers, and their limits
     */
    public RequestPool(PoolSettings settings) {
        this.settings = settings;
        this.pool = Gipc.pool()
                .name("worker")
                .workers(settings.workers())
                .maxQueued(settings.queueLimit())
                .taskTimeout(settings.jobTimeout())
                .initializer(StopSignal::ignoreInterrupt) // Ctrl-C in a terminal is for the server, not the workers
                .jvmOptions(settings.jvmOptions().toArray(new String[0]))
                .start();
    }

    /**
     * Completes once every worker is ready.
     *
     * @return the pool's {@code ready()}
     */
    public CompletableFuture<Void> ready() {
        return pool.ready();
    }

    /**
     * Hands a computation to a worker.
     *
     * @param task what to compute
     * @param size the task's checked size
     * @return the job; its result fails with a {@link JobFailedException}
     */
    public Job submit(Task task, long size) {
        Job job = new Job(pool.submit(RequestPool::compute, task, size));
        if (!job.task.isDone()) {
            inFlight.add(job);
        }
        return job;
    }

    /** What a worker runs for a request. */
    static Messages.Answer compute(Task task, long size) {
        long start = System.nanoTime();
        String value = task.compute(size);
        return new Messages.Answer(value, ProcessHandle.current().pid(), System.nanoTime() - start);
    }

    private JobFailedException failureOf(Job job, Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        String next = stopping ? "; the server is stopping" : "; a new worker is starting";
        if (cause instanceof CancellationException && job.cancelledBecause != null) {
            return job.cancelledBecause;
        } else if (cause instanceof GipcWorkerDiedException) {
            GipcWorkerDiedException died = (GipcWorkerDiedException) cause;
            return new JobFailedException(
                    JobFailedException.Reason.WORKER_DIED,
                    "worker pid " + died.pid() + " " + describeExit(died.exitCode()) + " while computing this request"
                            + next);
        } else if (cause instanceof GipcTaskTimeoutException) {
            GipcTaskTimeoutException late = (GipcTaskTimeoutException) cause;
            return new JobFailedException(
                    JobFailedException.Reason.TIMED_OUT,
                    "worker pid " + late.pid() + " gave no answer within " + human(late.timeout()) + "; it was killed"
                            + next);
        } else if (cause instanceof RejectedExecutionException) {
            return new JobFailedException(
                    JobFailedException.Reason.UNAVAILABLE,
                    stopping
                            ? "the server is stopping"
                            : "all " + settings.workers() + " workers are busy and " + settings.queueLimit()
                                    + " requests are waiting; try again later");
        } else if (cause instanceof GipcException && !(cause instanceof io.gipc.GipcCodecException)) {
            return new JobFailedException(
                    JobFailedException.Reason.UNAVAILABLE, "no worker is running: " + cause.getMessage());
        }
        return new JobFailedException(JobFailedException.Reason.TASK_FAILED, cause.toString());
    }

    /**
     * A snapshot: each live worker and what it does, the requests each worker answered, restarts, the queue.
     *
     * @return the snapshot
     */
    public PoolStats stats() {
        List<PoolStats.WorkerInfo> workers = new ArrayList<>();
        for (GipcPoolWorker w : pool.workerStatus()) {
            workers.add(new PoolStats.WorkerInfo(w.process().pid(), w.status().name()));
        }
        GipcPoolStats s = pool.stats();
        synchronized (servedByPid) {
            return new PoolStats(workers, servedByPid, (int) s.workerRestarts(), s.queued());
        }
    }

    /**
     * The exit codes of the workers that were alive when {@link #close()} was called: 0 for those that were idle,
     * -9 for those killed because they were computing.
     *
     * @return the codes, in the order the workers were started
     */
    public List<Integer> exitCodesAtClose() {
        return exitCodesAtClose;
    }

    /**
     * Stops the pool: queued requests get 503, running ones 502 (their workers are killed), idle workers exit 0;
     * then waits until every worker has ended. Blocks: call it from a thread of your own, never from an event
     * loop.
     */
    @Override
    public void close() {
        stopping = true;
        List<GProcess> workers = pool.workers();
        GipcFuture<Void> done = pool.shutdown();
        for (Job job : new ArrayList<>(inFlight)) {
            // Set before the cancel, whose callbacks (the request's answer) run within it.
            job.cancelledBecause =
                    new JobFailedException(JobFailedException.Reason.UNAVAILABLE, "the server is stopping");
            if (!job.task.cancel(false)) { // it is running: its worker is killed
                job.cancel(new JobFailedException(
                        JobFailedException.Reason.WORKER_DIED,
                        "its worker was killed" + " while computing this request; the server is stopping"));
            }
        }
        try {
            done.get(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            pool.shutdownNow();
            done.join();
        }
        List<Integer> codes = new ArrayList<>();
        for (GProcess w : workers) {
            codes.add(w.join().join());
        }
        exitCodesAtClose = List.copyOf(codes);
    }

    /**
     * Says how a process ended, for people.
     *
     * @param exitCode gipc's exit code (negative: killed by that signal), or null if it did not end
     * @return such as "was killed by signal 9 (SIGKILL)" or "exited with 1"
     */
    static String describeExit(Integer exitCode) {
        if (exitCode == null) {
            return "stopped answering";
        }
        if (exitCode >= 0) {
            return "exited with " + exitCode;
        }
        int signal = -exitCode;
        String name = signal == 9 ? " (SIGKILL)" : signal == 15 ? " (SIGTERM)" : signal == 2 ? " (SIGINT)" : "";
        return "was killed by signal " + signal + name;
    }

    private static String human(Duration d) {
        return d.toMillis() < 10_000 ? d.toMillis() + " ms" : d.toSeconds() + " s";
    }
}
