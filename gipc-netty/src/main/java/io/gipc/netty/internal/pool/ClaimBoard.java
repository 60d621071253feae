package io.gipc.netty.internal.pool;

import io.gipc.GipcException;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The claims of the tasks sent to one worker, in a small memory region shared by the pool and the worker: one int
 * per slot, in a ring. A task sent to a worker is tagged with a slot marked {@link #QUEUED}; the worker moves it
 * to {@link #RUNNING} before it runs the task, and a cancel moves it to {@link #WITHDRAWN}. Both moves are
 * compare-and-set on the same memory, so exactly one of them wins, at once, on either side: a cancel that wins
 * knows the task will never run; a worker that loses skips the task.
 *
 * <p>The region is a file the pool creates (in {@code /dev/shm} where there is one, else the temporary
 * directory), named with the pool's pid; both sides map it, and the pool deletes it as soon as the worker said
 * it is ready (it has mapped it by then), or when the worker ends. Files left by a pool JVM that was killed
 * are deleted by the next pool started on the machine. A mapping holds no descriptor once made.
 */
final class ClaimBoard {
    /** Slots in the ring: more than a worker ever has in flight. */
    static final int SLOTS = 256;
    /** A task sent, not started. */
    static final int QUEUED = 1;
    /** The worker started it. */
    static final int RUNNING = 2;
    /** The pool took it back (cancelled, or handed to another worker): it never runs here. */
    static final int WITHDRAWN = 3;

    private static final VarHandle INTS = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final String PREFIX = "gipc-pool-";
    private static final String SUFFIX = ".claims";
    private static final AtomicBoolean SWEPT = new AtomicBoolean();

    private final Path path;
    private final MappedByteBuffer ints;
    private int nextSlot;

    private ClaimBoard(Path path, MappedByteBuffer ints) {
        this.path = path;
        this.ints = ints;
    }

    /**
     * The pool's side: creates and maps a new region.
     *
     * @return the board
     * @throws GipcException if the file cannot be created or mapped
     */
    static ClaimBoard create() {
        Path dir = directory();
        sweepOnce(dir);
        Path path = dir.resolve(PREFIX + ProcessHandle.current().pid() + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + SUFFIX);
        try {
            return new ClaimBoard(path, map(path, StandardOpenOption.CREATE_NEW));
        } catch (IOException | RuntimeException e) {
            delete(path);
            throw new GipcException("cannot make the shared claim region " + path + " of a pool worker: " + e, e);
        }
    }

    /**
     * The worker's side: maps the region the pool made.
     *
     * @param path the file's path, as {@link #path()} gave it
     * @return the board
     * @throws GipcException if it cannot be mapped
     */
    static ClaimBoard open(String path) {
        try {
            return new ClaimBoard(Paths.get(path), map(Paths.get(path)));
        } catch (IOException | RuntimeException e) {
            throw new GipcException("a pool worker cannot map its claim region " + path + ": " + e, e);
        }
    }

    private static MappedByteBuffer map(Path path, StandardOpenOption... extra) throws IOException {
        StandardOpenOption[] options = new StandardOpenOption[extra.length + 2];
        options[0] = StandardOpenOption.READ;
        options[1] = StandardOpenOption.WRITE;
        System.arraycopy(extra, 0, options, 2, extra.length);
        try (FileChannel channel = FileChannel.open(path, options)) {
            return channel.map(FileChannel.MapMode.READ_WRITE, 0, SLOTS * Integer.BYTES);
        }
    }

    /** @return the file's path, for the worker */
    String path() {
        return path.toString();
    }

    /** Deletes the file; the mappings stay valid. Idempotent. */
    void unlink() {
        delete(path);
    }

    /**
     * The pool's side: takes the next slot of the ring and marks it {@link #QUEUED}.
     *
     * @return the slot
     */
    int offer() {
        int slot = nextSlot;
        nextSlot = (nextSlot + 1) % SLOTS;
        INTS.setVolatile(ints, slot * Integer.BYTES, QUEUED);
        return slot;
    }

    /**
     * The worker's side: claims a slot to run its task.
     *
     * @param slot the slot
     * @return true if the task may run; false if the pool withdrew it
     */
    boolean start(int slot) {
        return INTS.compareAndSet(ints, index(slot), QUEUED, RUNNING);
    }

    /**
     * The pool's side: takes a task back if it has not started.
     *
     * @param slot the slot
     * @return true if it will never run on this worker; false if it started
     */
    boolean withdraw(int slot) {
        return INTS.compareAndSet(ints, index(slot), QUEUED, WITHDRAWN);
    }

    /**
     * The pool's side, after a failed {@link #withdraw}: puts a withdrawn task back, if the worker has not seen it.
     *
     * @param slot the slot
     * @return true if it is queued again
     */
    boolean restore(int slot) {
        return INTS.compareAndSet(ints, index(slot), WITHDRAWN, QUEUED);
    }

    /**
     * A slot's state now.
     *
     * @param slot the slot
     * @return {@link #QUEUED}, {@link #RUNNING} or {@link #WITHDRAWN}
     */
    int state(int slot) {
        return (int) INTS.getVolatile(ints, index(slot));
    }

    private static int index(int slot) {
        if (slot < 0 || slot >= SLOTS) {
            throw new GipcException("claim slot " + slot + " is out of range 0.." + (SLOTS - 1));
        }
        return slot * Integer.BYTES;
    }

    private static Path directory() {
        Path shm = Paths.get("/dev/shm");
        if (Files.isDirectory(shm) && Files.isWritable(shm)) {
            return shm;
        }
        return Paths.get(System.getProperty("java.io.tmpdir"));
    }

    /** Deletes, once per JVM, the files of pools whose JVM is gone (killed before it could delete them). */
    private static void sweepOnce(Path dir) {
        if (!SWEPT.compareAndSet(false, true)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                int dash = name.indexOf('-', PREFIX.length());
                if (dash < 0) {
                    continue;
                }
                try {
                    long pid = Long.parseLong(name.substring(PREFIX.length(), dash));
                    if (ProcessHandle.of(pid).isEmpty()) {
                        delete(file);
                    }
                } catch (NumberFormatException notOurs) {
                    // someone else's file
                }
            }
        } catch (IOException | RuntimeException e) {
            // a sweep is a courtesy: never a reason to fail a pool
        }
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // already gone, or not ours to delete
        }
    }
}
