package io.gipc.netty.internal.process;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import io.gipc.netty.internal.launcher.Bootstrap;
import io.gipc.netty.internal.launcher.BootstrapFrame;
import io.gipc.netty.internal.posix.LibC;
import io.gipc.netty.internal.posix.PosixConstants.Errno;
import io.gipc.netty.internal.posix.PosixConstants.Poll;
import io.gipc.netty.internal.posix.SocketPair;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parent's end of a child's bootstrap pipe. It carries the one bootstrap message, written without blocking
 * the caller: what the pipe does not take at once (a message larger than its buffer, 64 KiB on Linux) is written
 * by a thread of its own as the child reads. The end stays open until the child is reaped. Not a gipc handle:
 * {@code Gipc.openHandles()} never lists it.
 */
final class Lifeline {
    private static final Logger LOG = LoggerFactory.getLogger(Lifeline.class);
    /** The most written by one write(2): the size of a Linux pipe's buffer. */
    private static final int CHUNK = 64 * 1024;
    /** The longest single poll(2) of the writer thread, so that it is never long inside native code. */
    private static final int POLL_MILLIS = 20;

    private final int fd;
    private final String child;
    private final byte[] frame;
    private int written;
    /** Whether a writer thread still owns the descriptor; guarded by this. */
    private boolean writing;
    /** Whether {@link #close()} was called; guarded by this. */
    private boolean closed;

    private Lifeline(int fd, byte[] frame, String child) {
        this.fd = fd;
        this.frame = frame;
        this.child = child;
    }

    /**
     * Takes over the parent's end and sends the bootstrap message on it.
     *
     * @param fd the parent's end (non-blocking, close-on-exec); owned by the lifeline from now on
     * @param message the encoded {@link Bootstrap}
     * @param child the child, for messages
     * @return the lifeline
     */
    static Lifeline send(int fd, byte[] message, String child) {
        Lifeline line =
                new Lifeline(fd, BootstrapFrame.encode(ProcessHandle.current().pid(), message), child);
        if (line.writeWhatFits() && line.written < line.frame.length) {
            line.writing = true;
            Thread writer = new Thread(line::writeTheRest, "gipc-bootstrap-writer");
            writer.setDaemon(true);
            writer.start();
        }
        return line;
    }

    /**
     * Writes until the pipe is full or the frame is written.
     *
     * @return false if the child can no longer read it (it died before reading the whole message)
     */
    private boolean writeWhatFits() {
        LibC libc = LibC.get();
        while (written < frame.length) {
            int n = Math.min(CHUNK, frame.length - written);
            byte[] chunk = written == 0 && n == frame.length ? frame : Arrays.copyOfRange(frame, written, written + n);
            long done = libc.write(fd, chunk, n);
            if (done > 0) {
                written += (int) done;
                continue;
            }
            int errno = Native.getLastError();
            if (errno == Errno.EAGAIN) {
                return true;
            }
            if (errno != Errno.EINTR) {
                // The child died before reading it; its exit code tells the rest.
                LOG.debug("bootstrap message to {} not written: {}", child, libc.strerror(errno));
                return false;
            }
        }
        return true;
    }

    /** The writer thread: waits for room, writes, until the frame is written, the child is gone or reaped. */
    private void writeTheRest() {
        Memory pollfd = new Memory(8);
        try {
            while (!isClosed() && written < frame.length) {
                pollfd.setInt(0, fd);
                pollfd.setShort(4, Poll.POLLOUT);
                pollfd.setShort(6, (short) 0);
                int ready = LibC.get().poll(pollfd, 1, POLL_MILLIS);
                if (ready > 0 && !writeWhatFits()) {
                    return;
                }
                if (ready < 0 && Native.getLastError() != Errno.EINTR) {
                    LOG.debug("poll(2) on the bootstrap pipe of {} failed: {}", child, SocketPair.lastError());
                    return;
                }
            }
        } finally {
            synchronized (this) {
                writing = false;
                if (closed) {
                    SocketPair.closeQuietly(fd);
                }
            }
        }
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    /** Closes the parent's end (at once, or when the writer thread stops); called once the child is reaped. */
    synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!writing) {
            SocketPair.closeQuietly(fd);
        }
    }
}
