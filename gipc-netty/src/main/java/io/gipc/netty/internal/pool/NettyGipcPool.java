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
import io.gipc.GipcTarget0;
import io.gipc.GipcTarget3;
import io.gipc.GipcTask0;
import io.gipc.GipcTask1;
import io.gipc.GipcTask2;
import io.gipc.GipcTaskTimeoutException;
import io.gipc.GipcWorkerDiedException;
import io.gipc.netty.internal.codec.DefaultCodec;
import io.gipc.netty.internal.codec.HandleSink;
import io.gipc.netty.internal.process.ChildRegistry;
import io.gipc.netty.internal.transport.EventLoops;
import io.gipc.netty.internal.transport.HandleClosing;
import io.gipc.netty.internal.transport.LoopFuture;
import io.gipc.netty.internal.transport.NativeTransport;
import io.gipc.netty.internal.transport.NettyPipes;
import io.gipc.spi.PoolRequest;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * <p>Sending ahead: an idle worker is sent the oldest task; when every worker is busy and tasks wait, a busy
 * worker is sent up to {@link #AHEAD} more, so that it starts the next one as soon as it answered the last,
 * without a round trip. Whether such a task started is decided in memory shared with the worker
 * ({@link ClaimBoard}): a cancel that withdraws it there knows at once that it never runs; a worker that lost it
 * skips it. Tasks whose arguments hold handles are never sent ahead (their handles leave with the message).
 */
public final class NettyGipcPool implements GipcPool {
    private static final Logger LOG = LoggerFactory.getLogger(NettyGipcPool.class);
    /** What each worker runs; a method reference, shipped like any target. */
    private static final GipcTarget3<GipcDuplex<Object>, GipcTarget0, String> WORKER_LOOP = WorkerLoop::run;
    /** How many tasks a busy worker may be sent beyond the one it runs (fewer than {@link ClaimBoard#SLOTS}). */
    static final int AHEAD = 192;
    /**
     * Jobs sent ahead go at least this many to a message while more wait (see {@link #sendAhead}); a worker
     * answers about as many in one message ({@link WorkerAnswers#MOST_HELD}).
     */
    static final int CHUNK = 64;
    /**
     * A task whose arguments take more than this many bytes is large: a busy worker is sent large tasks no more
     * than {@link #AHEAD_LARGE} ahead, so that many tiny tasks may be in flight without as many large ones.
     */
    static final int LARGE_BYTES = 16 * 1024;
    /** How many large tasks a busy worker may be sent beyond the one it runs. */
    static final int AHEAD_LARGE = 32;
    /** A message of tasks sent ahead holds about this many bytes of arguments at most (always one task). */
    static final int MESSAGE_BYTES = 1 << 20;
    /** How long a worker's pipe may stay open after its process exited (a grandchild holding it). */
    private static final long PIPE_GRACE_MILLIS = 2000;

    private final PoolRequest settings;
    private final TaskCatalog catalog = new TaskCatalog();
    private final EventLoop timers;
    private final WorkerStarter starter;
    private final Object lock = new Object();
    private final List<LongConsumer> taskTimeListeners = new CopyOnWriteArrayList<>();

    // Guarded by lock.
    private final ArrayDeque<PoolJob> queue = new ArrayDeque<>();
    private final List<PoolWorker> live = new ArrayList<>();
    private final ArrayDeque<PoolWorker> idle = new ArrayDeque<>();
    private final List<ScheduledFuture<?>> pausedStarts = new ArrayList<>();
    private final PoolTally tally = new PoolTally();
    private final RestartPolicy restartPolicy = new RestartPolicy();
    private int startsPending;
    private int nextNumber;
    /** The submission order of the next job. */
    private long nextSeq;
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
    /** At a JVM exit (SIGTERM included): a graceful shutdown, before gipc terminates its daemon children. */
    private final Supplier<GipcFuture<Void>> shutdownAtExit = this::shutdownAtExit;

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
        NativeTransport.current(); // on an unsupported platform: a GipcException saying why
        if (settings.initializer() != null) {
            try {
                DefaultCodec.encode(settings.initializer());
            } catch (GipcCodecException e) {
                throw new GipcCodecException(
                        "cannot ship the initializer of pool " + settings.name() + " to its workers: " + e.getMessage(),
                        e);
            }
        }
        NettyGipcPool pool = new NettyGipcPool(settings);
        ChildRegistry.addExitTask(pool.shutdownAtExit);
        pool.terminated.whenComplete((v, e) -> ChildRegistry.removeExitTask(pool.shutdownAtExit));
        synchronized (pool.lock) {
            for (int i = 0; i < settings.workers(); i++) {
                pool.launch(Duration.ZERO);
            }
        }
        LOG.debug(
                "pool {} started: {} worker(s), maxQueued {}, taskTimeout {}, maxTasksPerWorker {}",
                settings.name(),
                settings.workers(),
                settings.maxQueued(),
                settings.taskTimeout(),
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
        // A numbered task with plain arguments needs no check before it waits: it is queued in the same turn of
        // the lock that found no worker free (one turn per task, while tasks are submitted one by one).
        boolean plain = job.plain();
        List<Runnable> after = new ArrayList<>(2);
        boolean handled = false;
        synchronized (lock) {
            RuntimeException refused = refusal();
            if (refused != null) {
                return LoopFuture.failed(refused);
            }
            if (queue.isEmpty() && !idle.isEmpty()) {
                // A worker is free: the put encodes the task, once, and says at once if it cannot be shipped.
                future.sentToIdleWorker(); // before the put: its answer may be read at once
                job.seq = nextSeq++;
                assign(idle.poll(), job, after);
                handled = true;
            } else if (plain) {
                job.holdsHandles = false;
                job.approxBytes = job.plainBytes();
                refused = enqueue(job, after);
                if (refused != null) {
                    return LoopFuture.failed(refused);
                }
                handled = true;
            }
        }
        if (!handled) {
            // It will wait: check that it can be shipped now, on the submitter's thread, not when a worker frees up.
            GipcCodecException unshippable = shippability(job);
            if (unshippable != null) {
                return LoopFuture.failed(unshippable);
            }
            synchronized (lock) {
                RuntimeException refused = refusal();
                if (refused == null) {
                    refused = enqueue(job, after);
                }
                if (refused != null) {
                    return LoopFuture.failed(refused);
                }
            }
        }
        runAll(after);
        return (GipcFuture<R>) future;
    }

    /**
     * Under the lock: queues a task that waits for a worker and hands out what can go now, or says why it is
     * refused (the queue is full: {@code maxQueued} tasks wait and no worker is free).
     */
    private RuntimeException enqueue(SingleTask job, List<Runnable> after) {
        int waiting = waiting();
        if (idle.isEmpty() && waiting >= settings.maxQueued()) {
            return new RejectedExecutionException("pool " + settings.name() + ": all "
                    + settings.workers() + " workers are busy or starting and " + waiting
                    + " task(s) are waiting (maxQueued " + settings.maxQueued() + "); task "
                    + TaskNames.of(job.task()) + " was not queued");
        }
        job.seq = nextSeq++;
        queue.add(job);
        dispatch(after);
        return null;
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
        MapRun run = new MapRun(
                task,
                number,
                copy,
                MapRun.batchSize(copy.size(), settings.workers(), settings.taskTimeout() != null),
                future);
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
            int waiting = waiting() + Math.max(0, run.batches().size() - (queue.isEmpty() ? idle.size() : 0));
            if (waiting > settings.maxQueued()) {
                return LoopFuture.failed(new RejectedExecutionException("pool " + settings.name() + ": a map of "
                        + copy.size() + " inputs in " + run.batches().size() + " batches would make "
                        + waiting + " tasks wait (maxQueued " + settings.maxQueued() + "); nothing was queued"));
            }
            for (MapRun.Batch batch : run.batches()) {
                batch.seq = nextSeq++;
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
        if (job.plain()) {
            job.holdsHandles = false; // a numbered task with arguments or inputs that always encode: nothing to check
            job.approxBytes = job.plainBytes();
            return null;
        }
        try {
            HandleSink handles = new HandleSink();
            job.approxBytes = DefaultCodec.encode(job.messageToCheck(), handles).length;
            job.holdsHandles = !handles.handles().isEmpty();
            return null;
        } catch (GipcCodecException e) {
            return cannotShip(job.task(), e);
        }
    }

    private GipcCodecException cannotShip(Object task, GipcCodecException e) {
        return new GipcCodecException(
                "cannot ship task " + TaskNames.of(task) + " or its arguments to a worker of" + " pool "
                        + settings.name() + "; it was not run: " + e.getMessage(),
                e);
    }

    // ---- dispatching (all under the lock)

    /** Under the lock: the tasks waiting for their turn, in the queue or sent ahead to a busy worker. */
    private int waiting() {
        int waiting = queue.size();
        for (PoolWorker w : live) {
            waiting += Math.max(0, w.live - 1);
        }
        return waiting;
    }

    /** Hands queued jobs to idle workers, oldest first, then sends busy workers more. */
    private void dispatch(List<Runnable> after) {
        while (!queue.isEmpty() && !idle.isEmpty()) {
            assign(idle.poll(), queue.poll(), after);
        }
        sendAhead(after);
    }

    /**
     * Every worker is busy and jobs wait: sends the oldest to the busy worker with the fewest, up to {@link #AHEAD}
     * beyond the one it runs (and no more than it may still run before it retires). While many jobs wait, a worker
     * that has work in hand is sent more only once there is room for {@link #CHUNK}, so that jobs go several to a
     * message (one write, one read, one decode for all of them); with few jobs queued, the busy workers share
     * them. A job with handles waits for a free worker, and the jobs after it with it, so that jobs are handed
     * out in order. Large jobs go no further than {@link #AHEAD_LARGE} ahead, and a message holds about
     * {@link #MESSAGE_BYTES} at most.
     */
    private void sendAhead(List<Runnable> after) {
        if (startsPending > 0 || anyStarting()) {
            return; // a worker about to be ready takes the next job: no sending ahead while it starts
        }
        while (!queue.isEmpty() && idle.isEmpty() && !queue.peek().holdsHandles) {
            PoolWorker target = null;
            int open = 0;
            for (PoolWorker w : live) {
                if (w.state == PoolWorker.State.BUSY && room(w) > 0) {
                    open++;
                    if (target == null || w.live < target.live) {
                        target = w;
                    }
                }
            }
            int room = target == null ? 0 : room(target);
            if (target != null && queue.peek().approxBytes > LARGE_BYTES) {
                room = Math.min(room, AHEAD_LARGE + 1 - target.unanswered());
            }
            if (target == null || room <= 0 || (room < Math.min(CHUNK, queue.size()) && target.live > CHUNK)) {
                return;
            }
            int count = Math.min(room, (queue.size() + open - 1) / open);
            List<PoolJob> jobs = new ArrayList<>(count);
            long bytes = 0;
            while (jobs.size() < count
                    && !queue.isEmpty()
                    && !queue.peek().holdsHandles
                    && (jobs.isEmpty() || bytes + queue.peek().approxBytes <= MESSAGE_BYTES)
                    && (queue.peek().approxBytes <= LARGE_BYTES
                            || target.unanswered() + jobs.size() < AHEAD_LARGE + 1)) {
                PoolJob job = queue.poll();
                bytes += job.approxBytes;
                jobs.add(job);
            }
            assignSeveral(target, jobs, after);
        }
    }

    private boolean anyStarting() {
        for (PoolWorker w : live) {
            if (w.state == PoolWorker.State.STARTING) {
                return true;
            }
        }
        return false;
    }

    /**
     * Under the lock: a free worker takes over the oldest job sent ahead to a busy worker that has not started
     * it, if it is older than the oldest queued one, so that jobs start in about the order they were submitted
     * even when the worker they were sent to is busy with a long one.
     *
     * @return whether it took one
     */
    private boolean takeOver(PoolWorker thief, List<Runnable> after) {
        PoolJob oldest = queue.peek();
        PoolWorker victim = null;
        for (PoolWorker w : live) {
            PoolJob waiting = w == thief || w.state != PoolWorker.State.BUSY ? null : w.nextWaiting();
            if (waiting != null && !waiting.holdsHandles && (oldest == null || waiting.seq < oldest.seq)) {
                oldest = waiting;
                victim = w;
            }
        }
        if (victim == null || !victim.board.withdraw(oldest.slot)) {
            return false;
        }
        release(victim, oldest); // the victim skips it
        oldest.state = PoolJob.State.QUEUED;
        assign(thief, oldest, after);
        sendAhead(after);
        return true;
    }

    /** How many more jobs a busy worker may be sent now. */
    private int room(PoolWorker worker) {
        int room = AHEAD + 1 - worker.unanswered();
        if (settings.maxTasksPerWorker() > 0) {
            room = Math.min(room, settings.maxTasksPerWorker() - worker.jobsRun - worker.live);
        }
        return room;
    }

    private void assign(PoolWorker worker, PoolJob job, List<Runnable> after) {
        int slot = worker.board.offer();
        job.state = PoolJob.State.RUNNING;
        job.sentAtNanos = System.nanoTime();
        job.worker = worker;
        job.slot = slot;
        worker.sent(job);
        worker.state = PoolWorker.State.BUSY;
        unparkReader(worker, after);
        GipcException refused;
        try {
            refused = worker.send(job.message(worker, slot));
        } catch (GipcException closing) {
            // The worker's pipe was closed under it (it is ending): the job never left, so it waits again.
            worker.unsent();
            job.worker = null;
            job.state = PoolJob.State.QUEUED;
            queue.addFirst(job);
            worker.state = PoolWorker.State.KILLED;
            idle.remove(worker);
            retime(worker);
            return;
        }
        if (refused != null) {
            worker.unsent();
            job.worker = null;
            job.state = PoolJob.State.DONE;
            addIfAny(
                    after,
                    job.failed(
                            refused instanceof GipcCodecException
                                    ? cannotShip(job.task(), (GipcCodecException) refused)
                                    : refused,
                            tally));
            dropQueuedBatches(job);
            if (worker.live == 0) {
                becomeFree(worker, after);
            }
            return;
        }
        retime(worker);
    }

    /**
     * Sends a busy worker several jobs in one message ({@link WireMessages.Several}); each keeps its own slot, so
     * each is withdrawn, taken back or failed on its own, as if it had come alone. If the message is refused
     * (something in one of them cannot be shipped), the ones that can go again, and only the others fail.
     */
    private void assignSeveral(PoolWorker worker, List<PoolJob> jobs, List<Runnable> after) {
        if (jobs.size() == 1) {
            assign(worker, jobs.get(0), after);
            return;
        }
        java.util.BitSet knownBefore = (java.util.BitSet) worker.knownTasks.clone();
        List<Object> messages = new ArrayList<>(jobs.size());
        long now = System.nanoTime();
        for (PoolJob job : jobs) {
            int slot = worker.board.offer();
            job.state = PoolJob.State.RUNNING;
            job.sentAtNanos = now;
            job.worker = worker;
            job.slot = slot;
            if (!messages.isEmpty()) {
                worker.joinLast();
            }
            worker.sent(job);
            messages.add(job.message(worker, slot));
        }
        GipcException refused;
        try {
            refused = worker.send(
                    new WireMessages.Several(PackedMessages.pack(messages), settings.taskTimeout() == null));
        } catch (GipcException closing) {
            // The worker's pipe was closed under it (it is ending): the jobs never left, so they wait again.
            takeBackUnsent(worker, jobs, knownBefore);
            worker.state = PoolWorker.State.KILLED;
            idle.remove(worker);
            retime(worker);
            return;
        }
        if (refused != null) {
            takeBackUnsent(worker, jobs, knownBefore);
            boolean anyFailed = false;
            for (PoolJob job : jobs) {
                GipcException failure = shipFailure(job);
                if (failure != null || (!anyFailed && job == jobs.get(jobs.size() - 1))) {
                    // (if none fails alone, the last one takes the refusal, so that the others can go)
                    anyFailed = true;
                    queue.remove(job);
                    job.state = PoolJob.State.DONE;
                    GipcException why = failure != null ? failure : refused;
                    addIfAny(
                            after,
                            job.failed(
                                    why instanceof GipcCodecException
                                            ? cannotShip(job.task(), (GipcCodecException) why)
                                            : why,
                                    tally));
                    dropQueuedBatches(job);
                }
            }
            if (worker.live == 0) {
                becomeFree(worker, after);
            }
            return; // the caller's loop sends the others again
        }
        retime(worker);
    }

    /** Under the lock: jobs of a message that was never put go back to the front of the queue, in order. */
    private void takeBackUnsent(PoolWorker worker, List<PoolJob> jobs, java.util.BitSet knownBefore) {
        for (int i = jobs.size() - 1; i >= 0; i--) {
            PoolJob job = jobs.get(i);
            worker.unsent();
            job.worker = null;
            job.state = PoolJob.State.QUEUED;
            queue.addFirst(job);
        }
        worker.knownTasks.clear();
        worker.knownTasks.or(knownBefore);
    }

    /** Why a job's message, with its task whole, does not encode now; null if it does. */
    private static GipcException shipFailure(PoolJob job) {
        try {
            DefaultCodec.encode(job.message(job.taskNumber(), job.task(), 0));
            return null;
        } catch (GipcException e) {
            return e;
        }
    }

    /**
     * Under the lock: keeps the task timer on the worker's current job. A job sent ahead is timed from the moment
     * the one before it was answered, when it starts.
     */
    private void retime(PoolWorker worker) {
        if (settings.taskTimeout() == null) {
            return;
        }
        PoolJob current = worker.state == PoolWorker.State.BUSY ? worker.current() : null;
        if (current == worker.timed) {
            return;
        }
        if (worker.timer != null) {
            worker.timer.cancel(false);
            worker.timer = null;
        }
        worker.timed = current;
        if (current != null) {
            worker.timer = timers.schedule(
                    () -> timedOut(worker, current), settings.taskTimeout().toNanos(), TimeUnit.NANOSECONDS);
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
        if (takeOver(worker, after)) {
            return;
        }
        PoolJob next = queue.poll();
        if (next != null) {
            assign(worker, next, after);
            sendAhead(after);
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

    /** Kills a worker; the jobs sent ahead to it that have not started go back to the front of the queue. */
    private void kill(PoolWorker worker) {
        worker.state = PoolWorker.State.KILLED;
        idle.remove(worker);
        worker.process.kill();
        takeBackUnstarted(worker);
        retime(worker);
    }

    /**
     * Under the lock: withdraws the jobs sent to a worker that has not started them (it is being killed, or it
     * died) and puts them back at the front of the queue, in order: they never ran. Jobs holding handles stay
     * (their handles went to that worker).
     */
    private void takeBackUnstarted(PoolWorker worker) {
        List<PoolJob> jobs = worker.liveJobs();
        for (int i = jobs.size() - 1; i >= 0; i--) {
            PoolJob job = jobs.get(i);
            if (!job.holdsHandles && worker.board.withdraw(job.slot)) {
                release(worker, job);
                job.state = PoolJob.State.QUEUED;
                queue.addFirst(job);
            }
        }
    }

    /** Under the lock: the pool stops waiting for a job's answer from its worker. */
    private void release(PoolWorker worker, PoolJob job) {
        worker.drop(job);
        job.worker = null;
        retime(worker);
    }

    /** A map failed or was cancelled: its batches still queued will not run. */
    private void dropQueuedBatches(PoolJob job) {
        if (job instanceof MapRun.Batch && job.future().claimed()) {
            for (MapRun.Batch b : ((MapRun.Batch) job).run().batches()) {
                if (b.state == PoolJob.State.QUEUED) {
                    queue.remove(b);
                    b.state = PoolJob.State.DONE;
                } else if (b.state == PoolJob.State.RUNNING && b.worker.board.withdraw(b.slot)) {
                    release(b.worker, b); // sent ahead, not started: its worker skips it
                    b.state = PoolJob.State.DONE;
                }
            }
        }
    }

    // ---- what workers say (on event loops)

    /**
     * A message of a worker: the pool's bookkeeping, under the lock.
     *
     * @param after gets what completes futures, to run once the worker's next get is pending ({@link #runAll})
     * @return whether to ask for the worker's next message now (see {@link PoolWorker#readerParked})
     */
    boolean messageFrom(PoolWorker worker, Object message, List<Runnable> after) {
        synchronized (lock) {
            if (message == WireMessages.Signal.READY) {
                workerReady(worker, after);
            } else if (message instanceof WireMessages.InitFailed) {
                worker.initFailure = ((WireMessages.InitFailed) message).failure();
            } else {
                List<Runnable> done = new ArrayList<>(1);
                long now = System.nanoTime();
                if (message instanceof WireMessages.Answers || message instanceof WireMessages.Values) {
                    // Answers that came together share the time since the answer before them evenly: the worker
                    // ran them one after the other in it.
                    List<Object> answers = PackedMessages.unpackAnswers(message);
                    PoolJob oldest = worker.current();
                    long since =
                            oldest == null ? now : Math.min(now, Math.max(worker.lastAnswerNanos, oldest.sentAtNanos));
                    for (int i = 0; i < answers.size(); i++) {
                        answer(worker, answers.get(i), since + (now - since) * (i + 1) / answers.size(), done);
                    }
                } else {
                    answer(worker, message, now, done);
                }
                answeredOne(worker, after); // the next jobs go out before these complete
                after.addAll(done);
            }
            return readOn(worker);
        }
    }

    /**
     * Under the lock, after a worker's message: whether its reader asks for the next one. An idle worker that owes
     * no answer sends nothing until it is sent a job (or ends): its reader is parked until then.
     */
    private boolean readOn(PoolWorker worker) {
        if (worker.unanswered() > 0 || worker.state != PoolWorker.State.IDLE) {
            return true;
        }
        worker.readerParked = true;
        return false;
    }

    /** Under the lock: a worker is sent something; a parked reader asks for its next message, after the lock. */
    private static void unparkReader(PoolWorker worker, List<Runnable> after) {
        if (worker.readerParked) {
            worker.readerParked = false;
            after.add(worker::readNext);
        }
    }

    /** A worker's process exited: its reader, if parked, reads what is left and the end of the stream. */
    void resumeReading(PoolWorker worker) {
        List<Runnable> after = new ArrayList<>(1);
        synchronized (lock) {
            unparkReader(worker, after);
        }
        runAll(after);
    }

    /**
     * Under the lock: one answer of a worker, to its oldest job, as of {@code now}; what completes that job goes to
     * {@code done}.
     */
    private void answer(PoolWorker worker, Object answer, long now, List<Runnable> done) {
        if (answer instanceof WireMessages.Unreadable) {
            unreadableTask(worker, ((WireMessages.Unreadable) answer).reason(), done);
            return;
        }
        // If the job was withdrawn, cancelled or timed out, the answer (SKIPPED, or one that came too late) is
        // ignored.
        PoolJob job = worker.answered();
        if (job == null) {
            return;
        }
        job.worker = null;
        // A task sent ahead started when its worker answered the one before it.
        long started = Math.max(job.sentAtNanos, worker.lastAnswerNanos);
        worker.lastAnswerNanos = now;
        job.state = PoolJob.State.DONE;
        if (answer == WireMessages.Signal.SKIPPED) {
            // A batch of a map that failed on this worker: the worker withdrew it itself.
            dropQueuedBatches(job);
            return;
        }
        worker.jobsRun++;
        addIfAny(done, taskTimed(now - started)); // the listeners hear of it before its future completes
        addIfAny(done, job.answered(answer, tally));
        dropQueuedBatches(job);
    }

    /** Under the lock: a worker answered: it runs its next job, or it is free. */
    private void answeredOne(PoolWorker worker, List<Runnable> after) {
        retime(worker);
        if (worker.state == PoolWorker.State.BUSY) {
            if (worker.live == 0) {
                becomeFree(worker, after);
            } else {
                sendAhead(after);
            }
        }
    }

    /**
     * Under the lock: the worker could not rebuild its oldest message. Its tasks fail (several, if they came in
     * one message).
     */
    private void unreadableTask(PoolWorker worker, String reason, List<Runnable> done) {
        List<PoolJob> jobs = worker.answeredMessage();
        for (PoolJob job : jobs) {
            job.worker = null;
            if (job.taskNumber() != TaskCatalog.NONE) {
                worker.knownTasks.clear(job.taskNumber()); // it was not kept: send it whole next time
            }
            worker.jobsRun++;
            job.state = PoolJob.State.DONE;
            addIfAny(
                    done,
                    job.failed(
                            new GipcCodecException("worker " + worker + " cannot rebuild task "
                                    + TaskNames.of(job.task()) + " or its arguments"
                                    + (jobs.size() > 1 ? " (or those of a task sent" + " with it in one message)" : "")
                                    + ": " + reason),
                            tally));
            dropQueuedBatches(job);
        }
    }

    /**
     * A message of a worker that cannot be decoded here: its task fails.
     *
     * @param after gets what completes futures, to run once the worker's next get is pending ({@link #runAll})
     * @return whether to ask for the worker's next message now (see {@link PoolWorker#readerParked})
     */
    boolean unreadableAnswer(PoolWorker worker, GipcCodecException failure, List<Runnable> after) {
        synchronized (lock) {
            PoolJob job = worker.answered();
            if (job != null) {
                job.worker = null;
                worker.jobsRun++;
                job.state = PoolJob.State.DONE;
                addIfAny(
                        after,
                        job.failed(
                                new GipcCodecException(
                                        "the answer of " + worker + " to task " + TaskNames.of(job.task())
                                                + " cannot be read here: " + failure.getMessage(),
                                        failure),
                                tally));
                dropQueuedBatches(job);
            }
            answeredOne(worker, after);
            return readOn(worker);
        }
    }

    /**
     * The get that will bring the answer of a future's task, for a thread blocked on that future to read it
     * itself ({@link PoolFuture}): only for a single task that is its worker's current one, so that the next
     * answer of that worker is its own (or comes in one message with it).
     *
     * @return the worker's pending get, or null if the answer is not the worker's next one (or cannot come), or
     *     if the get is the event loop's to read (then waiting on it first would only cost a second wake-up)
     */
    GipcFuture<Object> answerReader(PoolFuture<?> future) {
        if (!(future.work() instanceof SingleTask)) {
            return null;
        }
        SingleTask job = (SingleTask) future.work();
        synchronized (lock) {
            PoolWorker worker = job.worker;
            if (job.state != PoolJob.State.RUNNING || worker == null || worker.current() != job) {
                return null;
            }
            return worker.readingForCaller();
        }
    }

    private void workerReady(PoolWorker worker, List<Runnable> after) {
        worker.everReady = true;
        restartPolicy.succeeded();
        if (startFailure != null) {
            LOG.info("pool {}: {} started; the pool takes tasks again", settings.name(), worker);
            startFailure = null;
        }
        if (worker.state != PoolWorker.State.STARTING) {
            return; // killed meanwhile (shutdownNow)
        }
        worker.board.unlink(); // the worker has mapped it
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
            if (worker.timed != job || worker.current() != job) {
                return; // answered just before
            }
            worker.timer = null;
            worker.timed = null;
            release(worker, job);
            job.state = PoolJob.State.DONE;
            LOG.warn(
                    "pool {}: task {} ran longer than {} on {}; killing the worker",
                    settings.name(),
                    TaskNames.of(job.task()),
                    settings.taskTimeout(),
                    worker);
            addIfAny(
                    after,
                    job.failed(
                            new GipcTaskTimeoutException(
                                    "task " + TaskNames.of(job.task())
                                            + " ran longer than " + settings.taskTimeout() + " on worker " + worker
                                            + " of pool "
                                            + settings.name() + "; the worker was killed",
                                    settings.taskTimeout(),
                                    worker.process.pid()),
                            tally));
            dropQueuedBatches(job);
            kill(worker);
            replaceIfNeeded(Duration.ZERO);
            dispatch(after);
        }
        runAll(after);
    }

    void afterExit(PoolWorker worker, CompletableFuture<Void> readerEnded) {
        timers.schedule(
                () -> {
                    if (!readerEnded.isDone()) {
                        LOG.debug(
                                "pool {}: the pipe of {} stayed open after it exited; closing it",
                                settings.name(),
                                worker);
                        worker.stopReading();
                    }
                },
                PIPE_GRACE_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /** The worker's process exited and its pipe reached its end (or was given up on). */
    void workerEnded(PoolWorker worker, int exitCode) {
        List<Runnable> after = new ArrayList<>(2);
        synchronized (lock) {
            PoolWorker.State was = worker.state;
            worker.state = PoolWorker.State.ENDED;
            idle.remove(worker);
            worker.board.unlink();
            takeBackUnstarted(worker); // sent ahead and never started: they wait again, first in line
            List<PoolJob> jobs = worker.liveJobs();
            Duration pause = Duration.ZERO;
            for (PoolJob job : jobs) {
                release(worker, job);
                job.state = PoolJob.State.DONE;
                String task = TaskNames.of(job.task());
                LOG.warn(
                        "pool {}: worker {} died with exit code {} while running task {}; starting a new one",
                        settings.name(),
                        worker,
                        exitCode,
                        task);
                addIfAny(
                        after,
                        job.failed(
                                new GipcWorkerDiedException(
                                        "worker " + worker + " of pool " + settings.name() + " died with exit code "
                                                + exitCode + " while running task " + task,
                                        exitCode,
                                        worker.process.pid()),
                                tally));
                dropQueuedBatches(job);
            }
            if (!jobs.isEmpty()) {
                // reported above
            } else if (!worker.everReady && was == PoolWorker.State.STARTING && !killed) {
                pause = startFailed(worker.toString(), exitCode, worker.initFailure, after);
            } else if (was == PoolWorker.State.IDLE || (was == PoolWorker.State.STOPPING && exitCode != 0)) {
                LOG.warn(
                        "pool {}: worker {} ended with exit code {} while idle; starting a new one",
                        settings.name(),
                        worker,
                        exitCode);
            } else {
                LOG.debug("pool {}: {} ended with exit code {}", settings.name(), worker, exitCode);
            }
            replaceIfNeeded(pause);
            dispatch(after);
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
        Throwable reason = cause != null
                ? cause
                : new GipcException("worker " + worker + " exited with code " + exitCode
                        + " before it was ready (its JVM options or class path may be wrong: see its stderr)");
        Duration pause = restartPolicy.failed();
        LOG.debug(
                "pool {}: {} failed to start ({} in a row): {}; next try in {}",
                settings.name(),
                worker,
                restartPolicy.failuresInARow(),
                reason.toString(),
                pause);
        if (restartPolicy.givingUp() && startFailure == null) {
            startFailure = new GipcException(
                    "the workers of pool " + settings.name() + " keep failing to start ("
                            + restartPolicy.failuresInARow() + " in a row); the last one: " + reason,
                    reason);
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
            if (w.state == PoolWorker.State.STARTING
                    || w.state == PoolWorker.State.IDLE
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
        self[0] = timers.schedule(
                () -> {
                    synchronized (lock) {
                        pausedStarts.remove(self[0]);
                    }
                    starter.start(this::spawn);
                },
                pause.toMillis(),
                TimeUnit.MILLISECONDS);
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
        ClaimBoard board = null;
        GProcess process;
        try {
            board = ClaimBoard.create();
            pipe = NettyPipes.duplexPipe(DefaultCodec.ENCODER, DefaultCodec.DECODER, GipcPipeOptions.defaults());
            process = Gipc.process(WORKER_LOOP)
                    .args(pipe.second(), settings.initializer(), board.path())
                    .name(name)
                    .daemon(true)
                    .jvmOptions(settings.jvmOptions().toArray(new String[0]))
                    .start();
        } catch (RuntimeException | Error e) {
            if (board != null) {
                board.unlink();
            }
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
        PoolWorker worker = new PoolWorker(this, name, process, pipe.first(), board);
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
        List<Runnable> after = new ArrayList<>();
        boolean cancelled;
        synchronized (lock) {
            cancelled = !future.claimed() && cancelUnderLock(future, jobs, mayInterrupt, after);
        }
        runAll(after);
        // If claimed by a completion (or another cancel), that completes it in a moment, perhaps on this very
        // thread (a callback of an earlier future of the same batch of completions): no waiting here.
        return cancelled;
    }

    private boolean cancelUnderLock(
            PoolFuture<?> future, List<PoolJob> jobs, boolean mayInterrupt, List<Runnable> after) {
        // Jobs sent to workers: withdrawn if they have not started, which the worker and this agree on at once.
        List<PoolJob> withdrawn = new ArrayList<>();
        boolean running = false;
        for (PoolJob job : jobs) {
            if (job.state == PoolJob.State.RUNNING) {
                // A worker's current job counts as running, started or not (as when nothing was sent ahead).
                if (job.worker.current() != job && job.worker.board.withdraw(job.slot)) {
                    withdrawn.add(job);
                } else {
                    running = true;
                }
            }
        }
        if (running && !mayInterrupt) {
            putBack(withdrawn, after);
            return false;
        }
        future.claim();
        List<PoolWorker> toKill = new ArrayList<>();
        for (PoolJob job : jobs) {
            if (job.state == PoolJob.State.QUEUED) {
                queue.remove(job);
            } else if (job.state == PoolJob.State.RUNNING) {
                PoolWorker worker = job.worker;
                release(worker, job);
                if (!withdrawn.contains(job)) {
                    LOG.debug(
                            "pool {}: task {} cancelled while running; killing {}",
                            settings.name(),
                            TaskNames.of(job.task()),
                            worker);
                    toKill.add(worker);
                }
            }
            job.state = PoolJob.State.DONE;
        }
        for (PoolWorker worker : toKill) {
            kill(worker);
        }
        replaceIfNeeded(Duration.ZERO);
        dispatch(after);
        return true;
    }

    /**
     * A cancel(false) of a map found a batch running after it had withdrawn others: they go on. A withdrawn batch
     * its worker has not looked at yet is simply restored; one it has skipped waits again, first in line.
     */
    private void putBack(List<PoolJob> withdrawn, List<Runnable> after) {
        for (int i = withdrawn.size() - 1; i >= 0; i--) {
            PoolJob job = withdrawn.get(i);
            if (job.worker.board.restore(job.slot)) {
                continue;
            }
            release(job.worker, job);
            if (job.holdsHandles) {
                job.state = PoolJob.State.DONE;
                addIfAny(
                        after,
                        job.failed(
                                new GipcException("task " + TaskNames.of(job.task()) + " was withdrawn"
                                        + " from its worker by a cancel(false) that then found another batch of its map running; its"
                                        + " handles were closed with it, so it cannot be sent again"),
                                tally));
                dropQueuedBatches(job);
            } else {
                job.state = PoolJob.State.QUEUED;
                queue.addFirst(job);
            }
        }
        dispatch(after);
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

    /**
     * The JVM is exiting: the running and queued tasks complete and the workers exit 0, unless that takes longer
     * than the exit's grace period; after it gipc terminates them as it does every daemon child.
     */
    private GipcFuture<Void> shutdownAtExit() {
        LOG.debug("pool {}: the JVM is exiting; shutting down", settings.name());
        return shutdown();
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
                addIfAny(
                        after,
                        job.failed(
                                new GipcClosedException("pool " + settings.name() + " was shut down now; task "
                                        + TaskNames.of(job.task()) + " never ran"),
                                tally));
            }
            for (PoolWorker w : live) {
                for (PoolJob job : w.liveJobs()) {
                    release(w, job);
                    job.state = PoolJob.State.DONE;
                    addIfAny(
                            after,
                            job.failed(
                                    new GipcClosedException("pool " + settings.name() + " was shut "
                                            + "down now while task " + TaskNames.of(job.task()) + " was sent to " + w),
                                    tally));
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
            timers.schedule(
                    () -> {
                        List<Runnable> then = new ArrayList<>(1);
                        synchronized (lock) {
                            checkTerminated(then);
                        }
                        runAll(then);
                    },
                    1,
                    TimeUnit.MILLISECONDS);
            return;
        }
        terminatedClaimed = true;
        if (!readyClaimed) {
            readyClaimed = true;
            after.add(() -> ready.failNow(new GipcClosedException(
                    "pool " + settings.name() + " was shut down before" + " all its workers were ready")));
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
            int queued = queue.size(); // and the tasks sent ahead that have not started
            for (PoolWorker w : live) {
                if (w.state != PoolWorker.State.ENDED) {
                    alive++;
                }
                if (w.live > 0) {
                    busy++;
                }
                queued += w.waitingAhead();
            }
            return new GipcPoolStats(alive, busy, queued, tally.completed, tally.failed, tally.workerRestarts);
        }
    }

    @Override
    public String name() {
        return settings.name();
    }

    /**
     * For tests: how many answers each live worker owes (its current task and those sent ahead).
     *
     * @return one count per live worker, in the order they were started
     */
    List<Integer> unansweredPerWorker() {
        synchronized (lock) {
            List<Integer> counts = new ArrayList<>(live.size());
            for (PoolWorker w : live) {
                counts.add(w.unanswered());
            }
            return counts;
        }
    }

    @Override
    public void addTaskTimeListener(LongConsumer listener) {
        taskTimeListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** What tells the task-time listeners, if there are any; run after the lock is released. */
    private Runnable taskTimed(long nanos) {
        if (taskTimeListeners.isEmpty()) {
            return null;
        }
        return () -> {
            for (LongConsumer listener : taskTimeListeners) {
                try {
                    listener.accept(nanos);
                } catch (RuntimeException e) {
                    LOG.warn(
                            "a task-time listener of pool {} threw; the task's future completes anyway",
                            settings.name(),
                            e);
                }
            }
        };
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

    static void runAll(List<Runnable> after) {
        for (Runnable r : after) {
            r.run();
        }
    }
}
