package io.gipc.netty.internal.posix;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import io.gipc.GipcBrokenPipeException;
import io.gipc.GipcClosedException;
import io.gipc.GipcException;

import java.time.Duration;
import java.util.Arrays;

/**
 * One non-blocking socket descriptor driven by plain read(2), write(2) and poll(2), without an event loop: the
 * raw end of a socketpair for tests. Waits in short slices, so that {@link #close()} from another thread ends
 * a wait within one slice; the descriptor is closed only when no call is using it (so its number is never
 * reused under a running call).
 */
public final class RawSocket {
    /** The longest single poll(2), so that a close from another thread is noticed soon. */
    private static final int SLICE_MILLIS = 50;
    private static final int EPIPE = 32;
    private static final int ECONNRESET_LINUX = 104;
    private static final int ECONNRESET_MACOS = 54;

    private final int fd;
    private final String name;
    private final Object lock = new Object();
    private volatile boolean closed;
    private int users;

    /**
     * Takes ownership of a connected, non-blocking socket descriptor.
     *
     * @param fd the descriptor
     * @param name what to call it in messages
     */
    public RawSocket(int fd, String name) {
        this.fd = fd;
        this.name = name;
    }

    /**
     * Writes bytes, waiting for room while time is left.
     *
     * @param bytes the bytes
     * @param offset the first
     * @param length how many
     * @param timeout how long to wait in all
     * @return how many were written
     */
    public int write(byte[] bytes, int offset, int length, Duration timeout) {
        checkRange(bytes.length, offset, length);
        long deadline = deadline(timeout);
        enter();
        try {
            int done = 0;
            while (done < length) {
                byte[] chunk = Arrays.copyOfRange(bytes, offset + done, offset + length);
                long n = LibC.get().write(fd, chunk, chunk.length);
                if (n > 0) {
                    done += (int) n;
                    continue;
                }
                int errno = Native.getLastError();
                if (errno == EPIPE || errno == ECONNRESET_LINUX || errno == ECONNRESET_MACOS) {
                    throw new GipcBrokenPipeException("cannot write to " + name + ": the handle's end is closed ("
                            + LibC.get().strerror(errno) + ")");
                }
                if (errno == Platform.EINTR) {
                    continue;
                }
                if (errno != Platform.current().eagain()) {
                    throw new GipcException("write(2) to " + name + " failed: " + LibC.get().strerror(errno)
                            + " (errno " + errno + ")");
                }
                if (!await(Platform.POLLOUT, deadline)) {
                    return done;
                }
            }
            return done;
        } finally {
            exit();
        }
    }

    /**
     * Reads what is there, up to {@code length} bytes, waiting for the first while time is left.
     *
     * @param into where to put them
     * @param offset the first position
     * @param length the most to read, at least 1
     * @param timeout how long to wait
     * @return the number read, 0 if none arrived in time, -1 at end of stream
     */
    public int read(byte[] into, int offset, int length, Duration timeout) {
        checkRange(into.length, offset, length);
        if (length == 0) {
            throw new IllegalArgumentException("read at least one byte");
        }
        long deadline = deadline(timeout);
        enter();
        try {
            byte[] buf = new byte[length];
            while (true) {
                long n = LibC.get().read(fd, buf, length);
                if (n > 0) {
                    System.arraycopy(buf, 0, into, offset, (int) n);
                    return (int) n;
                }
                if (n == 0) {
                    return -1;
                }
                int errno = Native.getLastError();
                if (errno == ECONNRESET_LINUX || errno == ECONNRESET_MACOS) {
                    return -1;
                }
                if (errno == Platform.EINTR) {
                    continue;
                }
                if (errno != Platform.current().eagain()) {
                    throw new GipcException("read(2) from " + name + " failed: " + LibC.get().strerror(errno)
                            + " (errno " + errno + ")");
                }
                if (!await(Platform.POLLIN, deadline)) {
                    return 0;
                }
            }
        } finally {
            exit();
        }
    }

    /** Ends the stream the other end reads. */
    public void shutdownOutput() {
        enter();
        try {
            SocketPair.shutdown(fd, Platform.SHUT_WR);
        } finally {
            exit();
        }
    }

    /**
     * Tells whether {@link #close()} was called.
     *
     * @return true once closed
     */
    public boolean isClosed() {
        return closed;
    }

    /** Closes the descriptor, at once or when the call using it returns. Does nothing the second time. */
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            if (users == 0) {
                LibC.get().close(fd);
            }
        }
    }

    @Override
    public String toString() {
        return name + (closed ? " [closed]" : " [open]");
    }

    private void enter() {
        synchronized (lock) {
            if (closed) {
                throw new GipcClosedException(name + " is closed");
            }
            users++;
        }
    }

    private void exit() {
        synchronized (lock) {
            users--;
            if (closed && users == 0) {
                LibC.get().close(fd);
            }
        }
    }

    /** Polls in slices until the descriptor is ready, the time is up (false) or it is closed (an exception). */
    private boolean await(short events, long deadline) {
        Memory pollfd = new Memory(8);
        while (true) {
            if (closed) {
                throw new GipcClosedException(name + " was closed while a call waited on it");
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            pollfd.setInt(0, fd);
            pollfd.setShort(4, events);
            pollfd.setShort(6, (short) 0);
            int wait = (int) Math.min(SLICE_MILLIS, Math.max(1, left / 1_000_000));
            int n = LibC.get().poll(pollfd, 1, wait);
            if (n > 0) {
                return true;   // ready, or hung up or in error: the next read or write says which
            }
            if (n < 0 && Native.getLastError() != Platform.EINTR) {
                throw new GipcException("poll(2) on " + name + " failed: " + SocketPair.lastError());
            }
        }
    }

    private static long deadline(Duration timeout) {
        long nanos;
        try {
            nanos = timeout.toNanos();
        } catch (ArithmeticException e) {
            nanos = Long.MAX_VALUE / 2;
        }
        return System.nanoTime() + Math.max(0, Math.min(nanos, Long.MAX_VALUE / 2));
    }

    private static void checkRange(int size, int offset, int length) {
        if (offset < 0 || length < 0 || offset > size - length) {
            throw new IndexOutOfBoundsException("offset " + offset + ", length " + length + ", array of " + size);
        }
    }
}
