package io.gipc.netty.internal.pool;

import io.gipc.GProcess;
import io.gipc.Gipc;
import io.gipc.GipcClosedException;
import io.gipc.GipcCodecException;
import io.gipc.GipcDuplex;
import io.gipc.GipcDuplexPipe;
import io.gipc.GipcException;
import io.gipc.GipcFuture;
import io.gipc.GipcPipeOptions;
import io.gipc.GipcPool;
import io.gipc.GipcPoolStats;
import io.gipc.GipcPoolWorker;
import io.gipc.GipcTaskTimeoutException;
import io.gipc.GipcTarget0;
import io.gipc.GipcTarget2;
import io.gipc.GipcTask0;
import io.gipc.GipcTask1;
import io.gipc.GipcTask2;
import io.gipc.GipcWorkerDiedException;
import io.gipc.netty.internal.codec.DefaultCodec;
import io.gipc.netty.internal.codec.HandleSink;
import io.gipc.netty.internal.transport.EventLoops;
import io.gipc.netty.internal.transport.HandleClosing;
import io.gipc.netty.internal.transport.LoopFuture;
import io.gipc.netty.internal.transport.NativeTransport;
import io.gipc.netty.internal.transport.NettyPipes;
import io.gipc.spi.PoolRequest;
import io.netty.channel.EventLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A pool of worker processes ({@code Gipc.pool()}): the queue, the workers, and every decision about them.
 *
 * <p>Concurrency: one lock ({@link #lock}) guards all of the pool's state, the fields of its {@link PoolWorker}s
 * and {@link PoolJob}s, and the claiming of its futures. It is held for bookkeeping and for handing a message to
 * a pipe ({@code put} encodes and queues the frame; it never blocks), never while a future is completed: what a
 * decision completes is collected and run after the lock is released, so callbacks chained on the futures never
 * run under it. Submitters' threads, event-loop callbacks (answers, exits, timers) and the starter threads all
 * go through it.
 *
 * <p>Threads: none of its own but short-lived starters ({@link WorkerStarter}), since spawning a JVM blocks.
 * Answers, exits and timers are handled in callbacks on gipc's event loops; {@link #timers} is the loop whose
 * timers time tasks and pause restarts.
 *
 * <p>No pipelining: a worker is sent its next task only once it answered the last one. A task sent ahead could
 * start before an earlier one waiting for another worker, and a cancel could not be told at once whether the
 * task had started.
 */
public final class NettyGipcPool implements GipcPool {
    private static final Logger LOG = LoggerFactory.getLogger(NettyGipcPool.class);
    /** What each worker runs; a method reference, shipped like any target. */
    private static final GipcTarget2<GipcDuplex<Object>, GipcTarget0> WORKER_LOOP = WorkerLoop::run;
    /** How long a worker's pipe may stay open after its process exited (a grandchild holding it). */
    private static final long PIPE_GRACE_MILLIS = 2000;

    private final PoolRequest settings;
    private final TaskCatalog catalog = new TaskCatalog();
    private final EventLoop timers;
    private final WorkerStarter starter;
    private final Object lock = new Object();

    // Guarded by lock.
    private final ArrayDeque<PoolJob> queue = new ArrayDeque<>();
    private final List<PoolWorker> live = new ArrayList<>();
    private final ArrayDeque<PoolWorker> idle = new ArrayDeque<>();
    private final List<ScheduledFuture<?>> pausedStarts = new ArrayList<>();
    private final PoolTally tally = new PoolTally();
    private final RestartPolicy restartPolicy = new RestartPolicy();
    private int startsPending;
    private int nextNumber;
    /** Workers that became ready, replacements included. */
    private int readyCount;
    private boolean shutdown;
    private boolean killed;
    private boolean readyClaimed;
    private boolean terminatedClaimed;
    /** Set while workers keep failing to start: what tasks fail with. */
    private GipcException startFailure;

    private final LoopFuture<Void> ready = new LoopFuture<>();
    private final LoopFuture<Void> terminated = new LoopFuture<>();

    private NettyGipcPool(PoolRequest settings) {
        this.settings = settings;
        this.timers = EventLoops.processGroup().next();
        this.starter = new WorkerStarter(settings.name());
    }

    /**
     * Starts a pool: checks that its initializer can be shipped, then starts its workers in the background.
     *
     * @param settings the pool's settings
     * @return the pool
     */
    public static GipcPool start(PoolRequest settings) {
        NativeTransport.current();   // on an unsupported platform: a GipcException saying why
        if (settings.initializer() != null) {
            try {
                DefaultCodec.encode(settings.initializer());
            } catch (GipcCodecException e) {
                throw new GipcCodecException("cannot ship the initializer of pool " + settings.name()
                        + " to its workers: " + e.getMessage(), e);
            }
        }
        NettyGipcPool pool = new NettyGipcPool(settings);
        synchronized (pool.lock) {
            for (int i = 0; i < settings.workers(); i++) {
                pool.launch(Duration.ZERO);
            }
        }
        LOG.debug("pool {} started: {} worker(s), maxQueued {}, taskTimeout {}, maxTasksPerWorker {}",
                settings.name(), settings.workers(), settings.maxQueued(), settings.taskTimeout(),
                settings.maxTasksPerWorker());
        return pool;
    }

    // ---- submitting

    @Override
    public <R> GipcFuture<R> submit(GipcTask0<R> task) {
        return submitCall(Objects.requireNonNull(task, "task"), null, null);
    }

    @Override
    public <A, R> GipcFuture<R> submit(GipcTask1<A, R> task, A a) {
        return submitCall(Objects.requireNonNull(task, "task"), a, null);
    }

    @Override
    public <A, B, R> GipcFuture<R> submit(GipcTask2<A, B, R> task, A a, B b) {
        return submitCall(Objects.requireNonNull(task, "task"), a, b);
    }

    @SuppressWarnings("unchecked")
    private <R> GipcFuture<R> submitCall(Object task, Object a, Object b) {
        int number;
        try {
            number = catalog.numberOf(task);
        } catch (GipcCodecException e) {
            return LoopFuture.failed(cannotShip(task, e));
        }
        PoolFuture<Object> future = new PoolFuture<>(this);
        SingleTask job = new SingleTask(task, number, a, b, future);
        List<Runnable> after = new ArrayList<>(2);
        boolean sent = false;
        synchronized (lock) {
            RuntimeException refused = refusal();
            if (refused != null) {
                return LoopFuture.failed(refused);
            }
            if (queue.isEmpty() && !idle.isEmpty()) {
                // A worker is free: the put encodes the task, once, and says at once if it cannot be shipped.
                assign(idle.poll(), job, after);
                sent = true;
            }
        }
        if (!sent) {
            // It will wait: check that it can be shipped now, on the submitter's thread, not when a worker frees up.
            GipcCodecException unshippable = shippability(job);
            if (unshippable != null) {
                return LoopFuture.failed(unshippable);
            }
            synchronized (lock) {
                RuntimeException refused = refusal();
                if (refused == null && idle.isEmpty() && queue.size() >= settings.maxQueued()) {
                    refused = new RejectedExecutionException("pool " + settings.name() + ": all "
                            + settings.workers() + " workers are busy or starting and " + queue.size()
                            + " task(s) are waiting (maxQueued " + settings.maxQueued() + "); task "
                            + TaskNames.of(task) + " was not queued");
                }
                if (refused != null) {
                    return LoopFuture.failed(refused);
                }
                queue.add(job);
                dispatch(after);
            }
        }
        runAll(after);
        return (GipcFuture<R>) future;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <A, R> GipcFuture<List<R>> map(GipcTask1<A, R> task, List<? extends A> inputs) {
        Objects.requireNonNull(task, "task");
        List<Object> copy = new ArrayList<>(Objects.requireNonNull(inputs, "inputs"));
        PoolFuture<List<Object>> future = new PoolFuture<>(this);
        synchronized (lock) {
            RuntimeException refused = refusal();
            if (refused != null) {
                return LoopFuture.failed(refused);
            }
        }
        if (copy.isEmpty()) {
            LoopFuture<List<R>> none = new LoopFuture<>();
            none.succeedNow(new ArrayList<>());
            return none;
        }
        int number;
        try {
            number = catalog.numberOf(task);
        } catch (GipcCodecException e) {
            return LoopFuture.failed(cannotShip(task, e));
        }
        MapRun run = new MapRun(task, number, copy, MapRun.batchSize(copy.size(), settings.workers(),
                settings.taskTimeout() != null), future);
        for (MapRun.Batch batch : run.batches()) {
            GipcCodecException unshippable = shippability(batch);
            if (unshippable != null) {
                return LoopFuture.failed(unshippable);
            }
        }
        List<Runnable> after = new ArrayList<>();
        synchronized (lock) {
            RuntimeException refused = refusal();
            if (refused != null) {
                return LoopFuture.failed(refused);
            }
            int waiting = queue.size() + Math.max(0, run.batches().size() - (queue.isEmpty() ? idle.size() : 0));
            if (waiting > settings.maxQueued()) {
                return LoopFuture.failed(new RejectedExecutionException("pool " + settings.name() + ": a map of "
                        + copy.size() + " inputs in " + run.batches().size() + " batches would make "
                        + waiting + " tasks wait (maxQueued " + settings.maxQueued() + "); nothing was queued"));
            }
            queue.addAll(run.batches());
            dispatch(after);
        }
        runAll(after);
        return (GipcFuture) future;
    }

    /** Under the lock: why a new task is refused now, or null. */
    private RuntimeException refusal() {
        if (shutdown) {
            return new RejectedExecutionException("pool " + settings.name() + " is shut down; it takes no new tasks");
        }
        if (startFailure != null) {
            return new GipcException(startFailure.getMessage(), startFailure.getCause());
        }
        return null;
    }

    /**
     * Encodes a job's message as the put will, handles allowed, to refuse at once what cannot be shipped. A
     * numbered task was shown to encode when it was numbered: only the arguments are encoded again.
     */
    private GipcCodecException shippability(PoolJob job) {
        try {
            DefaultCodec.encode(job.messageToCheck(), new HandleSink());
            return null;
        } catch (GipcCodecException e) {
            return cannotShip(job.task(), e);
        }
    }

    private GipcCodecException cannotShip(Object task, GipcCodecException e) {
        return new GipcCodecException("cannot ship task " + TaskNames.of(task) + " or its arguments to a worker of"
                + " pool " + settings.name() + "; it was not run: " + e.getMessage(), e);
    }

    // ---- dispatching (all under the lock)

    /** Hands queued jobs to idle workers, oldest first. */
    private void dispatch(List<Runnable> after) {
        while (!queue.isEmpty() && !idle.isEmpty()) {
            assign(idle.poll(), queue.poll(), after);
        }
    }

    private void assign(PoolWorker worker, PoolJob job, List<Runnable> after) {
        job.state = PoolJob.State.RUNNING;
        job.worker = worker;
        worker.current = job;
        worker.state = PoolWorker.State.BUSY;
        GipcException refused;
        try {
            refused = worker.send(job.message(worker));
        } catch (GipcException closing) {
            // The worker's pipe was closed under it (it is ending): the job never left, so it waits again.
            detach(worker);
            worker.state = PoolWorker.State.KILLED;
            job.state = PoolJob.State.QUEUED;
            queue.addFirst(job);
            return;
        }
        if (refused != null) {
            detach(worker);
            job.state = PoolJob.State.DONE;
            addIfAny(after, job.failed(refused instanceof GipcCodecException
                    ? cannotShip(job.task(), (GipcCodecException) refused) : refused, tally));
            dropQueuedBatches(job);
            becomeFree(worker, after);
            return;
        }
        if (settings.taskTimeout() != null) {
            worker.timer = timers.schedule(() -> timedOut(worker, job), settings.taskTimeout().toNanos(),
                    TimeUnit.NANOSECONDS);
        }
    }

    /** The worker has nothing to do: retire it, give it the next job, stop it, or let it wait. */
    private void becomeFree(PoolWorker worker, List<Runnable> after) {
        if (settings.maxTasksPerWorker() > 0 && worker.jobsRun >= settings.maxTasksPerWorker()) {
            LOG.debug("pool {}: {} ran {} task(s) and retires", settings.name(), worker, worker.jobsRun);
            stop(worker);
            replaceIfNeeded(Duration.ZERO);
            return;
        }
        PoolJob next = queue.poll();
        if (next != null) {
            assign(worker, next, after);
        } else if (shutdown) {
            stop(worker);
        } else {
            worker.state = PoolWorker.State.IDLE;
            idle.add(worker);
        }
    }

    private void stop(PoolWorker worker) {
        worker.state = PoolWorker.State.STOPPING;
        idle.remove(worker);
        try {
            worker.send(WireMessages.Signal.STOP);
        } catch (GipcException closing) {
            // ending already
        }
    }

    private void kill(PoolWorker worker) {
        worker.state = PoolWorker.State.KILLED;
        idle.remove(worker);
        worker.process.kill();
    }

    /** Takes the current job off a worker, its timer with it. */
    private PoolJob detach(PoolWorker worker) {
        PoolJob job = worker.current;
        worker.current = null;
        if (worker.timer != null) {
            worker.timer.cancel(false);
            worker.timer = null;
        }
        if (job != null) {
            job.worker = null;
        }
        return job;
    }

    /** A map failed or was cancelled: its batches still queued will not run. */
    private void dropQueuedBatches(PoolJob job) {
        if (job instanceof MapRun.Batch && job.future().claimed()) {
            for (MapRun.Batch b : ((MapRun.Batch) job).run().batches()) {
                if (b.state == PoolJob.State.QUEUED) {
                    queue.remove(b);
                    b.state = PoolJob.State.DONE;
                }
            }
        }
    }

    // ---- what workers say (on event loops)

    void messageFrom(PoolWorker worker, Object message) {
        List<Runnable> after = new ArrayList<>(2);
        synchronized (lock) {
            if (message == WireMessages.Signal.READY) {
                workerReady(worker, after);
            } else if (message instanceof WireMessages.InitFailed) {
                worker.initFailure = ((WireMessages.InitFailed) message).failure();
            } else if (message instanceof WireMessages.Unreadable) {
                unreadableTask(worker, ((WireMessages.Unreadable) message).reason(), after);
            } else {
                PoolJob job = detach(worker);
                if (job != null) {   // else it was cancelled or timed out, and the worker is being killed
                    worker.jobsRun++;
                    job.state = PoolJob.State.DONE;
                    Runnable done = job.answered(message, tally);
                    dropQueuedBatches(job);
                    if (worker.state == PoolWorker.State.BUSY) {
                        becomeFree(worker, after);   // the next job goes out before this one's future completes
                    }
                    addIfAny(after, done);
                }
            }
        }
        runAll(after);
    }

    /** Under the lock: the worker could not rebuild its current task. */
    private void unreadableTask(PoolWorker worker, String reason, List<Runnable> after) {
        PoolJob job = detach(worker);
        if (job == null) {
            return;
        }
        if (job.taskNumber() != TaskCatalog.NONE) {
            worker.knownTasks.clear(job.taskNumber());   // it was not kept: send it whole next time
        }
        worker.jobsRun++;
        job.state = PoolJob.State.DONE;
        addIfAny(after, job.failed(new GipcCodecException("worker " + worker + " cannot rebuild task "
                + TaskNames.of(job.task()) + " or its arguments: " + reason), tally));
        dropQueuedBatches(job);
        if (worker.state == PoolWorker.State.BUSY) {
            becomeFree(worker, after);
        }
    }

    void unreadableAnswer(PoolWorker worker, GipcCodecException failure) {
        List<Runnable> after = new ArrayList<>(2);
        synchronized (lock) {
            PoolJob job = detach(worker);
            if (job != null) {
                worker.jobsRun++;
                job.state = PoolJob.State.DONE;
                addIfAny(after, job.failed(new GipcCodecException("the answer of " + worker + " to task "
                        + TaskNames.of(job.task()) + " cannot be read here: " + failure.getMessage(), failure),
                        tally));
                dropQueuedBatches(job);
                if (worker.state == PoolWorker.State.BUSY) {
                    becomeFree(worker, after);
                }
            }
        }
        runAll(after);
    }

    private void workerReady(PoolWorker worker, List<Runnable> after) {
        worker.everReady = true;
        restartPolicy.succeeded();
        if (startFailure != null) {
            LOG.info("pool {}: {} started; the pool takes tasks again", settings.name(), worker);
            startFailure = null;
        }
        if (worker.state != PoolWorker.State.STARTING) {
            return;   // killed meanwhile (shutdownNow)
        }
        LOG.debug("pool {}: {} is ready", settings.name(), worker);
        readyCount++;
        becomeFree(worker, after);
        if (!readyClaimed && readyCount >= settings.workers()) {
            readyClaimed = true;
            after.add(() -> ready.succeedNow(null));
        }
    }

    private void timedOut(PoolWorker worker, PoolJob job) {
        List<Runnable> after = new ArrayList<>(1);
        synchronized (lock) {
            if (worker.current != job) {
                return;   // answered just before
            }
            worker.timer = null;
            detach(worker);
            job.state = PoolJob.State.DONE;
            LOG.warn("pool {}: task {} ran longer than {} on {}; killing the worker", settings.name(),
                    TaskNames.of(job.task()), settings.taskTimeout(), worker);
            addIfAny(after, job.failed(new GipcTaskTimeoutException("task " + TaskNames.of(job.task())
                    + " ran longer than " + settings.taskTimeout() + " on worker " + worker + " of pool "
                    + settings.name() + "; the worker was killed", settings.taskTimeout(), worker.process.pid()),
                    tally));
            dropQueuedBatches(job);
            kill(worker);
            replaceIfNeeded(Duration.ZERO);
        }
        runAll(after);
    }

    void afterExit(PoolWorker worker, CompletableFuture<Void> readerEnded) {
        timers.schedule(() -> {
            if (!readerEnded.isDone()) {
                LOG.debug("pool {}: the pipe of {} stayed open after it exited; closing it", settings.name(), worker);
                worker.stopReading();
            }
        }, PIPE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The worker's process exited and its pipe reached its end (or was given up on). */
    void workerEnded(PoolWorker worker, int exitCode) {
        List<Runnable> after = new ArrayList<>(2);
        synchronized (lock) {
            PoolWorker.State was = worker.state;
            worker.state = PoolWorker.State.ENDED;
            idle.remove(worker);
            PoolJob job = detach(worker);
            Duration pause = Duration.ZERO;
            if (job != null) {
                job.state = PoolJob.State.DONE;
                String task = TaskNames.of(job.task());
                LOG.warn("pool {}: worker {} died with exit code {} while running task {}; starting a new one",
                        settings.name(), worker, exitCode, task);
                addIfAny(after, job.failed(new GipcWorkerDiedException("worker " + worker + " of pool "
                        + settings.name() + " died with exit code " + exitCode + " while running task " + task,
                        exitCode, worker.process.pid()), tally));
                dropQueuedBatches(job);
            } else if (!worker.everReady && was == PoolWorker.State.STARTING && !killed) {
                pause = startFailed(worker.toString(), exitCode, worker.initFailure, after);
            } else if (was == PoolWorker.State.IDLE || (was == PoolWorker.State.STOPPING && exitCode != 0)) {
                LOG.warn("pool {}: worker {} ended with exit code {} while idle; starting a new one",
                        settings.name(), worker, exitCode);
            } else {
                LOG.debug("pool {}: {} ended with exit code {}", settings.name(), worker, exitCode);
            }
            replaceIfNeeded(pause);
        }
        runAll(after);
        HandleClosing.closeOnItsLoop(worker.pipe, "worker " + worker + " ended").whenComplete((v, e) -> {
            List<Runnable> then = new ArrayList<>(1);
            synchronized (lock) {
                live.remove(worker);
                checkTerminated(then);
            }
            runAll(then);
        });
    }

    /**
     * Under the lock: a worker could not be started, or ended before it was ready.
     *
     * @return the pause before the next start
     */
    private Duration startFailed(String worker, Integer exitCode, Throwable cause, List<Runnable> after) {
        Throwable reason = cause != null ? cause : new GipcException("worker " + worker + " exited with code "
                + exitCode + " before it was ready (its JVM options or class path may be wrong: see its stderr)");
        Duration pause = restartPolicy.failed();
        LOG.debug("pool {}: {} failed to start ({} in a row): {}; next try in {}", settings.name(), worker,
                restartPolicy.failuresInARow(), reason.toString(), pause);
        if (restartPolicy.givingUp() && startFailure == null) {
            startFailure = new GipcException("the workers of pool " + settings.name() + " keep failing to start ("
                    + restartPolicy.failuresInARow() + " in a row); the last one: " + reason, reason);
            LOG.warn("pool {}: workers keep failing to start; failing the waiting tasks", settings.name(), reason);
            if (!readyClaimed) {
                readyClaimed = true;
                GipcException f = startFailure;
                after.add(() -> ready.failNow(f));
            }
            for (PoolJob job; (job = queue.poll()) != null; ) {
                job.state = PoolJob.State.DONE;
                addIfAny(after, job.failed(new GipcException(startFailure.getMessage(), reason), tally));
            }
        }
        return pause;
    }

    /** Under the lock: starts workers until the pool has as many as it needs. */
    private void replaceIfNeeded(Duration pause) {
        if (killed || (shutdown && queue.isEmpty())) {
            return;
        }
        int active = startsPending;
        for (PoolWorker w : live) {
            if (w.state == PoolWorker.State.STARTING || w.state == PoolWorker.State.IDLE
                    || w.state == PoolWorker.State.BUSY) {
                active++;
            }
        }
        for (int i = active; i < settings.workers(); i++) {
            tally.workerRestarts++;
            launch(pause);
        }
    }

    // ---- starting workers

    /** Under the lock: starts one worker now, or after a pause, on a starter thread. */
    private void launch(Duration pause) {
        startsPending++;
        if (pause.isZero()) {
            starter.start(this::spawn);
            return;
        }
        ScheduledFuture<?>[] self = new ScheduledFuture<?>[1];
        self[0] = timers.schedule(() -> {
            synchronized (lock) {
                pausedStarts.remove(self[0]);
            }
            starter.start(this::spawn);
        }, pause.toMillis(), TimeUnit.MILLISECONDS);
        pausedStarts.add(self[0]);
    }

    /** On a starter thread: spawns one worker. */
    private void spawn() {
        String name;
        List<Runnable> after = new ArrayList<>(1);
        synchronized (lock) {
            if (killed || (shutdown && queue.isEmpty())) {
                startsPending--;
                checkTerminated(after);
                name = null;
            } else {
                name = settings.name() + "-" + nextNumber++;
            }
        }
        if (name == null) {
            runAll(after);
            return;
        }
        GipcDuplexPipe<Object> pipe = null;
        GProcess process;
        try {
            pipe = NettyPipes.duplexPipe(DefaultCodec.ENCODER, DefaultCodec.DECODER, GipcPipeOptions.defaults());
            process = Gipc.process(WORKER_LOOP).args(pipe.second(), settings.initializer()).name(name).daemon(true)
                    .jvmOptions(settings.jvmOptions().toArray(new String[0])).start();
        } catch (RuntimeException | Error e) {
            if (pipe != null) {
                closeQuietly(pipe.first());
                closeQuietly(pipe.second());
            }
            synchronized (lock) {
                startsPending--;
                if (!killed) {
                    replaceIfNeeded(startFailed(name, null, e, after));
                }
                checkTerminated(after);
            }
            runAll(after);
            return;
        }
        PoolWorker worker = new PoolWorker(this, name, process, pipe.first());
        boolean kill;
        synchronized (lock) {
            startsPending--;
            live.add(worker);
            kill = killed;
            if (kill) {
                worker.state = PoolWorker.State.KILLED;
            }
        }
        LOG.debug("pool {}: started {}", settings.name(), worker);
        if (kill) {
            process.kill();
        }
        worker.watch();
    }

    private static void closeQuietly(GipcDuplex<Object> handle) {
        try {
            if (!handle.isClosed()) {
                handle.close();
            }
        } catch (GipcException e) {
            // transferred or closed meanwhile
        }
    }

    // ---- cancelling

    /**
     * Cancels a future's work if it can, under the lock: queued jobs leave the queue; running ones make a
     * {@code cancel(false)} fail, and a {@code cancel(true)} kill their workers.
     *
     * @return true if this call claimed the future for the cancel (the caller marks it cancelled)
     */
    boolean cancel(PoolFuture<?> future, boolean mayInterrupt) {
        List<PoolJob> jobs;
        Object work = future.work();
        if (work instanceof SingleTask) {
            jobs = List.of((SingleTask) work);
        } else {
            jobs = new ArrayList<>(((MapRun) work).batches());
        }
        synchronized (lock) {
            if (!future.claimed()) {
                boolean running = false;
                for (PoolJob job : jobs) {
                    running |= job.state == PoolJob.State.RUNNING;
                }
                if (running && !mayInterrupt) {
                    return false;
                }
                future.claim();
                for (PoolJob job : jobs) {
                    if (job.state == PoolJob.State.QUEUED) {
                        queue.remove(job);
                    } else if (job.state == PoolJob.State.RUNNING) {
                        PoolWorker worker = job.worker;
                        detach(worker);
                        LOG.debug("pool {}: task {} cancelled while running; killing {}", settings.name(),
                                TaskNames.of(job.task()), worker);
                        kill(worker);
                    }
                    job.state = PoolJob.State.DONE;
                }
                replaceIfNeeded(Duration.ZERO);
                return true;
            }
        }
        // Claimed by a completion (or another cancel) that completes it in a moment, perhaps on this very thread
        // (a callback of an earlier future of the same batch of completions): no waiting here.
        return false;
    }

    // ---- ending

    @Override
    public GipcFuture<Void> shutdown() {
        List<Runnable> after = new ArrayList<>();
        synchronized (lock) {
            if (!shutdown) {
                shutdown = true;
                LOG.debug("pool {}: shutting down; {} task(s) queued", settings.name(), queue.size());
                for (PoolWorker w : new ArrayList<>(idle)) {
                    stop(w);
                }
                if (queue.isEmpty()) {
                    cancelPausedStarts();
                }
                checkTerminated(after);
            }
        }
        runAll(after);
        return terminated;
    }

    @Override
    public void shutdownNow() {
        List<Runnable> after = new ArrayList<>();
        synchronized (lock) {
            if (killed) {
                return;
            }
            shutdown = true;
            killed = true;
            LOG.debug("pool {}: shutting down now; {} task(s) queued", settings.name(), queue.size());
            for (PoolJob job; (job = queue.poll()) != null; ) {
                job.state = PoolJob.State.DONE;
                addIfAny(after, job.failed(new GipcClosedException("pool " + settings.name()
                        + " was shut down now; task " + TaskNames.of(job.task()) + " never ran"), tally));
            }
            for (PoolWorker w : live) {
                PoolJob job = detach(w);
                if (job != null) {
                    job.state = PoolJob.State.DONE;
                    addIfAny(after, job.failed(new GipcClosedException("pool " + settings.name() + " was shut "
                            + "down now while task " + TaskNames.of(job.task()) + " ran on " + w), tally));
                }
                if (w.state != PoolWorker.State.ENDED) {
                    kill(w);
                }
            }
            cancelPausedStarts();
            checkTerminated(after);
        }
        runAll(after);
    }

    private void cancelPausedStarts() {
        for (ScheduledFuture<?> s : pausedStarts) {
            if (s.cancel(false)) {
                startsPending--;
            }
        }
        pausedStarts.clear();
    }

    /** Under the lock: completes {@link #terminated} once nothing of the pool is left, threads included. */
    private void checkTerminated(List<Runnable> after) {
        if (!shutdown || terminatedClaimed || !live.isEmpty() || startsPending > 0) {
            return;
        }
        if (!starter.threadsGone()) {
            // A starter thread is on its last instructions: look again in a moment, without waiting on a loop.
            timers.schedule(() -> {
                List<Runnable> then = new ArrayList<>(1);
                synchronized (lock) {
                    checkTerminated(then);
                }
                runAll(then);
            }, 1, TimeUnit.MILLISECONDS);
            return;
        }
        terminatedClaimed = true;
        if (!readyClaimed) {
            readyClaimed = true;
            after.add(() -> ready.failNow(new GipcClosedException("pool " + settings.name() + " was shut down before"
                    + " all its workers were ready")));
        }
        LOG.debug("pool {}: every worker has ended", settings.name());
        after.add(() -> terminated.succeedNow(null));
    }

    @Override
    public boolean isShutdown() {
        synchronized (lock) {
            return shutdown;
        }
    }

    @Override
    public void close() {
        shutdown().join();
    }

    // ---- reading the state

    @Override
    public GipcFuture<Void> ready() {
        return ready;
    }

    @Override
    public int size() {
        return settings.workers();
    }

    @Override
    public List<GProcess> workers() {
        synchronized (lock) {
            List<GProcess> all = new ArrayList<>(live.size());
            for (PoolWorker w : live) {
                if (w.state != PoolWorker.State.ENDED) {
                    all.add(w.process);
                }
            }
            return all;
        }
    }

    @Override
    public List<GipcPoolWorker> workerStatus() {
        synchronized (lock) {
            List<GipcPoolWorker> all = new ArrayList<>(live.size());
            for (PoolWorker w : live) {
                GipcPoolWorker.Status status;
                switch (w.state) {
                    case STARTING:
                        status = GipcPoolWorker.Status.STARTING;
                        break;
                    case IDLE:
                        status = GipcPoolWorker.Status.IDLE;
                        break;
                    case BUSY:
                        status = GipcPoolWorker.Status.BUSY;
                        break;
                    case ENDED:
                        continue;
                    default:
                        status = GipcPoolWorker.Status.STOPPING;
                }
                all.add(new GipcPoolWorker(w.process, status));
            }
            return all;
        }
    }

    @Override
    public GipcPoolStats stats() {
        synchronized (lock) {
            int alive = 0;
            int busy = 0;
            for (PoolWorker w : live) {
                if (w.state != PoolWorker.State.ENDED) {
                    alive++;
                }
                if (w.current != null) {
                    busy++;
                }
            }
            return new GipcPoolStats(alive, busy, queue.size(), tally.completed, tally.failed, tally.workerRestarts);
        }
    }

    @Override
    public String toString() {
        return "GipcPool " + settings.name() + " " + stats();
    }

    private static void addIfAny(List<Runnable> after, Runnable r) {
        if (r != null) {
            after.add(r);
        }
    }

    private static void runAll(List<Runnable> after) {
        for (Runnable r : after) {
            r.run();
        }
    }
}
