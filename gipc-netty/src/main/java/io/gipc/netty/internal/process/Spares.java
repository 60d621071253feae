package io.gipc.netty.internal.process;

import com.sun.jna.ptr.IntByReference;
import io.gipc.GProcess;
import io.gipc.Gipc;
import io.gipc.GipcDuplex;
import io.gipc.GipcDuplexPipe;
import io.gipc.GipcException;
import io.gipc.GipcFuture;
import io.gipc.GipcHandle;
import io.gipc.netty.internal.launcher.SpareOrder;
import io.gipc.netty.internal.launcher.SpareTarget;
import io.gipc.netty.internal.posix.LibC;
import io.gipc.netty.internal.posix.PosixConstants.SysWait;
import io.gipc.netty.internal.transport.EventLoops;
import io.gipc.netty.internal.transport.LoopFuture;
import io.gipc.spi.ProcessRequest;
import io.netty.channel.IoEventLoop;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spare children: default children started ahead, each waiting on a control pipe of its own (a duplex pipe whose
 * other end the parent keeps). A start with the default settings takes a ready spare and puts a
 * {@link SpareOrder} on its pipe: the target, the arguments and the handles, which travel inside that message
 * as descriptors. The spare's launcher closes its end of the pipe and runs the target as any child does. A new
 * spare is started in the background, on a thread of its own (never an event loop).
 *
 * <p>An idle spare is a daemon child that no {@link GProcess} stands for: it halts when its parent is gone, and
 * is reaped here when it is ended ({@code spares(0)}, or fewer wanted) or found dead.
 */
final class Spares {
    private static final Logger LOG = LoggerFactory.getLogger(Spares.class);
    private static final long HAND_OVER_TIMEOUT_S = 60;
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Object LOCK = new Object();
    /** The spares that said they are ready, oldest first. */
    private static final Deque<Spare> READY = new ArrayDeque<>();
    /** Futures of {@code spares(n)} calls not completed yet. */
    private static final List<Waiter> WAITERS = new ArrayList<>();

    private static int wanted;
    private static int starting;
    private static int ending;
    private static ExecutorService starter;

    private Spares() {}

    /** A spare: its spawned process and the parent's end of its control pipe. */
    private record Spare(String name, ProcessStarter.Spawned spawned, GipcDuplex<Object> control) {}

    /** A {@code spares(n)} call waiting: for {@code n} ready spares, or for none left (n = 0). */
    private record Waiter(int n, LoopFuture<Void> future) {}

    /**
     * Keeps {@code n} spares; see {@code Gipc.spares(int)}.
     *
     * @param n how many
     * @return completes when {@code n} are ready, or for 0 when the idle ones are gone
     */
    static GipcFuture<Void> keep(int n) {
        LoopFuture<Void> future = new LoopFuture<>();
        List<Spare> surplus = new ArrayList<>();
        synchronized (LOCK) {
            wanted = n;
            while (READY.size() + starting > n && !READY.isEmpty()) {
                surplus.add(READY.pollLast());
            }
            for (int i = READY.size() + starting; i < n; i++) {
                startOneLater();
            }
            WAITERS.add(new Waiter(n, future));
        }
        surplus.forEach(Spares::end);
        settle();
        return future;
    }

    /**
     * Whether a start may take a spare: the child would be started with the default settings, on the class path,
     * and the caller is not an event loop (the hand-over waits for its message to be written).
     *
     * @param request the start
     * @return true if a spare would do
     */
    static boolean mayServe(ProcessRequest request) {
        return request.javaExecutable() == null
                && request.classpath() == null
                && request.jvmOptions().isEmpty()
                && request.inheritEnvironment()
                && request.environment().isEmpty()
                && request.workingDirectory() == null
                && request.redirectOutput() == null
                && request.redirectError() == null
                && !CodeLayout.class.getModule().isNamed()
                && !request.target().getClass().getModule().isNamed()
                && !EventLoops.inGipcLoop();
    }

    /**
     * Hands a start to a ready spare, if there is one, and starts a replacement in the background.
     *
     * @return the child, or null when no spare is ready
     * @throws GipcException if the order could not be handed over (the spare is ended; the handles are closed
     *         or given back, as the pipe's put left them)
     */
    static GProcess take(
            String name,
            boolean daemon,
            byte[] target,
            List<byte[]> args,
            Map<String, byte[]> kwargs,
            List<GipcHandle> handles) {
        while (true) {
            Spare spare;
            synchronized (LOCK) {
                spare = READY.pollFirst();
                if (spare == null) {
                    return null;
                }
                if (READY.size() + starting < wanted) {
                    startOneLater();
                }
            }
            if (reapedAlready(spare)) {
                continue; // it died idle; the next one, or a cold start
            }
            try {
                spare.control()
                        .put(new SpareOrder(name, daemon, target, args, kwargs, new ArrayList<>(handles)))
                        .get(HAND_OVER_TIMEOUT_S, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException | InterruptedException e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                end(spare);
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                if (cause instanceof RuntimeException) {
                    throw (RuntimeException) cause;
                }
                throw new GipcException(
                        "cannot hand " + name + " to the spare child " + spare.name() + ": " + cause, cause);
            }
            spare.control().close();
            LOG.debug(
                    "{} runs in the spare child {} (pid {})",
                    name,
                    spare.name(),
                    spare.spawned().pid());
            return ProcessStarter.watch(spare.spawned(), name, daemon);
        }
    }

    /** Queues the start of one spare; call with the lock held. */
    private static void startOneLater() {
        starting++;
        if (starter == null) {
            starter = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "gipc-spare-starter");
                t.setDaemon(true);
                return t;
            });
        }
        starter.execute(Spares::startOne);
    }

    /** Starts one spare and waits, on the loop, for it to say it is ready. */
    private static void startOne() {
        String name = "gipc-spare-" + COUNTER.incrementAndGet();
        GipcDuplexPipe<Object> pipe;
        ProcessStarter.Spawned spawned;
        try {
            pipe = Gipc.duplexPipe();
            try {
                spawned = ProcessStarter.spawnSpare(name, pipe.second());
            } catch (RuntimeException | Error e) {
                pipe.close();
                throw e;
            }
        } catch (RuntimeException | Error e) {
            LOG.warn("cannot start the spare child {}", name, e);
            List<Waiter> failed;
            synchronized (LOCK) {
                starting--;
                failed = new ArrayList<>(WAITERS);
                WAITERS.removeIf(w -> w.n() > 0);
            }
            failed.stream().filter(w -> w.n() > 0).forEach(w -> w.future().failNow(e));
            settle();
            return;
        }
        Spare spare = new Spare(name, spawned, pipe.first());
        spare.control().get().whenComplete((word, failure) -> {
            boolean keep;
            synchronized (LOCK) {
                starting--;
                keep = failure == null && SpareTarget.READY.equals(word) && READY.size() < wanted;
                if (keep) {
                    READY.addLast(spare);
                }
            }
            if (!keep) {
                LOG.debug("spare child {} not kept ({})", name, failure != null ? failure.toString() : word);
                end(spare);
            }
            settle();
        });
    }

    /** Whether an idle spare has already ended; then it is reaped and its traces are closed. */
    private static boolean reapedAlready(Spare spare) {
        int pid = spare.spawned().pid();
        int r = LibC.get().waitpid(pid, new IntByReference(), SysWait.WNOHANG);
        if (r != pid) {
            return false;
        }
        LOG.debug("spare child {} (pid {}) had ended", spare.name(), pid);
        closeTraces(spare);
        spare.spawned().sharing().childEnded(null);
        return true;
    }

    /** Ends a spare that is not needed: closes its control pipe (it exits, 117) and bootstrap pipe, and reaps it. */
    private static void end(Spare spare) {
        synchronized (LOCK) {
            ending++;
        }
        closeTraces(spare);
        ProcessStarter.Spawned s = spare.spawned();
        IoEventLoop loop = (IoEventLoop) EventLoops.processGroup().next();
        NettyGProcess reaper =
                NettyGProcess.unwatched(s.pid(), spare.name(), true, loop, EventLoops::inGipcLoop, ended -> {
                    s.sharing().childEnded(ended.exitCodeNow());
                    synchronized (LOCK) {
                        ending--;
                    }
                    settle();
                });
        reaper.startWatching();
    }

    private static void closeTraces(Spare spare) {
        try {
            spare.control().close();
        } catch (RuntimeException e) {
            LOG.debug("closing the control pipe of {}: {}", spare.name(), e.toString());
        }
        if (spare.spawned().lifeline() != null) {
            spare.spawned().lifeline().close();
        }
    }

    /** Completes the waiters whose condition holds. */
    private static void settle() {
        List<Waiter> done = new ArrayList<>();
        synchronized (LOCK) {
            for (Iterator<Waiter> it = WAITERS.iterator(); it.hasNext(); ) {
                Waiter w = it.next();
                boolean met = w.n() == 0
                        ? READY.isEmpty() && starting == 0 && ending == 0
                        : READY.size() >= Math.min(w.n(), wanted);
                if (met) {
                    it.remove();
                    done.add(w);
                }
            }
        }
        done.forEach(w -> w.future().succeedNow(null));
    }
}
