package io.gipc.testkit;

import io.gipc.GProcess;
import io.gipc.GProcessBuilder;
import io.gipc.Gipc;
import io.gipc.GipcTarget0;
import io.gipc.GipcTarget1;
import io.gipc.GipcTarget2;
import io.gipc.GipcTarget3;
import io.gipc.GipcTarget4;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Runs a target in a child JVM to its end and returns its exit code, standard output and standard error.
 *
 * <pre>{@code
 * ChildResult r = ChildProcesses.run(Worker::failLoudly, "bad input");
 * assertEquals(1, r.exitCode());
 * assertTrue(r.stderr().contains("IllegalArgumentException: bad input"), r.stderr());
 * }</pre>
 *
 * <p>The child's stdout and stderr go to temporary files ({@link GProcessBuilder#redirectOutput} and
 * {@link GProcessBuilder#redirectError}), read once it ended and then deleted. A child that runs longer than the
 * timeout ({@link #DEFAULT_TIMEOUT} unless given) is killed, and the call fails with an {@link AssertionError}
 * that shows what it printed so far. Handles among the arguments are transferred to the child as with
 * {@link Gipc#startProcess(GipcTarget1, Object)}.
 */
public final class ChildProcesses {
    /** How long a child may run unless told otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /** How long a killed child gets to be reaped. */
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);

    private ChildProcesses() {}

    /**
     * Runs {@code target()} in a child.
     *
     * @param target a static method reference or lambda
     * @return how it ended and what it printed
     */
    public static ChildResult run(GipcTarget0 target) {
        return run(Gipc.process(target));
    }

    /**
     * Runs {@code target(a)} in a child.
     *
     * @param <A> the type of the argument
     * @param target a static method reference or lambda
     * @param a the argument
     * @return how it ended and what it printed
     */
    public static <A> ChildResult run(GipcTarget1<A> target, A a) {
        return run(Gipc.process(target).args(a));
    }

    /**
     * Runs {@code target(a, b)} in a child.
     *
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param target a static method reference or lambda
     * @param a the first argument
     * @param b the second argument
     * @return how it ended and what it printed
     */
    public static <A, B> ChildResult run(GipcTarget2<A, B> target, A a, B b) {
        return run(Gipc.process(target).args(a, b));
    }

    /**
     * Runs {@code target(a, b, c)} in a child.
     *
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param <C> the type of the third argument
     * @param target a static method reference or lambda
     * @param a the first argument
     * @param b the second argument
     * @param c the third argument
     * @return how it ended and what it printed
     */
    public static <A, B, C> ChildResult run(GipcTarget3<A, B, C> target, A a, B b, C c) {
        return run(Gipc.process(target).args(a, b, c));
    }

    /**
     * Runs {@code target(a, b, c, d)} in a child.
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
     * @return how it ended and what it printed
     */
    public static <A, B, C, D> ChildResult run(GipcTarget4<A, B, C, D> target, A a, B b, C c, D d) {
        return run(Gipc.process(target).args(a, b, c, d));
    }

    /**
     * Starts a child from a builder set up by the caller (JVM options, environment, kwargs ...) and runs it to
     * its end, within {@link #DEFAULT_TIMEOUT}. The builder's stdout and stderr redirects are replaced.
     *
     * @param builder the builder, not started
     * @return how it ended and what it printed
     */
    public static ChildResult run(GProcessBuilder builder) {
        return run(builder, DEFAULT_TIMEOUT);
    }

    /**
     * Starts a child from a builder and runs it to its end.
     *
     * @param builder the builder, not started; its stdout and stderr redirects are replaced
     * @param timeout how long the child may run
     * @return how it ended and what it printed
     * @throws AssertionError if the child still runs at the timeout (it is killed first)
     */
    public static ChildResult run(GProcessBuilder builder, Duration timeout) {
        Path dir;
        try {
            dir = Files.createTempDirectory("gipc-child-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a directory for a child's output", e);
        }
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        try {
            GProcess child = builder.redirectOutput(out).redirectError(err).start();
            Integer code = child.join(timeout).join();
            if (code == null) {
                child.kill();
                child.join(KILL_WAIT).join();
                throw new AssertionError(child.name() + " (pid " + child.pid() + ") was still running after "
                        + TimeLimit.format(timeout) + "; it was killed. Its stdout so far:\n" + read(out)
                        + "\nIts stderr so far:\n" + read(err));
            }
            ChildResult result = new ChildResult(child.name(), child.pid(), code, read(out), read(err));
            child.close();
            return result;
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
            deleteQuietly(dir);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a child's output from " + file, e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temporary file; the system cleans its temporary directory
        }
    }
}
