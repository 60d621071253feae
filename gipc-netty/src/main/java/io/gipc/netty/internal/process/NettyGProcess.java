package io.gipc.netty.internal.process;

import com.sun.jna.Native;
import com.sun.jna.ptr.IntByReference;
import io.gipc.GProcess;
import io.gipc.GipcFuture;
import io.gipc.netty.internal.posix.LibC;
import io.gipc.netty.internal.posix.PosixConstants.Errno;
import io.gipc.netty.internal.posix.PosixConstants.Signal;
import io.gipc.netty.internal.posix.PosixConstants.SysWait;
import io.gipc.netty.internal.posix.WaitStatus;
import io.gipc.netty.internal.transport.LoopFuture;
import io.netty.channel.IoEventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A child process started by gipc: watched on an event loop, reaped as soon as it ends, signalled only while
 * it is not reaped (so a recycled pid is never signalled).
 *
 * <p>Exit codes follow gipc: the exit status for a normal exit, {@code -N} for death by signal {@code N};
 * {@link #exitValue()} and {@link #waitFor()} follow Java: {@code 128 + N}. stdin, stdout and stderr are
 * shared with the parent, so the streams of {@link Process} are empty.
 */
public final class NettyGProcess extends GProcess {
    private static final Logger LOG = LoggerFactory.getLogger(NettyGProcess.class);
    /** Recorded when someone else reaped the child (a {@code waitpid(-1)} elsewhere): the status is lost. */
    static final int UNKNOWN_EXIT = 255;

    private final int pid;
    private final String name;
    private final boolean daemon;
    private final IoEventLoop loop;
    private final BooleanSupplier inEventLoop;
    private final LoopFuture<Integer> exit;
    private final GProcessHandle handle;
    private final Consumer<NettyGProcess> onEnded;
    private volatile Integer exitCode;
    private volatile boolean closed;

    private NettyGProcess(
            int pid,
            String name,
            boolean daemon,
            IoEventLoop loop,
            BooleanSupplier inEventLoop,
            Consumer<NettyGProcess> onEnded) {
        this.pid = pid;
        this.name = Objects.requireNonNull(name, "name");
        this.daemon = daemon;
        this.loop = loop;
        this.inEventLoop = inEventLoop;
        this.exit = new LoopFuture<>(inEventLoop);
        this.handle = new GProcessHandle(this);
        this.onEnded = onEnded;
    }

    /**
     * Wraps a freshly spawned child and starts watching it.
     *
     * @param pid the child's pid, not yet reaped
     * @param name its name
     * @param daemon its daemon flag
     * @param loop the event loop that watches it and completes its futures
     * @param inEventLoop tells whether the calling thread is a gipc event-loop thread
     * @param onEnded run once, on the loop when possible, after the child is reaped, before {@link #join()} completes
     * @return the process
     */
    public static NettyGProcess watch(
            int pid, String name, boolean daemon, IoEventLoop loop, BooleanSupplier inEventLoop, Runnable onEnded) {
        NettyGProcess p = unwatched(pid, name, daemon, loop, inEventLoop, ended -> onEnded.run());
        p.startWatching();
        return p;
    }

    /**
     * Wraps a freshly spawned child without watching it yet. The caller records the process wherever
     * {@code onEnded} will look for it, then calls {@link #startWatching()}: the watch starts on the loop, so
     * what the caller did before is visible to {@code onEnded} there.
     *
     * @param pid the child's pid, not yet reaped
     * @param name its name
     * @param daemon its daemon flag
     * @param loop the event loop that watches it and completes its futures
     * @param inEventLoop tells whether the calling thread is a gipc event-loop thread
     * @param onEnded run once with this process, on the loop when possible, after the child is reaped
     * @return the process, not yet watched
     */
    public static NettyGProcess unwatched(
            int pid,
            String name,
            boolean daemon,
            IoEventLoop loop,
            BooleanSupplier inEventLoop,
            Consumer<NettyGProcess> onEnded) {
        return new NettyGProcess(pid, name, daemon, loop, inEventLoop, onEnded);
    }

    /** Starts watching the child on its loop: it is reaped as soon as it ends, and {@code onEnded} runs. */
    public void startWatching() {
        ProcessWatcher.watch(loop, pid, this::reapIfEnded);
    }

    /**
     * Reaps the child if it has ended ({@code waitpid(pid, WNOHANG)}); callable from any thread.
     *
     * @return true once the child is reaped
     */
    boolean reapIfEnded() {
        int code;
        synchronized (this) {
            if (exitCode != null) {
                return true;
            }
            IntByReference status = new IntByReference();
            int r = LibC.get().waitpid(pid, status, SysWait.WNOHANG);
            if (r == 0) {
                return false;
            }
            if (r == pid) {
                code = WaitStatus.exitCode(status.getValue());
            } else {
                int errno = Native.getLastError();
                if (errno == Errno.EINTR) {
                    return false;
                }
                LOG.warn(
                        "waitpid({}) of {} failed with errno {}: the child was reaped by someone else; its exit"
                                + " status is lost",
                        pid,
                        name,
                        errno);
                code = UNKNOWN_EXIT;
            }
            exitCode = code;
        }
        LOG.debug("{} (pid {}) ended with {}", name, pid, code);
        onLoop(() -> {
            runOnEnded(); // first: whoever join() wakes finds the child's traces (lifeline, archive) dealt with
            exit.succeedNow(code);
        });
        return true;
    }

    private void runOnEnded() {
        try {
            onEnded.accept(this);
        } catch (RuntimeException e) {
            LOG.warn("cleaning up after {} (pid {}) failed", name, pid, e);
        }
    }

    private void onLoop(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
            return;
        }
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            task.run(); // the loop is shutting down (JVM exit): complete here rather than never
        }
    }

    /**
     * Sends a signal unless the child is already reaped; the lock keeps the reaper from reaping in between,
     * so the pid cannot have been recycled.
     */
    private synchronized void signal(int sig) {
        if (exitCode != null) {
            return;
        }
        if (LibC.get().kill(pid, sig) != 0) {
            LOG.debug("kill({}, {}) failed with errno {}", pid, sig, Native.getLastError());
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("process " + name + " (pid " + pid + ") is closed");
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean isDaemon() {
        return daemon;
    }

    @Override
    public Integer exitCode() {
        checkOpen();
        reapIfEnded();
        return exitCode;
    }

    /**
     * The exit code without reaping or checking {@link #close()}; for gipc's own bookkeeping.
     *
     * @return the exit code, or null while not reaped
     */
    Integer exitCodeNow() {
        return exitCode;
    }

    @Override
    public GipcFuture<Integer> join() {
        checkOpen();
        return exit;
    }

    @Override
    public GipcFuture<Integer> join(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        checkOpen();
        LoopFuture<Integer> f = new LoopFuture<>(inEventLoop);
        Integer code = exitCode;
        if (code != null) {
            f.succeedNow(code);
            return f;
        }
        long nanos = Math.max(0, timeout.toNanos());
        ScheduledFuture<?> timer = loop.schedule(
                () -> {
                    f.succeedNow(null);
                },
                nanos,
                TimeUnit.NANOSECONDS);
        exit.whenComplete((c, t) -> {
            timer.cancel(false);
            f.succeedNow(c);
        });
        return f;
    }

    @Override
    public void terminate() {
        signal(Signal.SIGTERM);
    }

    @Override
    public void kill() {
        signal(Signal.SIGKILL);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (exitCode == null && !reapIfEnded()) {
            throw new IllegalStateException("cannot close process " + name + " (pid " + pid + "): it is still running");
        }
        closed = true;
    }

    // java.lang.Process

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public boolean isAlive() {
        checkOpen();
        return !reapIfEnded();
    }

    @Override
    public int waitFor() throws InterruptedException {
        try {
            return javaExitValue(exit.get());
        } catch (ExecutionException e) {
            throw new IllegalStateException("the exit future of " + name + " failed", e.getCause());
        }
    }

    @Override
    public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
        try {
            exit.get(timeout, unit);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("the exit future of " + name + " failed", e.getCause());
        }
    }

    @Override
    public int exitValue() {
        reapIfEnded();
        Integer code = exitCode;
        if (code == null) {
            throw new IllegalThreadStateException("process " + name + " (pid " + pid + ") has not exited");
        }
        return javaExitValue(code);
    }

    private static int javaExitValue(int code) {
        return code < 0 ? 128 - code : code;
    }

    @Override
    public void destroy() {
        terminate();
    }

    @Override
    public Process destroyForcibly() {
        kill();
        return this;
    }

    @Override
    public boolean supportsNormalTermination() {
        return true;
    }

    @Override
    public CompletableFuture<Process> onExit() {
        return exit.thenApply(c -> this);
    }

    /**
     * The exit future as a {@link ProcessHandle} sees it.
     *
     * @return a future completed with the exit code
     */
    CompletableFuture<Integer> exitFuture() {
        return exit;
    }

    @Override
    public ProcessHandle toHandle() {
        return handle;
    }

    @Override
    public OutputStream getOutputStream() {
        return OutputStream.nullOutputStream();
    }

    @Override
    public InputStream getInputStream() {
        return InputStream.nullInputStream();
    }

    @Override
    public InputStream getErrorStream() {
        return InputStream.nullInputStream();
    }

    @Override
    public String toString() {
        Integer code = exitCode;
        return "GProcess[" + name + ", pid " + pid + (daemon ? ", daemon" : "")
                + (code == null ? ", running" : ", exit code " + code) + "]";
    }
}
