package io.gipc.netty.internal.transport;

import io.gipc.GipcException;
import io.gipc.GipcHandle;
import io.netty.channel.EventLoop;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * The one way a handle leaves this process, to a child ({@code Gipc.startProcess}) or inside a message on a pipe:
 * the sender reserves the handle ({@link #prepare(GipcHandle, String)}) and learns its descriptor and what the
 * receiver needs to rebuild it, then closes its copy once the descriptor is on its way ({@link Prepared#commit()})
 * or gives the handle back ({@link Prepared#abort()}); the receiver rebuilds the handle on the descriptor it got
 * ({@link #adopt(int, HandleDescriptor)}).
 */
public final class HandleTransfer {
    private HandleTransfer() {}

    /** A handle reserved for a transfer: no operation may start on it until {@link #commit()} or {@link #abort()}. */
    public interface Prepared {
        /** @return the handle reserved */
        GipcHandle handle();

        /** @return the descriptor number in this process */
        int fd();

        /**
         * What the child needs to rebuild it. Before {@link #commit()}, as it was when the handle was reserved;
         * after, with every byte this process's reader took from the socket until its copy was closed (a reserved
         * reader skips the reads Netty makes when the peer hangs up, so this is a safety net).
         *
         * @return the descriptor
         */
        HandleDescriptor descriptor();

        /** The receiver has it: close this process's copy and mark the handle closed. */
        void commit();

        /**
         * Completes once this process's copy of the descriptor is closed (after {@link #commit()}).
         *
         * @return the close future of the handle's channel
         */
        io.netty.util.concurrent.Future<Void> closeFuture();

        /** The transfer did not happen: the handle is usable again. */
        void abort();
    }

    /**
     * Reserves a handle for a child process.
     *
     * @param handle the handle to transfer
     * @return the reservation
     * @throws io.gipc.GipcClosedException if it is closed
     * @throws io.gipc.GipcLockedException if an operation is pending on it
     * @throws GipcException if it is not a handle of gipc-netty, or it is a reader that holds descriptors it
     *         received in a message it has not delivered
     */
    public static Prepared prepare(GipcHandle handle) {
        return prepare(handle, "a child process");
    }

    /**
     * Reserves a handle for a transfer.
     *
     * @param handle the handle to transfer
     * @param target where it goes, for messages: "a child process", "a message on GipcWriter#5 (fd 12)"
     * @return the reservation
     * @throws io.gipc.GipcClosedException if it is closed
     * @throws io.gipc.GipcLockedException if an operation is pending on it, or it is being transferred
     * @throws GipcException if it is not a handle of gipc-netty, or it is a reader that holds descriptors it
     *         received in a message it has not delivered (they cannot follow it)
     */
    public static Prepared prepare(GipcHandle handle, String target) {
        if (!(handle instanceof AbstractHandle)) {
            throw new GipcException("cannot transfer " + handle + " to " + target + ": it is a "
                    + (handle == null ? "null" : handle.getClass().getName()) + ", not a handle made by Gipc.pipe()");
        }
        AbstractHandle<?> h = (AbstractHandle<?>) handle;
        h.state.beginTransfer(target);
        HandleDescriptor descriptor;
        try {
            descriptor = h.inbound() == null
                    ? h.descriptor()
                    : h.descriptor().withUnreadBytes(onLoop(h.channel().eventLoop(), h.inbound()::unreadBytes));
        } catch (FrameAssembler.HeldDescriptorsException e) {
            h.state.endTransfer(false);
            throw new GipcException("cannot transfer " + h.name() + " to " + target + ": " + e.getMessage());
        } catch (RuntimeException e) {
            h.state.endTransfer(false);
            throw e;
        }
        int fd = h.fd();
        return new Prepared() {
            private boolean ended;
            private volatile HandleDescriptor current = descriptor;

            @Override
            public GipcHandle handle() {
                return h;
            }

            @Override
            public io.netty.util.concurrent.Future<Void> closeFuture() {
                return h.channel().closeFuture();
            }

            @Override
            public int fd() {
                return fd;
            }

            @Override
            public HandleDescriptor descriptor() {
                return current;
            }

            @Override
            public synchronized void commit() {
                if (!ended) {
                    ended = true;
                    h.state.endTransfer(true);
                    h.closeChannel();
                    current = afterClose(h, descriptor);
                }
            }

            @Override
            public synchronized void abort() {
                if (!ended) {
                    ended = true;
                    h.state.endTransfer(false);
                    if (h.state.isClosed()) {
                        h.closeChannel(); // closed by force while reserved: its descriptor closes now
                    }
                }
            }
        };
    }

    /**
     * Child side: the handle rebuilt on an inherited descriptor, which must be a connected, non-blocking
     * AF_UNIX stream socket.
     *
     * @param fd the inherited descriptor
     * @param descriptor what the parent sent about it
     * @return the live handle, listed by {@code Gipc.openHandles()}
     */
    public static GipcHandle adopt(int fd, HandleDescriptor descriptor) {
        return Endpoints.open(fd, descriptor);
    }

    /**
     * Completes when every {@code put()} pending now on any handle of this JVM has been written or has failed.
     *
     * @return the future
     */
    public static CompletableFuture<Void> pendingWrites() {
        return CompletableFuture.allOf(HandleRegistry.snapshot().stream()
                .map(h -> h instanceof AbstractHandle<?> handle ? handle.queuedPutsSettled() : null)
                .filter(f -> f != null)
                .toArray(CompletableFuture[]::new));
    }

    /**
     * The descriptor with the bytes the reader holds once its channel is closed: those it took from the socket
     * after the reservation are there too. On a gipc loop thread other than the channel's, the close cannot be
     * waited for, and the descriptor stays as it was.
     */
    private static HandleDescriptor afterClose(AbstractHandle<?> h, HandleDescriptor reserved) {
        EventLoop loop = h.channel().eventLoop();
        if (h.inbound() == null || (!loop.inEventLoop() && EventLoops.inGipcLoop())) {
            return reserved;
        }
        byte[] now;
        try {
            now = onLoop(loop, h.inbound()::unreadBytes);
        } catch (FrameAssembler.HeldDescriptorsException e) {
            // A handle message arrived between the reservation and the close: its descriptors cannot follow.
            return reserved;
        }
        byte[] before = reserved.unreadBytes() == null ? new byte[0] : reserved.unreadBytes();
        return Arrays.equals(now, before) ? reserved : reserved.withUnreadBytes(now);
    }

    private static byte[] onLoop(EventLoop loop, java.util.function.Supplier<byte[]> task) {
        if (loop.inEventLoop()) {
            return task.get();
        }
        return loop.submit(task::get).syncUninterruptibly().getNow();
    }
}
