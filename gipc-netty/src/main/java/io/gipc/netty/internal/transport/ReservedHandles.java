package io.gipc.netty.internal.transport;

import io.gipc.GipcCodecException;
import io.gipc.GipcException;
import io.gipc.GipcHandle;
import io.gipc.netty.internal.codec.DefaultCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The handles of one outgoing message (or any other transfer), reserved together with
 * {@link HandleTransfer#prepare(GipcHandle, String)}: all or none. Their descriptors go to the receiver, then
 * {@link #commit(Runnable)} closes this process's copies; {@link #abort()} gives them back, usable.
 */
public final class ReservedHandles {
    private final List<HandleTransfer.Prepared> prepared;
    private final int[] fds;
    private final byte[] descriptorBytes;

    private ReservedHandles(List<HandleTransfer.Prepared> prepared, byte[] descriptorBytes) {
        this.prepared = prepared;
        this.descriptorBytes = descriptorBytes;
        this.fds = new int[prepared.size()];
        for (int i = 0; i < fds.length; i++) {
            fds[i] = prepared.get(i).fd();
        }
    }

    /**
     * Reserves every handle, in order, and encodes what the receiver needs to rebuild them.
     *
     * @param handles the handles, in slot order
     * @param target where they go, for messages ("a message on GipcWriter#5 (fd 12)")
     * @param sender the handle they are sent through, which cannot travel through itself; null if none
     * @return the reservation
     * @throws io.gipc.GipcClosedException if one is closed
     * @throws io.gipc.GipcLockedException if one has an operation pending, or is being transferred
     * @throws GipcCodecException if a handle's codec cannot be encoded by the default codec
     * @throws GipcException if one is the sender itself, or not a handle of gipc-netty; nothing stays reserved
     */
    public static ReservedHandles reserve(List<GipcHandle> handles, String target, GipcHandle sender) {
        if (handles.size() > FrameAssembler.MAX_HANDLES) {
            throw new GipcException("a message carries at most " + FrameAssembler.MAX_HANDLES + " handles; this one"
                    + " holds " + handles.size() + " (to " + target + ")");
        }
        for (GipcHandle h : handles) {
            if (h == sender) {
                throw new GipcException("cannot send " + h + " inside a message put on itself; send the other end"
                        + " of its pipe, or put it on another pipe");
            }
        }
        List<HandleTransfer.Prepared> prepared = new ArrayList<>(handles.size());
        try {
            for (GipcHandle h : handles) {
                prepared.add(HandleTransfer.prepare(h, target));
            }
            List<HandleDescriptor> descriptors = new ArrayList<>(prepared.size());
            for (HandleTransfer.Prepared p : prepared) {
                descriptors.add(p.descriptor());
            }
            byte[] bytes;
            try {
                bytes = DefaultCodec.encode(descriptors);
            } catch (GipcCodecException e) {
                throw new GipcCodecException(
                        "cannot send the handles of a message to " + target + ": the codec of"
                                + " one of them cannot travel with the default codec: " + e.getMessage(),
                        e);
            }
            return new ReservedHandles(prepared, bytes);
        } catch (RuntimeException | Error e) {
            prepared.forEach(HandleTransfer.Prepared::abort);
            throw e;
        }
    }

    /** @return the descriptor of each handle, in slot order (this process's; open until {@link #commit}) */
    public int[] fds() {
        return fds.clone();
    }

    /** @return the default codec's bytes of the list of each handle's {@code HandleDescriptor}, in slot order */
    public byte[] descriptorBytes() {
        return descriptorBytes.clone();
    }

    /** @return how many handles */
    public int size() {
        return fds.length;
    }

    /**
     * The receiver has the descriptors: closes this process's copies, marking the handles closed.
     *
     * @param whenClosed runs once every copy is closed (on an event loop, or at once)
     */
    public void commit(Runnable whenClosed) {
        AtomicInteger left = new AtomicInteger(prepared.size());
        for (HandleTransfer.Prepared p : prepared) {
            p.commit();
        }
        for (HandleTransfer.Prepared p : prepared) {
            p.closeFuture().addListener(f -> {
                if (left.decrementAndGet() == 0) {
                    whenClosed.run();
                }
            });
        }
        if (prepared.isEmpty()) {
            whenClosed.run();
        }
    }

    /** The descriptors did not go: the handles are usable again. */
    public void abort() {
        prepared.forEach(HandleTransfer.Prepared::abort);
    }

    @Override
    public String toString() {
        List<String> names = new ArrayList<>();
        prepared.forEach(p -> names.add(p.handle().toString()));
        return names.toString();
    }
}
