package io.gipc;

import java.util.List;

/**
 * A pool of worker processes that run tasks and hand back futures; Python's {@code multiprocessing.Pool} and
 * {@code concurrent.futures.ProcessPoolExecutor}, for an event-loop program.
 *
 * <pre>{@code
 * try (GipcPool pool = Gipc.pool().workers(4).name("render").start()) {
 *     GipcFuture<Integer> f = pool.submit(Maths::square, 7);      // returns at once, from any thread
 *     f.thenAccept(System.out::println);                           // 49, on gipc's event loop
 *     List<Integer> all = pool.map(Maths::square, inputs).join();  // in input order
 * }
 * }</pre>
 *
 * <p>Made by {@link Gipc#pool()}. Each worker is a daemon child JVM (named {@code name-0}, {@code name-1}, ...)
 * that runs one task at a time on its main thread; tasks wait in a queue, first in first out, while every
 * worker is busy. Tasks, arguments, results and exceptions travel with the default codec, as the target and
 * arguments of {@link Gipc#startProcess} do: the task must be a static method reference or a lambda.
 *
 * <p>What can go wrong, and what it does:
 * <ul>
 *   <li>A task that cannot be shipped (an anonymous class, an argument holding a thread): its future fails at
 *       once with a {@link GipcException} naming what could not be shipped; it runs nowhere.</li>
 *   <li>A task that throws: its future fails with an exception of the same class and message, cause chain
 *       kept. The worker goes on (as both of Python's pools do).</li>
 *   <li>A worker that dies ({@code System.exit}, a signal, a crash in native code): the task it was running
 *       fails with a {@link GipcWorkerDiedException} carrying the exit code; a new worker takes its place and
 *       every other task goes on. {@code ProcessPoolExecutor} instead breaks for good
 *       ({@code BrokenProcessPool}); {@code multiprocessing.Pool} replaces the worker but never completes the
 *       lost task.</li>
 *   <li>A task that runs longer than {@link GipcPoolBuilder#taskTimeout}: it fails with a
 *       {@link GipcTaskTimeoutException} (a {@link java.util.concurrent.TimeoutException}), and its worker is
 *       killed and replaced (Python's pools
 *       only stop waiting; the task runs on).</li>
 *   <li>Too many tasks waiting ({@link GipcPoolBuilder#maxQueued}), or a pool that was shut down: the future
 *       is already failed with a {@link java.util.concurrent.RejectedExecutionException}.</li>
 *   <li>Workers that keep failing to start (an initializer that throws, JVM options the JVM refuses):
 *       {@link #ready()}, the queued tasks and later submits fail with a {@link GipcException} whose cause is
 *       the initializer's error. The pool keeps trying, with growing pauses, and takes tasks again once a
 *       worker starts.</li>
 * </ul>
 *
 * <p>Cancelling: {@code cancel} on a task still waiting in the queue removes it (it never runs);
 * {@code cancel(true)} on a running task kills its worker (which is replaced) and cancels the future;
 * {@code cancel(false)} on a running task returns false. The answer is given at once and is final.
 *
 * <p>Thread-safe. No method blocks but {@link #close()}; futures complete on gipc's event loops, so callbacks
 * chained on them run there and must not block.
 */
public interface GipcPool extends AutoCloseable {

    /**
     * Runs {@code task()} in a worker; {@code executor.submit(f)}, {@code pool.apply_async(f)}.
     *
     * @param <R> the type of the result
     * @param task a static method reference or lambda
     * @return the future of its result; see the class comment for its failures
     */
    <R> GipcFuture<R> submit(GipcTask0<R> task);

    /**
     * Runs {@code task(a)} in a worker; {@code executor.submit(f, a)}, {@code pool.apply_async(f, (a,))}.
     *
     * @param <A> the type of the argument
     * @param <R> the type of the result
     * @param task a static method reference or lambda
     * @param a the argument, carried by the default codec
     * @return the future of its result; see the class comment for its failures
     */
    <A, R> GipcFuture<R> submit(GipcTask1<A, R> task, A a);

    /**
     * Runs {@code task(a, b)} in a worker; {@code executor.submit(f, a, b)}.
     *
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param <R> the type of the result
     * @param task a static method reference or lambda
     * @param a the first argument
     * @param b the second argument
     * @return the future of its result; see the class comment for its failures
     */
    <A, B, R> GipcFuture<R> submit(GipcTask2<A, B, R> task, A a, B b);

    /**
     * Runs {@code task} on every input; {@code pool.map_async(f, inputs)} and
     * {@code executor.map(f, inputs, chunksize=...)}. Inputs travel in batches, one message per batch (the pool
     * picks the batch size, as {@code Pool.map} does: about four batches per worker; one input per batch when
     * a {@link GipcPoolBuilder#taskTimeout} is set, so that each input is timed).
     *
     * <p>The first input to fail fails the whole future with that input's failure, and batches not yet handed
     * to a worker are not run; inputs after the failing one in its own batch are not run either. Cancelling the
     * future behaves as for a single task: batches still queued are removed, running ones make
     * {@code cancel(false)} return false and {@code cancel(true)} kill their workers.
     *
     * @param <A> the type of the inputs
     * @param <R> the type of the results
     * @param task a static method reference or lambda
     * @param inputs the inputs, read when this method is called
     * @return the future of the results, in the order of the inputs
     */
    <A, R> GipcFuture<List<R>> map(GipcTask1<A, R> task, List<? extends A> inputs);

    /**
     * Completes once every worker of the first round has started and run its initializer; fails with a
     * {@link GipcException} if workers keep failing to start first. Tasks may be submitted before: they wait.
     *
     * @return the future; it cannot be cancelled
     */
    GipcFuture<Void> ready();

    /**
     * The number of workers asked for.
     *
     * @return {@link GipcPoolBuilder#workers(int)}
     */
    int size();

    /**
     * The worker processes alive now, starting ones included. The {@link GProcess} objects stay readable after
     * their worker ended: {@link GProcess#join()} gives its exit code.
     *
     * @return a snapshot
     */
    List<GProcess> workers();

    /**
     * The worker processes alive now and what each is doing.
     *
     * @return a snapshot, in the order the workers were started
     */
    List<GipcPoolWorker> workerStatus();

    /**
     * The pool's figures now.
     *
     * @return a snapshot
     */
    GipcPoolStats stats();

    /**
     * Shuts the pool down gracefully; {@code executor.shutdown(wait=False)}, {@code pool.close()}. Later submits
     * fail with {@link java.util.concurrent.RejectedExecutionException}; queued and running tasks complete;
     * then every worker exits with 0. Calling it again returns the same future.
     *
     * @return completes once every worker has ended and the pool's descriptors and threads are gone
     */
    GipcFuture<Void> shutdown();

    /**
     * Kills every worker (SIGKILL); every queued or running task fails with a {@link GipcClosedException};
     * {@code pool.terminate()}, {@code executor.shutdown(cancel_futures=True)} with the running tasks killed
     * too. Returns at once: {@link #shutdown()}'s future completes once the workers are gone.
     */
    void shutdownNow();

    /**
     * Whether {@link #shutdown()} or {@link #shutdownNow()} was called.
     *
     * @return true once the pool takes no more tasks
     */
    boolean isShutdown();

    /**
     * {@code shutdown().join()}: waits for queued and running tasks and for the workers to exit. Blocks: do not
     * call it on an event loop ({@link GipcFuture#join()} refuses to).
     */
    @Override
    void close();
}
