package io.gipc.netty.properties;

import io.gipc.GProcess;
import io.gipc.Gipc;
import io.gipc.GipcHandle;
import io.gipc.GipcPipe;
import io.gipc.GipcReader;
import io.gipc.GipcWriter;
import io.gipc.netty.process.Children;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.opentest4j.AssertionFailedError;

/**
 * Runs a {@link CrossProgram} across a process: the parent starts a child with one end of a pipe and the seed,
 * the child draws the same program and runs its side ({@link #childWrites} or {@link #childReads}) while the
 * parent runs the other. Each side judges what it saw; a child that finds a broken invariant throws, which makes
 * it exit 1 with the report on its stderr, which the parent then shows.
 */
final class AcrossProcesses {
    private AcrossProcesses() {}

    /**
     * Runs the program of a seed, the parent's side on the calling thread.
     *
     * @param seed the seed
     * @throws Exception if the child cannot be waited for
     */
    static void run(long seed) throws Exception {
        CrossProgram program = CrossProgram.draw(seed);
        List<GipcHandle> before = Gipc.openHandles();
        GipcPipe<byte[]> pipe = program.kind() == PipeKind.RAW_PIPE ? Gipc.rawPipe() : Gipc.pipe();
        Path stderr = Files.createTempFile("gipc-properties-child-", ".stderr");
        GProcess child = null;
        boolean parentSideDone = false;
        try {
            switch (program.mode()) {
                case CHILD_WRITES:
                    child = Children.start(Gipc.process(AcrossProcesses::childWrites)
                            .args(seed, pipe.writer())
                            .redirectError(stderr));
                    CrossReader.read(program, pipe.reader(), "parent");
                    break;
                case CHILD_READS:
                    child = Children.start(Gipc.process(AcrossProcesses::childReads)
                            .args(seed, pipe.reader())
                            .redirectError(stderr));
                    CrossWriter.write(program, pipe.writer(), "parent");
                    break;
                default:
                    child = handOverTheReader(program, pipe, stderr);
            }
            parentSideDone = true;
            Integer exit = Children.exit(child);
            if (exit == null || exit != 0) {
                throw new AssertionFailedError("the child ended with exit code " + exit + "; its stderr:\n"
                        + read(stderr) + "\n" + program.summary() + "\nRerun this case alone with -D"
                        + Seeds.SEED_PROPERTY + "=" + seed);
            }
            List<GipcHandle> left = new ArrayList<>(Gipc.openHandles());
            left.removeAll(before);
            if (!left.isEmpty()) {
                throw new AssertionFailedError("handles left open in the parent: " + left + "\n" + program.summary()
                        + "\nRerun this case alone with -D" + Seeds.SEED_PROPERTY + "=" + seed);
            }
        } catch (AssertionFailedError e) {
            if (parentSideDone) {
                throw e;
            }
            String childSays = child == null ? "" : "\nthe child's stderr:\n" + stopAndRead(child, stderr);
            throw new AssertionFailedError(
                    e.getMessage() + childSays + "\nRerun this case alone with -D" + Seeds.SEED_PROPERTY + "=" + seed,
                    e);
        } finally {
            if (child != null && child.isAlive()) {
                child.kill();
                Children.exit(child);
            }
            Files.deleteIfExists(stderr);
        }
    }

    /**
     * {@link CrossProgram.Mode#READER_CHANGES_HANDS}: the parent writes on a thread of its own and reads the first
     * part, then starts a child with the reader (and whatever it holds of a message begun), and waits for its
     * writing to end.
     */
    private static GProcess handOverTheReader(CrossProgram program, GipcPipe<byte[]> pipe, Path stderr)
            throws Exception {
        ExecutorService writing = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "gipc-properties-writer");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<?> written = writing.submit(() -> CrossWriter.write(program, pipe.writer(), "parent"));
            int received = CrossReader.readFirstPart(program, pipe.reader(), "parent");
            GProcess child = Children.start(Gipc.process(AcrossProcesses::childReadsTheRest)
                    .args(program.seed(), received, pipe.reader())
                    .redirectError(stderr));
            try {
                written.get(Children.TIMEOUT_S, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                child.kill();
                Children.exit(child);
                throw e.getCause() instanceof AssertionFailedError
                        ? (AssertionFailedError) e.getCause()
                        : new AssertionFailedError("the parent's writing failed: " + e.getCause(), e.getCause());
            }
            return child;
        } finally {
            writing.shutdownNow();
        }
    }

    /**
     * The child's side when it writes. A static method: the child finds it by name, and draws its program from
     * the seed.
     *
     * @param seed the seed the parent drew its program from
     * @param writer the writing end, transferred from the parent
     */
    static void childWrites(Long seed, GipcWriter<byte[]> writer) {
        CrossWriter.write(CrossProgram.draw(seed), writer, "child");
    }

    /**
     * The child's side when it reads.
     *
     * @param seed the seed the parent drew its program from
     * @param reader the reading end, transferred from the parent
     */
    static void childReads(Long seed, GipcReader<byte[]> reader) {
        CrossReader.read(CrossProgram.draw(seed), reader, "child");
    }

    /**
     * The child's side when the reader changes hands: it reads from where the parent stopped.
     *
     * @param seed the seed the parent drew its program from
     * @param first the number of the first message the parent did not receive
     * @param reader the reading end, transferred from the parent with what the parent had buffered
     */
    static void childReadsTheRest(Long seed, Integer first, GipcReader<byte[]> reader) {
        CrossReader.readRest(CrossProgram.draw(seed), reader, first, "child");
    }

    /** After the parent's side failed: the child may be stuck waiting for it, so it is killed, then its stderr read. */
    private static String stopAndRead(GProcess child, Path stderr) {
        try {
            if (child.isAlive()) {
                child.kill();
            }
            Children.exit(child);
        } catch (Exception e) {
            return "(could not wait for the child: " + e + ")";
        }
        return read(stderr);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(could not read " + file + ": " + e + ")";
        }
    }
}
