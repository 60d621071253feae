package io.gipc.examples.showcase;

import io.gipc.GProcess;
import io.gipc.Gipc;
import io.gipc.GipcDuplex;
import io.gipc.GipcDuplexPipe;
import io.gipc.GipcException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The server's side of one worker process: the child JVM and the server's end of the duplex pipe to it.
 * It only does I/O; {@link WorkerPool} decides what to do and keeps the state fields, under its lock.
 */
final class Worker {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

    /** Where a worker is in its life; changed by the pool only, under its lock. */
    enum State {
        /** Spawned, not yet ready. */
        STARTING,
        /** Ready and waiting for a job. */
        IDLE,
        /** Computing a job. */
        BUSY,
        /** Dead or about to be killed: takes no more jobs. */
        DOOMED
    }

    final int slot;
    final GProcess process;
    private final GipcDuplexPipe<Object> pipe;
    private final GipcDuplex<Object> end;

    // Guarded by the pool's lock.
    State state = State.STARTING;
    WorkerPool.PendingJob job;
    /** True once the process ended. */
    boolean exited;
    /** The exit code once the process ended (null if it could not be read). */
    Integer exitCode;
    /** True while a put/get of this worker's pipe is pending: the pipe cannot be closed then. */
    boolean ioPending = true;
    boolean retired;

    private Worker(int slot, GProcess process, GipcDuplexPipe<Object> pipe) {
        this.slot = slot;
        this.process = process;
        this.pipe = pipe;
        this.end = pipe.first();
    }

    /**
     * Starts a worker process with a new duplex pipe. It blocks for as long as spawning takes (a few
     * milliseconds, more on the first call of the JVM), so the pool calls it off the event loops.
     *
     * @param slot the worker's place in the pool
     * @param settings the pool's settings
     * @return the started worker, not yet ready
     */
    static Worker start(int slot, PoolSettings settings) {
        GipcDuplexPipe<Object> pipe = Gipc.duplexPipe();
        try {
            GProcess process = Gipc.process(WorkerMain::serve)
                    .args(pipe.second())                  // the child gets this end; ours is closed
                    .name("worker-" + slot)
                    .daemon(true)                         // ends by itself if this server dies
                    .jvmOptions(settings.jvmOptions().toArray(new String[0]))
                    .start();
            return new Worker(slot, process, pipe);
        } catch (RuntimeException e) {
            closeQuietly(pipe);
            throw e;
        }
    }

    /**
     * The process id.
     *
     * @return the worker's pid
     */
    long pid() {
        return process.pid();
    }

    /**
     * Waits, without blocking, for the worker's first message.
     *
     * @param timeout how long the worker may take to start
     * @return a future of the pid the worker reports
     */
    CompletableFuture<Long> awaitReady(Duration timeout) {
        return end.get(timeout).thenApply(message -> {
            if (message instanceof Messages.Ready) {
                return ((Messages.Ready) message).pid();
            }
            throw new IllegalStateException("a worker's first message should be Ready, got " + message);
        });
    }

    /**
     * Sends a job and waits, without blocking, for the answer. The timeout is gipc's: the get fails with a
     * {@link java.util.concurrent.TimeoutException} when no byte of an answer arrived in time.
     *
     * @param job the job
     * @param timeout how long the worker may compute
     * @return a future of the worker's answer ({@link Messages.Answer} or {@link Messages.Failure})
     */
    CompletableFuture<Object> send(Messages.Job job, Duration timeout) {
        return end.put(job).thenCompose(written -> end.get(timeout));
    }

    /**
     * Asks an idle worker to return; its JVM then exits 0.
     *
     * @return a future completed once the message is written, or failed if the worker is already gone
     */
    CompletableFuture<Void> stop() {
        return end.put(Messages.Stop.STOP).whenComplete((v, e) -> {
            if (e != null) {
                LOG.debug("{} did not take the stop message: {}", this, e.toString());
            }
        });
    }

    /** Kills the process (SIGKILL) if it is still running. */
    void kill() {
        if (process.isAlive()) {
            process.kill();
        }
    }

    /** Closes the server's end of the pipe; the pool calls it once no operation is pending. */
    void closePipe() {
        closeQuietly(pipe);
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

    private static void closeQuietly(GipcDuplexPipe<Object> pipe) {
        try {
            pipe.close();
        } catch (GipcException e) {
            LOG.warn("could not close a worker's pipe: {}", e.toString());
        }
    }

    @Override
    public String toString() {
        return "worker-" + slot + " (pid " + pid() + ")";
    }
}
