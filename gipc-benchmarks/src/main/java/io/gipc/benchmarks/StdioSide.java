package io.gipc.benchmarks;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The baseline's parent side: a {@link StdioChild} started with {@link ProcessBuilder}, spoken to through
 * {@code DataOutputStream} on its stdin and {@code DataInputStream} on its stdout.
 */
final class StdioSide implements AutoCloseable {
    private final Process process;
    private final DataOutputStream out;
    private final DataInputStream in;

    private StdioSide(Process process) {
        this.process = process;
        this.out = new DataOutputStream(process.getOutputStream());
        this.in = new DataInputStream(process.getInputStream());
    }

    /**
     * Starts {@code java -cp <this JVM's class path> io.gipc.benchmarks.StdioChild <mode>}.
     *
     * @param mode {@code sink} or {@code echo}
     */
    static StdioSide start(String mode) throws IOException {
        List<String> command = List.of(
                javaExecutable().toString(),
                "-cp",
                System.getProperty("java.class.path"),
                StdioChild.class.getName(),
                mode);
        return new StdioSide(new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start());
    }

    static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /**
     * One run into the sink: header, {@code count} frames, report.
     *
     * @param flushEach flush after every frame (each message handed to the OS before the next, as gipc's put
     *        does), or only once at the end (the stream's 8 KiB buffer batches small frames)
     * @return the seconds from the first write to the verified report
     */
    double send(long count, byte[] payload, boolean flushEach) throws IOException {
        long t0 = System.nanoTime();
        StdioChild.write(out, Protocol.header(count, 1));
        out.flush();
        for (long i = 0; i < count; i++) {
            out.writeInt(payload.length);
            out.write(payload);
            if (flushEach) {
                out.flush();
            }
        }
        out.flush();
        byte[] report = StdioChild.read(in);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Protocol.verify(report, count, payload);
        return seconds;
    }

    /**
     * {@code count} round trips of {@code message} through the echo child.
     *
     * @return the seconds they took
     */
    double pingPong(long count, byte[] message) throws IOException {
        long t0 = System.nanoTime();
        for (long i = 0; i < count; i++) {
            out.writeInt(message.length);
            out.write(message);
            out.flush();
            int length = in.readInt();
            byte[] back = new byte[length];
            in.readFully(back);
            if (length != message.length) {
                throw new IllegalStateException("echo sent " + length + " bytes back, not " + message.length);
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Sends the empty frame that ends the child, closes its stdin and waits for it. */
    @Override
    public void close() throws IOException {
        try {
            StdioChild.write(out, new byte[0]);
            out.close();
        } finally {
            awaitExit();
        }
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("the stdio child did not end");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while waiting for the stdio child", e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("the stdio child exited with " + process.exitValue());
        }
    }
}
