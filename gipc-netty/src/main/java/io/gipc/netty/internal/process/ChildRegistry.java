package io.gipc.netty.internal.process;

import io.gipc.GProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The children of this JVM that have not ended, and what happens to them at a normal JVM exit
 * (multiprocessing's rule): daemon children are terminated, non-daemon children are waited for.
 *
 * <p>Before it terminates daemon children, the hook runs the exit tasks registered with {@link #addExitTask}: the
 * worker pools shut themselves down there (together, for 10 s at most), so that its workers finish their tasks and exit 0 rather than being
 * terminated under them (and replaced) while the application's own shutdown hooks still close the pool.
 *
 * <p>The shutdown hook reaps by polling {@code waitpid(pid, WNOHANG)} itself instead of relying on the event
 * loop, which may be shutting down at the same time.
 */
public final class ChildRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(ChildRegistry.class);
    private static final long POLL_MILLIS = 10;
    /** How long a terminated daemon child gets before SIGKILL. */
    private static final long DAEMON_GRACE_MILLIS = 5000;
    /** Each live child and the order it was added in. */
    private static final Map<NettyGProcess, Long> LIVE = new ConcurrentHashMap<>();

    private static final AtomicLong ORDER = new AtomicLong();
    private static volatile boolean hookInstalled;
    /** How long a normal JVM exit waits for the exit tasks (worker pools ending gracefully), all together. */
    static final long EXIT_TASKS_GRACE_MILLIS = 10_000;

    private static final Set<Supplier<? extends Future<?>>> EXIT_TASKS = ConcurrentHashMap.newKeySet();

    private ChildRegistry() {}

    /**
     * Tracks a started child until it is reaped.
     *
     * @param process the child
     */
    static void add(NettyGProcess process) {
        installHook();
        LIVE.put(process, ORDER.incrementAndGet());
    }

    /**
     * Forgets a reaped child.
     *
     * @param process the child
     */
    static void remove(NettyGProcess process) {
        LIVE.remove(process);
    }

    /**
     * The children started by this JVM that have not been reaped; {@code Gipc.activeChildren()}. A child is
     * left out as soon as it is reaped, before its exit future completes (its removal from here follows on the
     * event loop).
     *
     * @return a snapshot, oldest first
     */
    static List<GProcess> live() {
        List<Map.Entry<NettyGProcess, Long>> entries = new ArrayList<>(LIVE.entrySet());
        entries.sort(Map.Entry.comparingByValue());
        List<GProcess> result = new ArrayList<>(entries.size());
        for (Map.Entry<NettyGProcess, Long> e : entries) {
            if (e.getKey().exitCodeNow() == null) {
                result.add(e.getKey());
            }
        }
        return List.copyOf(result);
    }

    /**
     * Registers an exit task: at a normal JVM exit, before the daemon children are terminated, every task is
     * started (all at once), then the futures they return are waited for, {@value #EXIT_TASKS_GRACE_MILLIS} ms
     * at most in all.
     *
     * @param task starts its work without blocking and returns the future of its end
     */
    public static void addExitTask(Supplier<? extends Future<?>> task) {
        installHook();
        EXIT_TASKS.add(task);
    }

    /**
     * Unregisters a task of {@link #addExitTask}.
     *
     * @param task the task
     */
    public static void removeExitTask(Supplier<? extends Future<?>> task) {
        EXIT_TASKS.remove(task);
    }

    private static void installHook() {
        if (hookInstalled) {
            return;
        }
        synchronized (ChildRegistry.class) {
            if (!hookInstalled) {
                Runtime.getRuntime().addShutdownHook(new Thread(ChildRegistry::atExit, "gipc-children-at-exit"));
                hookInstalled = true;
            }
        }
    }

    /** Starts every exit task, then waits for them all, up to the grace period in all. */
    private static void runExitTasks() {
        List<Future<?>> ends = new ArrayList<>();
        for (Supplier<? extends Future<?>> task : EXIT_TASKS) {
            try {
                ends.add(task.get());
            } catch (RuntimeException e) {
                LOG.debug("an exit task failed to start: {}", task, e);
            }
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(EXIT_TASKS_GRACE_MILLIS);
        for (Future<?> end : ends) {
            try {
                end.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                LOG.warn(
                        "the worker pools did not end within {} ms of the JVM's exit; their workers are terminated",
                        EXIT_TASKS_GRACE_MILLIS);
                return;
            } catch (ExecutionException | RuntimeException e) {
                LOG.debug("an exit task failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Terminates daemon children and waits for every child to end. */
    static void atExit() {
        runExitTasks();
        List<NettyGProcess> daemons = new ArrayList<>();
        List<NettyGProcess> others = new ArrayList<>();
        for (NettyGProcess p : LIVE.keySet()) {
            (p.isDaemon() ? daemons : others).add(p);
        }
        for (NettyGProcess p : daemons) {
            p.terminate();
        }
        if (!others.isEmpty()) {
            LOG.debug("waiting at exit for {} non-daemon child(ren)", others.size());
        }
        long daemonDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DAEMON_GRACE_MILLIS);
        boolean killed = false;
        while (true) {
            daemons.removeIf(NettyGProcess::reapIfEnded);
            others.removeIf(NettyGProcess::reapIfEnded);
            if (daemons.isEmpty() && others.isEmpty()) {
                return;
            }
            if (!killed && !daemons.isEmpty() && System.nanoTime() > daemonDeadline) {
                daemons.forEach(NettyGProcess::kill);
                killed = true;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
