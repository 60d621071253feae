package io.gipc.netty.internal.transport;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import io.gipc.Decoder;
import io.gipc.Encoder;
import io.gipc.GipcBrokenPipeException;
import io.gipc.GipcClosedException;
import io.gipc.GipcException;
import io.gipc.GipcHandle;
import io.gipc.GipcPipeOptions;
import io.gipc.netty.internal.posix.LibC;
import io.gipc.netty.internal.posix.PosixConstants.Errno;
import io.gipc.netty.internal.posix.PosixConstants.Poll;
import io.gipc.netty.internal.posix.SocketPair;
import io.gipc.spi.HandleKind;
import io.gipc.spi.RawPeerSocket;
import io.netty.channel.unix.Errors;
import io.netty.channel.unix.Socket;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * The raw end of a socketpair whose other end is a handle: what {@code GipcProvider.rawPeer} makes for the test
 * kit's {@code RawPeer}, which feeds a handle bytes one by one or reads what it writes. gipc itself never uses
 * it. The test kit sees only gipc's API, so this end lives here, behind the provider.
 *
 * <p>The descriptor is non-blocking and driven by Netty's {@link Socket} and poll(2), without an event loop.
 * Waits in short slices, so that {@link #close()} from another thread ends a wait within one slice; the
 * descriptor is closed only when no call is using it (so its number is never reused under a running call).
 */
public final class NettyRawPeer implements RawPeerSocket {
    /** The longest single poll(2), so that a close from another thread is noticed soon. */
    private static final int SLICE_MILLIS = 50;

    private final AbstractHandle<?> handle;
    private final int fd;
    private final Socket socket;
    private final String name;
    private final Object lock = new Object();
    private volatile boolean closed;
    private int users;

    private NettyRawPeer(AbstractHandle<?> handle, int fd) {
        this.handle = handle;
        this.fd = fd;
        this.socket = new Socket(fd);
        this.name = "the raw peer of " + handle.name() + " (fd " + fd + ")";
    }

    /**
     * A new socketpair: one end a handle of the given kind, the other raw.
     *
     * @param kind which handle
     * @param encoder its encoder, null for raw
     * @param decoder its decoder, null for raw
     * @param options its options
     * @return the raw end, holding the handle
     */
    public static RawPeerSocket open(HandleKind kind, Encoder<?> encoder, Decoder<?> decoder, GipcPipeOptions options) {
        NativeTransport.current();
        int[] fds = SocketPair.open();
        AbstractHandle<?> handle;
        try {
            handle = Endpoints.open(
                    fds[0],
                    HandleDescriptor.of(
                            kind,
                            kind == HandleKind.READER ? null : encoder,
                            kind == HandleKind.WRITER ? null : decoder,
                            options.maxMessageLength()));
        } catch (RuntimeException | Error e) {
            SocketPair.closeQuietly(fds[1]);
            throw e;
        }
        return new NettyRawPeer(handle, fds[1]);
    }

    @Override
    public GipcHandle handle() {
        return handle;
    }

    @Override
    public int write(byte[] bytes, int offset, int length, Duration timeout) {
        checkRange(bytes.length, offset, length);
        long deadline = deadline(timeout);
        enter();
        try {
            ByteBuffer chunk = ByteBuffer.allocateDirect(length);
            chunk.put(bytes, offset, length).flip();
            while (chunk.hasRemaining()) {
                int n;
                try {
                    n = socket.write(chunk, chunk.position(), chunk.limit());
                } catch (Errors.NativeIoException e) {
                    if (e.expectedErr() == Errors.ERRNO_EPIPE_NEGATIVE
                            || e.expectedErr() == Errors.ERRNO_ECONNRESET_NEGATIVE) {
                        throw new GipcBrokenPipeException(
                                "cannot write to " + name + ": the handle's end is closed (" + e.getMessage() + ")");
                    }
                    throw new GipcException("write(2) to " + name + " failed: " + e.getMessage(), e);
                } catch (IOException e) {
                    throw new GipcException("write(2) to " + name + " failed: " + e, e);
                }
                if (n > 0) {
                    chunk.position(chunk.position() + n);
                } else if (!await(Poll.POLLOUT, deadline)) {
                    break;
                }
            }
            return chunk.position();
        } finally {
            exit();
        }
    }

    @Override
    public int read(byte[] into, int offset, int length, Duration timeout) {
        checkRange(into.length, offset, length);
        if (length == 0) {
            throw new IllegalArgumentException("read at least one byte");
        }
        long deadline = deadline(timeout);
        enter();
        try {
            ByteBuffer buf = ByteBuffer.allocateDirect(length);
            while (true) {
                int n;
                try {
                    n = socket.read(buf, 0, length);
                } catch (Errors.NativeIoException e) {
                    if (e.expectedErr() == Errors.ERRNO_ECONNRESET_NEGATIVE) {
                        return -1;
                    }
                    throw new GipcException("read(2) from " + name + " failed: " + e.getMessage(), e);
                } catch (IOException e) {
                    throw new GipcException("read(2) from " + name + " failed: " + e, e);
                }
                if (n != 0) {
                    if (n > 0) {
                        buf.get(into, offset, n);
                    }
                    return n; // the bytes read, or -1 at the end of the stream
                }
                if (!await(Poll.POLLIN, deadline)) {
                    return 0;
                }
            }
        } finally {
            exit();
        }
    }

    @Override
    public void shutdownOutput() {
        enter();
        try {
            socket.shutdown(false, true);
        } catch (IOException e) {
            throw new GipcException("shutdown(" + fd + ", SHUT_WR) failed: " + e, e);
        } finally {
            exit();
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            if (users == 0) {
                closeSocket();
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
                closeSocket();
            }
        }
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to do: the descriptor is released either way
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
                return true; // ready, or hung up or in error: the next read or write says which
            }
            if (n < 0 && Native.getLastError() != Errno.EINTR) {
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
