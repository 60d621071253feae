package io.gipc;

import io.gipc.spi.GipcProvider;
import java.util.List;
import java.util.Objects;

/**
 * The entry point: pipes, child processes and the open handles of this JVM; Python gipc's {@code gipc} module.
 *
 * <pre>{@code
 * try (GipcPipe<String> pipe = Gipc.pipe()) {
 *     GProcess child = Gipc.startProcess(Worker::run, pipe.writer());   // the child writes
 *     System.out.println(pipe.reader().get().join());
 *     child.join().join();
 * }
 * }</pre>
 *
 * <p>Every pipe is an AF_UNIX socketpair whose ends are driven by an event loop; every operation returns a
 * {@link GipcFuture} at once and never blocks the caller. The implementation is found through
 * {@link java.util.ServiceLoader} (depend on {@code io.gipc:gipc-netty}); on a platform it does not support,
 * the first call throws a {@link GipcException} that says why.
 */
public final class Gipc {
    private Gipc() {}

    /**
     * A simplex pipe carrying any value the default codec carries; Python gipc's {@code pipe()}.
     *
     * @param <T> the message type
     * @return a new pipe
     */
    public static <T> GipcPipe<T> pipe() {
        return pipe(GipcPipeOptions.defaults());
    }

    /**
     * A simplex pipe with the default codec and the given options.
     *
     * @param <T> the message type
     * @param options the pipe's options
     * @return a new pipe
     */
    @SuppressWarnings("unchecked")
    public static <T> GipcPipe<T> pipe(GipcPipeOptions options) {
        GipcProvider p = GipcProvider.get();
        return pipe((Encoder<? super T>) p.defaultEncoder(), (Decoder<? extends T>) p.defaultDecoder(), options);
    }

    /**
     * A simplex pipe with a codec of your own; Python gipc's {@code pipe(encoder=e, decoder=d)}.
     *
     * @param <T> the message type
     * @param encoder turns a message into bytes, on the thread that calls {@code put()}
     * @param decoder turns bytes into a message, on the event loop
     * @return a new pipe
     */
    public static <T> GipcPipe<T> pipe(Encoder<? super T> encoder, Decoder<? extends T> decoder) {
        return pipe(encoder, decoder, GipcPipeOptions.defaults());
    }

    /**
     * A simplex pipe with a codec of your own and the given options.
     *
     * @param <T> the message type
     * @param encoder turns a message into bytes
     * @param decoder turns bytes into a message
     * @param options the pipe's options
     * @return a new pipe
     */
    public static <T> GipcPipe<T> pipe(
            Encoder<? super T> encoder, Decoder<? extends T> decoder, GipcPipeOptions options) {
        return GipcProvider.get()
                .pipe(
                        Objects.requireNonNull(encoder, "encoder"),
                        Objects.requireNonNull(decoder, "decoder"),
                        Objects.requireNonNull(options, "options"));
    }

    /**
     * A simplex pipe that carries {@code byte[]} as is, empty arrays included; Python gipc's
     * {@code pipe(encoder=None, decoder=None)}.
     *
     * @return a new raw pipe
     */
    public static GipcPipe<byte[]> rawPipe() {
        return rawPipe(GipcPipeOptions.defaults());
    }

    /**
     * A raw simplex pipe with the given options.
     *
     * @param options the pipe's options
     * @return a new raw pipe
     */
    public static GipcPipe<byte[]> rawPipe(GipcPipeOptions options) {
        return GipcProvider.get().pipe(null, null, Objects.requireNonNull(options, "options"));
    }

    /**
     * A duplex pipe with the default codec; Python gipc's {@code pipe(duplex=True)}.
     *
     * @param <T> the message type
     * @return a new duplex pipe
     */
    public static <T> GipcDuplexPipe<T> duplexPipe() {
        return duplexPipe(GipcPipeOptions.defaults());
    }

    /**
     * A duplex pipe with the default codec and the given options.
     *
     * @param <T> the message type
     * @param options the pipe's options
     * @return a new duplex pipe
     */
    @SuppressWarnings("unchecked")
    public static <T> GipcDuplexPipe<T> duplexPipe(GipcPipeOptions options) {
        GipcProvider p = GipcProvider.get();
        return duplexPipe((Encoder<? super T>) p.defaultEncoder(), (Decoder<? extends T>) p.defaultDecoder(), options);
    }

    /**
     * A duplex pipe with a codec of your own.
     *
     * @param <T> the message type
     * @param encoder turns a message into bytes
     * @param decoder turns bytes into a message
     * @return a new duplex pipe
     */
    public static <T> GipcDuplexPipe<T> duplexPipe(Encoder<? super T> encoder, Decoder<? extends T> decoder) {
        return duplexPipe(encoder, decoder, GipcPipeOptions.defaults());
    }

    /**
     * A duplex pipe with a codec of your own and the given options.
     *
     * @param <T> the message type
     * @param encoder turns a message into bytes
     * @param decoder turns bytes into a message
     * @param options the pipe's options
     * @return a new duplex pipe
     */
    public static <T> GipcDuplexPipe<T> duplexPipe(
            Encoder<? super T> encoder, Decoder<? extends T> decoder, GipcPipeOptions options) {
        return GipcProvider.get()
                .duplexPipe(
                        Objects.requireNonNull(encoder, "encoder"),
                        Objects.requireNonNull(decoder, "decoder"),
                        Objects.requireNonNull(options, "options"));
    }

    /**
     * A duplex pipe that carries {@code byte[]} as is.
     *
     * @return a new raw duplex pipe
     */
    public static GipcDuplexPipe<byte[]> rawDuplexPipe() {
        return rawDuplexPipe(GipcPipeOptions.defaults());
    }

    /**
     * A raw duplex pipe with the given options.
     *
     * @param options the pipe's options
     * @return a new raw duplex pipe
     */
    public static GipcDuplexPipe<byte[]> rawDuplexPipe(GipcPipeOptions options) {
        return GipcProvider.get().duplexPipe(null, null, Objects.requireNonNull(options, "options"));
    }

    /**
     * The open handles of this JVM, oldest first; Python gipc's {@code gipc._all_handles}. A duplex pipe adds two.
     *
     * @return a snapshot: later opens and closes do not change it
     */
    public static List<GipcHandle> openHandles() {
        return GipcProvider.get().openHandles();
    }

    /**
     * The children this JVM started with gipc that have not ended yet, oldest first; Python's
     * {@code multiprocessing.active_children()}. A child leaves the list when it is reaped, which gipc does as
     * soon as it ends, joined or not.
     *
     * @return a snapshot: later starts and ends do not change it
     */
    public static List<GProcess> activeChildren() {
        return GipcProvider.get().activeChildren();
    }

    /**
     * Keeps {@code n} spare children started ahead, so that a start takes one instead of starting a JVM. A spare
     * is a child started with the default settings (this JVM's {@code java}, class path, JVM options,
     * environment and working directory), waiting for a target. A {@link #startProcess} (or
     * {@code process(...).start()}) whose child would have those settings takes a ready spare: the spare gets the
     * target, arguments and handles, and a new spare is started in the background. Any other setting starts a
     * child the usual way. A child made from a spare behaves as any other: it holds exactly its handles and
     * stdin, stdout, stderr; same exit codes, names, daemon rules and signals.
     *
     * <p>Idle spares are daemon children: they end when this JVM exits or dies, and are not listed by
     * {@link #activeChildren()}. {@code spares(0)} ends the idle ones.
     *
     * @param n how many spares to keep ready
     * @return completes when {@code n} spares are ready; for 0, once the idle ones are gone and their
     *         descriptors closed
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public static GipcFuture<Void> spares(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("spares(" + n + "): the number of spare children cannot be negative");
        }
        return GipcProvider.get().spares(n);
    }

    /**
     * Starts a child JVM running {@code target}; Python gipc's {@code start_process(target)}.
     *
     * @param target a static method reference or lambda
     * @return the started process
     * @throws GipcException if the target cannot be shipped or the child cannot be spawned
     */
    public static GProcess startProcess(GipcTarget0 target) {
        return process(target).start();
    }

    /**
     * Starts a child JVM running {@code target(a)}. A handle argument is transferred to the child and closed
     * here once the child started.
     *
     * @param <A> the type of the argument
     * @param target a static method reference or lambda
     * @param a the argument
     * @return the started process
     * @throws GipcClosedException if a handle argument is closed
     * @throws GipcLockedException if a handle argument has an operation pending
     * @throws GipcException if the target or an argument cannot be shipped or the child cannot be spawned
     */
    public static <A> GProcess startProcess(GipcTarget1<A> target, A a) {
        return process(target).args(a).start();
    }

    /**
     * Starts a child JVM running {@code target(a, b)}; see {@link #startProcess(GipcTarget1, Object)}.
     *
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param target a static method reference or lambda
     * @param a the first argument
     * @param b the second argument
     * @return the started process
     */
    public static <A, B> GProcess startProcess(GipcTarget2<A, B> target, A a, B b) {
        return process(target).args(a, b).start();
    }

    /**
     * Starts a child JVM running {@code target(a, b, c)}; see {@link #startProcess(GipcTarget1, Object)}.
     *
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param <C> the type of the third argument
     * @param target a static method reference or lambda
     * @param a the first argument
     * @param b the second argument
     * @param c the third argument
     * @return the started process
     */
    public static <A, B, C> GProcess startProcess(GipcTarget3<A, B, C> target, A a, B b, C c) {
        return process(target).args(a, b, c).start();
    }

    /**
     * Starts a child JVM running {@code target(a, b, c, d)}; see {@link #startProcess(GipcTarget1, Object)}.
     *
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param <C> the type of the third argument
     * @param <D> the type of the fourth argument
     * @param target a static method reference or lambda
     * @param a the first argument
     * @param b the second argument
     * @param c the third argument
     * @param d the fourth argument
     * @return the started process
     */
    public static <A, B, C, D> GProcess startProcess(GipcTarget4<A, B, C, D> target, A a, B b, C c, D d) {
        return process(target).args(a, b, c, d).start();
    }

    /**
     * A builder for a pool of worker processes that run tasks and hand back futures; Python's
     * {@code multiprocessing.Pool} and {@code concurrent.futures.ProcessPoolExecutor}.
     *
     * <pre>{@code
     * try (GipcPool pool = Gipc.pool().workers(4).start()) {
     *     GipcFuture<Integer> f = pool.submit(Maths::square, 7);
     * }
     * }</pre>
     *
     * @return a builder; call {@link GipcPoolBuilder#start()}
     */
    public static GipcPoolBuilder pool() {
        return new GipcPoolBuilder();
    }

    /**
     * A builder for a child running a target of no arguments.
     *
     * @param target a static method reference or lambda
     * @return a builder; call {@link GProcessBuilder#start()}
     */
    public static GProcessBuilder process(GipcTarget0 target) {
        return new GProcessBuilder(target, 0);
    }

    /**
     * A builder for a child running a target of one argument; give it with {@link GProcessBuilder#args}.
     *
     * @param <A> the type of the argument
     * @param target a static method reference or lambda
     * @return a builder
     */
    public static <A> GProcessBuilder process(GipcTarget1<A> target) {
        return new GProcessBuilder(target, 1);
    }

    /**
     * A builder for a child running a target of two arguments.
     *
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param target a static method reference or lambda
     * @return a builder
     */
    public static <A, B> GProcessBuilder process(GipcTarget2<A, B> target) {
        return new GProcessBuilder(target, 2);
    }

    /**
     * A builder for a child running a target of three arguments.
     *
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param <C> the type of the third argument
     * @param target a static method reference or lambda
     * @return a builder
     */
    public static <A, B, C> GProcessBuilder process(GipcTarget3<A, B, C> target) {
        return new GProcessBuilder(target, 3);
    }

    /**
     * A builder for a child running a target of four arguments.
     *
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param <C> the type of the third argument
     * @param <D> the type of the fourth argument
     * @param target a static method reference or lambda
     * @return a builder
     */
    public static <A, B, C, D> GProcessBuilder process(GipcTarget4<A, B, C, D> target) {
        return new GProcessBuilder(target, 4);
    }

    /**
     * A builder for a child running a target of positional and keyword arguments; Python gipc's
     * {@code start_process(target, args, kwargs, daemon, name)}.
     *
     * @param target a static method reference or lambda
     * @return a builder
     */
    public static GProcessBuilder process(GipcTarget target) {
        return new GProcessBuilder(target, -1);
    }
}
