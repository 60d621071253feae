package io.gipc.testkit;

import io.gipc.GipcHandle;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.InvocationInterceptor.Invocation;

/**
 * Runs one test or lifecycle method on a thread of its own and waits for it at most its time limit.
 *
 * <p>A method that ends in time ends as it would have: its result is returned, its exception thrown. One that
 * does not is reported and cleaned up, so that the build goes on: the report (what it was doing, the open
 * handles with their pending operations, the live children) is taken first; then the children it started are
 * killed, and the raw peers and handles it opened are closed, by force where an operation is pending (which
 * fails that operation, and so ends a {@code join()} that no interrupt would end); then its thread is
 * interrupted and given a few seconds to end. Finally the method fails with an {@link AssertionError} carrying
 * the report. A thread that still does not end is left behind as a daemon thread, named in the report.
 *
 * <p>If the waiting thread is interrupted (JUnit's own {@code @Timeout}, say) the method is handled as if its
 * time were up.
 */
final class HangGuard {
    /** How long the method's thread gets to end after the cleanup. */
    static final Duration GRACE = Duration.ofSeconds(5);

    private static final AtomicInteger THREADS = new AtomicInteger();

    private HangGuard() {}

    /** What the guard needs to know about the method it runs. */
    interface Scope {
        /** @return the method as a person knows it, e.g. {@code WorkerTest.answers()} */
        String name();

        /** @return what was open before the test or class began, or null if unknown (nothing is cleaned) */
        Baseline baseline();
    }

    /**
     * Runs the invocation under a limit.
     *
     * @param <T> the type of its result
     * @param invocation the method
     * @param limit the limit, positive
     * @param scope what runs
     * @return its result
     * @throws Throwable what the method threw, or the {@link AssertionError} of a hang
     */
    static <T> T run(Invocation<T> invocation, Duration limit, Scope scope) throws Throwable {
        Worker<T> worker = new Worker<>(invocation, scope.name());
        worker.thread.start();
        boolean interrupted = false;
        boolean finished;
        try {
            finished = worker.done.await(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
            finished = worker.done.getCount() == 0;
        }
        if (finished) {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return worker.outcome();
        }
        AssertionError error = hung(worker, limit, scope, interrupted);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        throw error;
    }

    private static AssertionError hung(Worker<?> worker, Duration limit, Scope scope, boolean interrupted) {
        StackTraceElement[] stack = worker.thread.getStackTrace();
        String report = HangReport.describe(scope, limit, interrupted);
        String cleanup;
        try {
            cleanup =
                    cleanUp(scope.baseline(), scope.name() + " ran past its time limit of " + TimeLimit.format(limit));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cleanup = "cleanup interrupted";
        } catch (RuntimeException e) {
            cleanup = "cleanup failed: " + e;
        }
        worker.thread.interrupt();
        boolean ended;
        try {
            ended = worker.done.await(GRACE.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ended = worker.done.getCount() == 0;
        }
        String fate = ended
                ? "Its thread then ended" + (worker.failure != null ? " with " + worker.failure : "") + "."
                : "Its thread \"" + worker.thread.getName() + "\" did not end " + GRACE.toSeconds() + " s after"
                        + " that; it is left running as a daemon thread.";
        AssertionError error = new AssertionError(report + "\nCleanup: " + cleanup + "\n" + fate);
        Throwable where = new StackOfTheHungThread(worker.thread.getName(), TimeLimit.format(limit));
        where.setStackTrace(stack);
        error.initCause(where);
        if (ended && worker.failure != null) {
            error.addSuppressed(worker.failure);
        }
        return error;
    }

    /** Kills the children, closes the raw peers and handles opened since the baseline; says what it did. */
    private static String cleanUp(Baseline baseline, String reason) throws InterruptedException {
        if (baseline == null) {
            return "nothing cleaned up (no baseline was taken before this method)";
        }
        List<ProcessHandle> children = baseline.newChildren();
        String childNotes = Cleanup.killChildren(children);
        List<RawPeer<?>> peers = baseline.newRawPeers();
        Cleanup.closeRawPeers(peers);
        List<GipcHandle> handles = baseline.newHandles();
        List<String> forced = Cleanup.closeHandlesNow(handles, reason);
        return "killed " + LeakCheck.count(children.size(), "child process", "child processes") + childNotes
                + ", closed " + LeakCheck.count(peers.size(), "raw peer", "raw peers") + " and "
                + LeakCheck.count(handles.size(), "handle", "handles") + " opened since the test began ("
                + forced.size() + " by force, failing their pending operations).";
    }

    /** The method, run on a daemon thread of its own. */
    private static final class Worker<T> {
        final CountDownLatch done = new CountDownLatch(1);
        final Thread thread;
        volatile T result;
        volatile Throwable failure;

        Worker(Invocation<T> invocation, String name) {
            thread = new Thread(
                    () -> {
                        try {
                            result = invocation.proceed();
                        } catch (Throwable t) {
                            failure = t;
                        } finally {
                            done.countDown();
                        }
                    },
                    "gipc-test-" + THREADS.incrementAndGet() + " " + name);
            thread.setDaemon(true);
            thread.setContextClassLoader(Thread.currentThread().getContextClassLoader());
        }

        T outcome() throws Throwable {
            if (failure != null) {
                throw failure;
            }
            return result;
        }
    }

    /** Carries the stack of a method's thread at the moment its time was up. */
    static final class StackOfTheHungThread extends Throwable {
        private static final long serialVersionUID = 1L;

        StackOfTheHungThread(String thread, String limit) {
            super("where thread \"" + thread + "\" was after " + limit, null, false, true);
        }
    }
}
