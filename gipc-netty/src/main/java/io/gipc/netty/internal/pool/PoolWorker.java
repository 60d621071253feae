package io.gipc.netty.internal.pool;

import io.gipc.GProcess;
import io.gipc.GipcBrokenPipeException;
import io.gipc.GipcCodecException;
import io.gipc.GipcDuplex;
import io.gipc.GipcException;
import io.gipc.GipcFuture;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledFuture;

/**
 * The pool's side of one worker: its process, its end of the duplex pipe, and what it is doing. It keeps one
 * {@code get()} pending on the pipe at all times and hands each message to the pool; it tells the pool the
 * worker has ended once both the process has exited and the pipe has reached its end, so that an answer
 * written just before the worker exited is still read first. No thread of its own: everything here runs in
 * future callbacks on gipc's event loops.
 *
 * <p>The mutable fields are guarded by the pool's lock.
 */
final class PoolWorker {
    enum State {
        /** Spawned; its initializer has not reported yet. */
        STARTING,
        /** Ready, waiting for a job. */
        IDLE,
        /** Running {@link #current}. */
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
    private final CompletableFuture<Void> readerEnded = new CompletableFuture<>();

    State state = State.STARTING;
    boolean everReady;
    PoolJob current;
    int jobsRun;
    ScheduledFuture<?> timer;
    /** The numbered tasks this worker was sent whole (see {@link TaskCatalog}). */
    final java.util.BitSet knownTasks = new java.util.BitSet();
    /** What its initializer threw, if it reported that. */
    Throwable initFailure;

    PoolWorker(NettyGipcPool pool, String name, GProcess process, GipcDuplex<Object> pipe) {
        this.pool = pool;
        this.name = name;
        this.process = process;
        this.pipe = pipe;
    }

    /** Starts reading from the worker and watching its process. */
    void watch() {
        readNext();
        process.join().thenAcceptBoth(readerEnded, (code, ignored) -> pool.workerEnded(this, code));
        // A grandchild that kept a copy of the worker's end would hold the stream open after the worker exited.
        process.join().thenRun(() -> pool.afterExit(this, readerEnded));
    }

    private void readNext() {
        GipcFuture<Object> get;
        try {
            get = pipe.get();
        } catch (GipcException closed) {
            readerEnded.complete(null);   // closed by force: the worker is gone
            return;
        }
        get.whenComplete((message, failure) -> {
            if (failure == null) {
                pool.messageFrom(this, message);
                readNext();
            } else if (failure instanceof GipcCodecException) {
                pool.unreadableAnswer(this, (GipcCodecException) failure);
                readNext();
            } else {
                readerEnded.complete(null);   // end of stream, or closed
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
        GipcFuture<Void> put = pipe.put(message);
        if (!put.isCompletedExceptionally()) {
            return null;
        }
        try {
            put.getNow(null);
            return null;
        } catch (CompletionException e) {
            if (e.getCause() instanceof GipcBrokenPipeException) {
                return null;   // the worker is ending, and its end is handled there
            }
            if (e.getCause() instanceof GipcException) {
                return (GipcException) e.getCause();
            }
            return null;
        }
    }

    /** @return e.g. {@code render-3 (pid 4242)} */
    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
