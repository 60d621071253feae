package io.gipc.examples.showcase;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A pool of worker processes, each reached through its own gipc duplex pipe. Jobs go to an idle worker, or wait
 * in a queue while every worker is busy. Nothing here blocks an event loop: every pipe operation returns a
 * future, and the pool reacts in callbacks.
 *
 * <p>When a worker ends (killed, crashed, or silent for longer than the job timeout and then killed), the job it
 * was computing fails with a {@link JobFailedException} that says what happened, the pipe is closed, and a new
 * worker takes its slot. After {@value PoolSettings#MAX_START_FAILURES} workers in a row fail to start, the slot
 * stays empty; with every slot empty, requests fail with 503.
 *
 * <p>The state lives under one lock, held only for bookkeeping; futures are completed, and pipes and processes
 * touched, after it is released.
 */
public final class WorkerPool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);
    private static final Duration EXIT_GRACE = Duration.ofSeconds(5);
    private static final long CLOSE_WAIT_SECONDS = 10;

    /**
     * A job and the future of its answer.
     *
     * @param job the job
     * @param result completed with the worker's answer, or failed with a {@link JobFailedException}
     */
    record PendingJob(Messages.Job job, CompletableFuture<Messages.Answer> result) {
    }

    private final PoolSettings settings;
    /** Spawning a process blocks for a moment: it happens on this thread, never on an event loop. */
    private final ScheduledExecutorService starter;
    private final Object lock = new Object();

    // Guarded by lock.
    private final Worker[] slots;
    private final boolean[] lost;
    private final boolean[] everReady;
    private final List<Worker> live = new ArrayList<>();
    private final ArrayDeque<PendingJob> queue = new ArrayDeque<>();
    private final Map<Long, Long> servedByPid = new LinkedHashMap<>();
    private final List<Integer> exitCodesAtClose = new ArrayList<>();
    private int launching;
    private int readySlots;
    private int lostSlots;
    private int nextSlot;
    private long nextJobId;
    private int restarts;
    private int startFailuresInARow;
    private boolean closing;

    private final CompletableFuture<Void> allReady = new CompletableFuture<>();
    private final CompletableFuture<Void> allRetired = new CompletableFuture<>();

    /**
     * A pool; {@link #start()} starts its workers.
     *
     * @param settings how many workers, and their limits
     */
    public WorkerPool(PoolSettings settings) {
        this.settings = settings;
        this.slots = new Worker[settings.workers()];
        this.lost = new boolean[settings.workers()];
        this.everReady = new boolean[settings.workers()];
        this.starter = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "worker-starter");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts the workers.
     *
     * @return a future completed once every slot's first worker is ready, failed if a slot could not start one
     */
    public CompletableFuture<Void> start() {
        synchronized (lock) {
            for (int slot = 0; slot < slots.length; slot++) {
                launch(slot, 0);
            }
        }
        return allReady.copy();
    }

    /**
     * Hands a job to a worker.
     *
     * @param task what to compute
     * @param size the task's checked size
     * @return a future of the answer; it fails with a {@link JobFailedException}
     */
    public CompletableFuture<Messages.Answer> submit(Task task, long size) {
        CompletableFuture<Messages.Answer> result = new CompletableFuture<>();
        List<Runnable> after = new ArrayList<>();
        synchronized (lock) {
            if (closing) {
                fail(result, JobFailedException.Reason.UNAVAILABLE, "the server is stopping");
            } else if (lostSlots == slots.length) {
                fail(result, JobFailedException.Reason.UNAVAILABLE,
                        "no worker is running: they failed to start; see the server's log");
            } else {
                queue.add(new PendingJob(new Messages.Job(++nextJobId, task, size), result));
                dispatch(after);
                if (queue.size() > settings.queueLimit()) {
                    queue.pollLast();   // this job: the others came first
                    fail(result, JobFailedException.Reason.UNAVAILABLE, "all " + slots.length
                            + " workers are busy and " + settings.queueLimit() + " requests are waiting; try again"
                            + " later");
                }
            }
        }
        after.forEach(Runnable::run);
        return result;
    }

    /**
     * A snapshot of the pool.
     *
     * @return the workers, the jobs served per pid, the restarts and the queue's length
     */
    public PoolStats stats() {
        synchronized (lock) {
            List<PoolStats.WorkerInfo> workers = new ArrayList<>();
            for (Worker w : slots) {
                if (w != null) {
                    workers.add(new PoolStats.WorkerInfo(w.slot, w.pid(), w.state.name()));
                }
            }
            return new PoolStats(workers, servedByPid, restarts, queue.size());
        }
    }

    /**
     * The exit codes of the workers that ended after {@link #close()} was called: 0 for those told to stop,
     * -9 for those killed because they were busy or starting.
     *
     * @return the codes, in the order the workers ended
     */
    public List<Integer> exitCodesAtClose() {
        synchronized (lock) {
            return List.copyOf(exitCodesAtClose);
        }
    }

    /**
     * Stops the pool: queued jobs fail with 503, idle workers are told to stop (they exit 0), busy or starting
     * ones are killed; then it waits until every worker has ended and its pipe is closed. Blocks: call it from a
     * thread of your own, never from an event loop. If the calling thread is interrupted while it waits, the
     * workers still running are killed and the interrupt is kept.
     */
    @Override
    public void close() {
        List<Runnable> after = new ArrayList<>();
        synchronized (lock) {
            if (!closing) {
                closing = true;
                for (PendingJob job; (job = queue.poll()) != null; ) {
                    fail(job.result(), JobFailedException.Reason.UNAVAILABLE, "the server is stopping");
                }
                for (Worker w : live) {
                    if (w.state == Worker.State.IDLE) {
                        stop(w, after);
                    } else {
                        after.add(w::kill);
                    }
                }
                checkAllRetired(after);
            }
        }
        after.forEach(Runnable::run);
        try {
            awaitAllRetired();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killLive();
        } finally {
            starter.shutdownNow();
        }
    }

    private void awaitAllRetired() throws InterruptedException {
        try {
            allRetired.get(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            List<Worker> stuck = killLive();
            LOG.warn("workers {} did not stop in {} s; killed them", stuck, CLOSE_WAIT_SECONDS);
            try {
                allRetired.get(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException | ExecutionException again) {
                throw new IllegalStateException("workers " + stuck + " did not end", again);
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        starter.shutdown();
        starter.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private List<Worker> killLive() {
        List<Worker> workers;
        synchronized (lock) {
            workers = new ArrayList<>(live);
        }
        workers.forEach(Worker::kill);
        return workers;
    }

    // ---- starting workers ------------------------------------------------------------------------------------

    /** Schedules the start of a worker in {@code slot}. Called under the lock. */
    private void launch(int slot, long delayMillis) {
        launching++;
        starter.schedule(() -> spawn(slot), delayMillis, TimeUnit.MILLISECONDS);
    }

    /** Runs on the starter thread. */
    private void spawn(int slot) {
        synchronized (lock) {
            if (closing) {
                launching--;
                checkAllRetired(null);
                return;
            }
        }
        Worker w;
        try {
            w = Worker.start(slot, settings);
        } catch (RuntimeException | Error e) {
            LOG.error("could not start a worker for slot {}", slot, e);
            List<Runnable> after = new ArrayList<>();
            synchronized (lock) {
                launching--;
                startFailuresInARow++;
                replace(slot, after);
            }
            after.forEach(Runnable::run);
            return;
        }
        boolean kill;
        synchronized (lock) {
            launching--;
            live.add(w);
            slots[slot] = w;
            kill = closing;
        }
        LOG.debug("started {}", w);
        w.process.join().whenComplete((code, e) -> onExit(w, code));
        w.awaitReady(settings.startTimeout()).whenComplete((pid, e) -> onReady(w, e));
        if (kill) {
            w.kill();
        }
    }

    private void onReady(Worker w, Throwable failure) {
        List<Runnable> after = new ArrayList<>();
        synchronized (lock) {
            w.ioPending = false;
            if (failure == null && w.state == Worker.State.STARTING) {
                startFailuresInARow = 0;
                w.state = Worker.State.IDLE;
                if (!everReady[w.slot]) {
                    everReady[w.slot] = true;
                    if (++readySlots == slots.length) {
                        after.add(() -> allReady.complete(null));
                    }
                }
                if (closing) {
                    stop(w, after);
                } else {
                    dispatch(after);
                }
            } else {
                if (failure != null && !closing) {
                    LOG.warn("{} did not become ready: {}", w, unwrap(failure).toString());
                    startFailuresInARow++;
                }
                w.state = Worker.State.DOOMED;
                after.add(w::kill);
            }
            retireIfDone(w, after);
        }
        after.forEach(Runnable::run);
    }

    // ---- jobs ----------------------------------------------------------------------------------------------

    /** Gives queued jobs to idle workers, taking turns. Called under the lock; the I/O goes to {@code after}. */
    private void dispatch(List<Runnable> after) {
        while (!queue.isEmpty()) {
            Worker idle = nextIdle();
            if (idle == null) {
                return;
            }
            PendingJob job = queue.poll();
            idle.state = Worker.State.BUSY;
            idle.job = job;
            idle.ioPending = true;
            after.add(() -> idle.send(job.job(), settings.jobTimeout())
                    .whenComplete((answer, e) -> onAnswer(idle, job, answer, e)));
        }
    }

    private Worker nextIdle() {
        for (int i = 0; i < slots.length; i++) {
            Worker w = slots[(nextSlot + i) % slots.length];
            if (w != null && w.state == Worker.State.IDLE) {
                nextSlot = (w.slot + 1) % slots.length;
                return w;
            }
        }
        return null;
    }

    private void onAnswer(Worker w, PendingJob job, Object answer, Throwable failure) {
        Throwable cause = failure == null ? null : unwrap(failure);
        List<Runnable> after = new ArrayList<>();
        synchronized (lock) {
            w.ioPending = false;
            w.job = null;
            if (cause == null && answer instanceof Messages.Answer) {
                Messages.Answer a = (Messages.Answer) answer;
                servedByPid.merge(a.workerPid(), 1L, Long::sum);
                after.add(() -> job.result().complete(a));
                becomeIdle(w, after);
            } else if (cause == null && answer instanceof Messages.Failure) {
                String message = ((Messages.Failure) answer).message();
                after.add(() -> fail(job.result(), JobFailedException.Reason.TASK_FAILED, message));
                becomeIdle(w, after);
            } else if (cause instanceof TimeoutException) {
                LOG.warn("{} gave no answer within {}; killing it", w, human(settings.jobTimeout()));
                w.state = Worker.State.DOOMED;
                after.add(w::kill);
                after.add(() -> fail(job.result(), JobFailedException.Reason.TIMED_OUT, "worker pid " + w.pid()
                        + " gave no answer within " + human(settings.jobTimeout()) + "; it was killed"
                        + whatNext()));
            } else {
                // End of stream or a broken pipe: the worker is gone (or, with an unexpected message, confused).
                w.state = Worker.State.DOOMED;
                after.add(() -> failWhenEnded(w, job, cause != null ? cause.toString() : "unexpected " + answer));
            }
            retireIfDone(w, after);
        }
        after.forEach(Runnable::run);
    }

    /** Called under the lock after a job ended normally. */
    private void becomeIdle(Worker w, List<Runnable> after) {
        if (w.state != Worker.State.BUSY) {
            return;   // it ended meanwhile
        }
        w.state = Worker.State.IDLE;
        if (closing) {
            stop(w, after);
        } else {
            dispatch(after);
        }
    }

    /** Fails the job once the worker's exit code is known, so that the message can say how it ended. */
    private void failWhenEnded(Worker w, PendingJob job, String why) {
        w.process.join(EXIT_GRACE).whenComplete((code, e) -> {
            if (code == null) {
                LOG.warn("{} broke its pipe ({}) but did not end; killing it", w, why);
                w.kill();
            }
            String message;
            boolean stopping;
            synchronized (lock) {
                stopping = closing;
                message = "worker pid " + w.pid() + " " + Worker.describeExit(code)
                        + " while computing this request" + whatNext();
            }
            if (!stopping) {
                LOG.warn("{} {} while computing a request; a new worker is starting", w, Worker.describeExit(code));
            }
            fail(job.result(), JobFailedException.Reason.WORKER_DIED, message);
        });
    }

    /** Called under the lock. */
    private String whatNext() {
        return closing ? "; the server is stopping" : "; a new worker is starting";
    }

    // ---- ending workers --------------------------------------------------------------------------------------

    private void onExit(Worker w, Integer code) {
        List<Runnable> after = new ArrayList<>();
        synchronized (lock) {
            w.exited = true;
            w.exitCode = code;
            if (closing && code != null) {
                exitCodesAtClose.add(code);
            }
            if (!closing && w.state != Worker.State.DOOMED) {
                LOG.warn("{} {}; a new worker is starting", w, Worker.describeExit(code));
            }
            w.state = Worker.State.DOOMED;
            retireIfDone(w, after);
        }
        after.forEach(Runnable::run);
    }

    /** Tells an idle worker to stop. Called under the lock. */
    private void stop(Worker w, List<Runnable> after) {
        w.state = Worker.State.DOOMED;
        w.ioPending = true;
        after.add(() -> w.stop().whenComplete((v, e) -> onStopWritten(w)));
    }

    private void onStopWritten(Worker w) {
        List<Runnable> after = new ArrayList<>();
        synchronized (lock) {
            w.ioPending = false;
            retireIfDone(w, after);
        }
        after.forEach(Runnable::run);
    }

    /**
     * Once a worker has ended and its pipe has no operation pending: closes the pipe and, unless the pool is
     * closing, starts a replacement. Called under the lock.
     */
    private void retireIfDone(Worker w, List<Runnable> after) {
        if (w.retired || !w.exited || w.ioPending) {
            return;
        }
        w.retired = true;
        live.remove(w);
        if (slots[w.slot] == w) {
            slots[w.slot] = null;
        }
        after.add(w::closePipe);
        if (closing) {
            checkAllRetired(after);
        } else {
            replace(w.slot, after);
        }
    }

    /** Starts a worker for an empty slot, or gives the slot up. Called under the lock. */
    private void replace(int slot, List<Runnable> after) {
        if (closing) {
            checkAllRetired(after);
            return;
        }
        if (startFailuresInARow >= PoolSettings.MAX_START_FAILURES) {
            LOG.error("{} workers in a row failed to start; slot {} stays empty", startFailuresInARow, slot);
            lost[slot] = true;
            lostSlots++;
            if (!everReady[slot]) {
                after.add(() -> allReady.completeExceptionally(new IllegalStateException(
                        "workers failed to start; see the log")));
            }
            if (lostSlots == slots.length) {
                for (PendingJob job; (job = queue.poll()) != null; ) {
                    PendingJob j = job;
                    after.add(() -> fail(j.result(), JobFailedException.Reason.UNAVAILABLE,
                            "no worker is running: they failed to start; see the server's log"));
                }
            }
            return;
        }
        restarts++;
        launch(slot, 500L * startFailuresInARow);
    }

    /** Completes {@link #allRetired} once closing and nothing is left. Called under the lock. */
    private void checkAllRetired(List<Runnable> after) {
        if (closing && live.isEmpty() && launching == 0) {
            if (after != null) {
                after.add(() -> allRetired.complete(null));
            } else {
                allRetired.complete(null);
            }
        }
    }

    private static void fail(CompletableFuture<?> result, JobFailedException.Reason reason, String message) {
        result.completeExceptionally(new JobFailedException(reason, message));
    }

    private static String human(Duration d) {
        return d.toMillis() < 10_000 ? d.toMillis() + " ms" : d.toSeconds() + " s";
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
