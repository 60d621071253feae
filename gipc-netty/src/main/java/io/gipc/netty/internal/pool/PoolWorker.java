package io.gipc.netty.internal.pool;

import io.gipc.GProcess;
import io.gipc.GipcBrokenPipeException;
import io.gipc.GipcCodecException;
import io.gipc.GipcDuplex;
import io.gipc.GipcException;
import io.gipc.GipcFuture;
import io.gipc.netty.internal.transport.EventLoops;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * The pool's side of one worker: its process, its end of the duplex pipe, and what it is doing. It keeps one
 * {@code get()} pending on the pipe while the worker starts or owes answers (see {@link #readerParked}) and hands
 * each message to the pool (on the event loop, or on a thread blocked on the future of the worker's current task,
 * which reads the answer itself); it tells the pool the
 * worker has ended once both the process has exited and the pipe has reached its end, so that an answer
 * written just before the worker exited is still read first. No thread of its own: everything here runs in
 * future callbacks.
 *
 * <p>The mutable fields are guarded by the pool's lock.
 */
final class PoolWorker {
    enum State {
        /** Spawned; its initializer has not reported yet. */
        STARTING,
        /** Ready, waiting for a job. */
        IDLE,
        /** Has jobs sent, not answered (see {@link #current()}). */
        BUSY,
        /** Told to exit with 0 (shutdown, or maxTasksPerWorker reached). */
        STOPPING,
        /** Killed by the pool (task timeout, cancel(true), shutdownNow). */
        KILLED,
        /** Exited; its pipe is being closed. */
        ENDED
    }

    private final NettyGipcPool pool;
    final String name;
    final GProcess process;
    final GipcDuplex<Object> pipe;
    /** The claims of the jobs sent to it, shared with it. */
    final ClaimBoard board;

    private final CompletableFuture<Void> readerEnded = new CompletableFuture<>();
    /**
     * No get is pending: the worker is idle and owes no answer, so nothing can come but its end, which its
     * process's exit tells. The next job sent to it asks for its next message again, from the sending thread, so
     * that a thread that then blocks on that job's future takes the get before the loop does and reads the answer
     * itself ({@link PoolFuture}). Guarded by the pool's lock.
     */
    boolean readerParked;
    /** The get pending for the worker's next message (or the last one, while none is). */
    private volatile GipcFuture<Object> reading;
    /** {@link #reading} if it was asked for off the event loops, else null (see {@link #readingForCaller()}). */
    private volatile GipcFuture<Object> readingOffLoop;
    /** The jobs sent and not answered, in the order sent; the worker answers them in that order. */
    private final ArrayDeque<Sent> sent = new ArrayDeque<>();

    State state = State.STARTING;
    boolean everReady;
    /** How many of {@link #sent} the pool still waits for (not withdrawn nor dropped). */
    int live;

    int jobsRun;
    /** {@link System#nanoTime()} of its last answer: a task sent ahead of it started then. */
    long lastAnswerNanos;

    ScheduledFuture<?> timer;
    /** The job {@link #timer} times. */
    PoolJob timed;
    /** The numbered tasks this worker was sent whole (see {@link TaskCatalog}). */
    final java.util.BitSet knownTasks = new java.util.BitSet();
    /** What its initializer threw, if it reported that. */
    Throwable initFailure;

    PoolWorker(NettyGipcPool pool, String name, GProcess process, GipcDuplex<Object> pipe, ClaimBoard board) {
        this.pool = pool;
        this.name = name;
        this.process = process;
        this.pipe = pipe;
        this.board = board;
    }

    /** A job sent; once {@link #dropped}, the worker's answer to it is ignored (it skips it, or it was given up). */
    private static final class Sent {
        final PoolJob job;
        boolean dropped;
        /** Sent in the same message as the job after it ({@link WireMessages.Several}). */
        boolean withNext;

        Sent(PoolJob job) {
            this.job = job;
        }
    }

    /** @param job a job just sent to this worker */
    void sent(PoolJob job) {
        sent.add(new Sent(job));
        live++;
    }

    /** The job sent last and the next one to be sent go in one message. */
    void joinLast() {
        sent.getLast().withNext = true;
    }

    /**
     * The worker could not rebuild its oldest message: every job in it ends.
     *
     * @return the jobs of that message the pool still waited for, oldest first
     */
    List<PoolJob> answeredMessage() {
        List<PoolJob> jobs = new ArrayList<>(1);
        Sent oldest;
        do {
            oldest = sent.poll();
            if (oldest == null) {
                break;
            }
            if (!oldest.dropped) {
                live--;
                jobs.add(oldest.job);
            }
        } while (oldest.withNext);
        return jobs;
    }

    /** @return how many answers the worker still owes, dropped jobs included */
    int unanswered() {
        return sent.size();
    }

    /** Forgets the job sent last: its message was never put on the pipe. */
    void unsent() {
        Sent last = sent.removeLast();
        if (!sent.isEmpty()) {
            sent.getLast().withNext = false;
        }
        if (!last.dropped) {
            live--;
        }
    }

    /**
     * The worker answered its oldest message.
     *
     * @return the job the answer is for, or null if that job was dropped (or nothing was sent)
     */
    PoolJob answered() {
        Sent oldest = sent.poll();
        if (oldest == null || oldest.dropped) {
            return null;
        }
        live--;
        return oldest.job;
    }

    /**
     * Stops waiting for a job's answer (withdrawn, cancelled, timed out, failed); the answer, if any comes, is
     * ignored.
     *
     * @param job a job sent to this worker
     */
    void drop(PoolJob job) {
        for (Sent s : sent) {
            if (s.job == job && !s.dropped) {
                s.dropped = true;
                live--;
                return;
            }
        }
    }

    /** @return the oldest job the pool waits for: the one running or next to run; null if none */
    PoolJob current() {
        for (Sent s : sent) {
            if (!s.dropped) {
                return s.job;
            }
        }
        return null;
    }

    /** @return the oldest job sent ahead of the current one, or null */
    PoolJob nextWaiting() {
        boolean first = true;
        for (Sent s : sent) {
            if (!s.dropped) {
                if (!first) {
                    return s.job;
                }
                first = false;
            }
        }
        return null;
    }

    /** @return the jobs the pool waits for, oldest first */
    List<PoolJob> liveJobs() {
        List<PoolJob> jobs = new ArrayList<>(live);
        for (Sent s : sent) {
            if (!s.dropped) {
                jobs.add(s.job);
            }
        }
        return jobs;
    }

    /** @return the jobs sent ahead of their turn that have not started: all but the current one, if queued */
    int waitingAhead() {
        int waiting = 0;
        boolean first = true;
        for (Sent s : sent) {
            if (!s.dropped) {
                if (!first && board.state(s.job.slot) == ClaimBoard.QUEUED) {
                    waiting++;
                }
                first = false;
            }
        }
        return waiting;
    }

    /** Starts reading from the worker and watching its process. */
    void watch() {
        readNext();
        process.join().thenAcceptBoth(readerEnded, (code, ignored) -> pool.workerEnded(this, code));
        // A grandchild that kept a copy of the worker's end would hold the stream open after the worker exited.
        process.join().thenRun(() -> {
            pool.resumeReading(this); // an idle worker's reader was parked: what it left, then its end
            pool.afterExit(this, readerEnded);
        });
    }

    /**
     * The get pending for the worker's next message, if a thread that blocks on it may still read the message
     * itself ({@link PoolFuture}), saving the loop's wake-up and its own: one asked for off the event loops (a
     * get made on a loop is the loop's to read).
     *
     * @return the get, or null
     */
    GipcFuture<Object> readingForCaller() {
        GipcFuture<Object> get = reading;
        return get != null && get == readingOffLoop ? get : null;
    }

    private void readNextIf(boolean readOn) {
        if (readOn) {
            readNext();
        }
    }

    /** Asks for the worker's next message (once its reader was parked, or after a message). */
    void readNext() {
        GipcFuture<Object> get;
        try {
            get = pipe.get();
        } catch (GipcException closed) {
            readerEnded.complete(null); // closed by force: the worker is gone
            return;
        }
        reading = get;
        readingOffLoop = EventLoops.inGipcLoop() ? null : get;
        get.whenComplete((message, failure) -> {
            if (failure == null || failure instanceof GipcCodecException) {
                List<Runnable> done = new ArrayList<>(2);
                boolean readOn = failure == null
                        ? pool.messageFrom(this, message, done)
                        : pool.unreadableAnswer(this, (GipcCodecException) failure, done);
                if (EventLoops.inGipcLoop()) {
                    // Futures first: a message already here for the next get is then handed over after them.
                    NettyGipcPool.runAll(done);
                    readNextIf(readOn);
                } else {
                    // Read by a thread blocked on a future: the next get first, so that a callback run here that
                    // blocks on this worker's next task finds it asked for (a loop refuses such a wait).
                    readNextIf(readOn);
                    NettyGipcPool.runAll(done);
                }
            } else {
                readerEnded.complete(null); // end of stream, or closed
            }
        });
    }

    void stopReading() {
        readerEnded.complete(null);
    }

    /**
     * Puts a message on the worker's pipe; encoding, and reserving the handles the message holds, happen here, on
     * the calling thread.
     *
     * @param message the message
     * @return null if it was accepted, else why it was refused before anything was written: the codec could not
     *     carry it ({@link GipcCodecException}), or a handle in it is closed or locked, or is this very pipe
     * @throws GipcException if the pipe is closed (the worker is ending)
     */
    GipcException send(Object message) {
        Throwable cause = RefusedPut.cause(pipe.put(message));
        if (cause instanceof GipcBrokenPipeException) {
            return null; // the worker is ending, and its end is handled there
        }
        return cause instanceof GipcException ? (GipcException) cause : null;
    }

    /** @return e.g. {@code render-3 (pid 4242)} */
    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
