package io.gipc.netty.internal.transport;

import io.gipc.Decoder;
import io.gipc.GipcCodecException;
import io.gipc.GipcException;
import io.gipc.GipcHandle;
import io.gipc.netty.internal.codec.DefaultCodec;
import io.gipc.netty.internal.codec.HandleSink;
import io.gipc.netty.internal.posix.ScmRights;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A value that may hold handles, as the payload of one message: {@code [int32 n][n bytes: the default codec's
 * list of HandleDescriptor][the default codec's bytes of the value, each handle written as its slot]}. The
 * handles' descriptors travel beside the payload (as {@code SCM_RIGHTS} on a pipe), in slot order.
 */
public final class HandleMessage {
    private HandleMessage() {}

    /**
     * A value encoded for a message.
     *
     * @param payload what to send as the message's bytes: the plain default-codec bytes of the value if it holds
     *        no handle, else the payload described above
     * @param handles the reserved handles whose descriptors go with it, or null if it holds none
     */
    public record Encoded(byte[] payload, ReservedHandles handles) {}

    /**
     * Encodes a value with the default codec and reserves the handles in it.
     *
     * @param value the value
     * @param target where it goes, for messages ("a message on GipcWriter#5 (fd 12)")
     * @param sender the handle it is sent through (refused inside the value), or null
     * @return the payload and the reservation
     * @throws GipcCodecException if the value cannot be encoded
     * @throws GipcException as {@link ReservedHandles#reserve} does; then nothing stays reserved
     */
    public static Encoded encode(Object value, String target, GipcHandle sender) {
        HandleSink sink = new HandleSink();
        byte[] bytes = DefaultCodec.encode(value, sink);
        if (sink.handles().isEmpty()) {
            return new Encoded(bytes, null);
        }
        ReservedHandles reserved = ReservedHandles.reserve(new ArrayList<>(sink.handles()), target, sender);
        byte[] descriptors = reserved.descriptorBytes();
        long length = 4L + descriptors.length + bytes.length;
        if (length > Integer.MAX_VALUE - 4) {
            reserved.abort();
            throw new GipcCodecException("a message of " + length + " bytes does not fit one frame on " + target);
        }
        ByteBuffer payload = ByteBuffer.allocate((int) length);
        payload.putInt(descriptors.length).put(descriptors).put(bytes);
        return new Encoded(payload.array(), reserved);
    }

    /**
     * A message decoded with its handles.
     *
     * @param value the value, its handles live
     * @param handles every handle rebuilt for it
     */
    public record Decoded(Object value, List<GipcHandle> handles) {}

    /**
     * Rebuilds the handles on the descriptors that came with a payload, then the value. Takes ownership of
     * {@code fds}: whatever the outcome, no descriptor is left open that the caller did not get as a handle.
     *
     * @param payload the payload, as {@link #encode} wrote it
     * @param fds the descriptors, in slot order
     * @param where the reader, for messages
     * @param decoder the reader's decoder, one of the default codec (with the reader's class filter, if any)
     * @return the value and its handles
     * @throws GipcCodecException if the payload is corrupt or the value cannot be decoded
     */
    public static Decoded decode(byte[] payload, int[] fds, String where, Decoder<?> decoder) {
        List<GipcHandle> handles = new ArrayList<>(fds.length);
        int owned = 0; // fds[owned..] are still plain descriptors to close on failure
        try {
            List<HandleDescriptor> descriptors = descriptors(payload, fds.length, where, decoder);
            while (owned < fds.length) {
                int fd = fds[owned++]; // adopt closes it if it fails
                handles.add(HandleTransfer.adopt(fd, descriptors.get(handles.size())));
            }
            int start = 4 + ByteBuffer.wrap(payload).getInt();
            boolean[] used = new boolean[fds.length];
            Object value = DefaultCodec.decode(
                    Arrays.copyOfRange(payload, start, payload.length),
                    slot -> {
                        if (slot < 0 || slot >= used.length) {
                            return null;
                        }
                        used[slot] = true;
                        return handles.get(slot);
                    },
                    decoder);
            for (int i = 0; i < used.length; i++) {
                if (!used[i]) {
                    throw new GipcCodecException("a message on " + where + " carried handle " + i + " of " + used.length
                            + " and its value does not hold it");
                }
            }
            return new Decoded(value, Collections.unmodifiableList(handles));
        } catch (RuntimeException | Error e) {
            ScmRights.closeAll(Arrays.copyOfRange(fds, owned, fds.length));
            for (GipcHandle h : handles) {
                Frame.closeQuietly(h);
            }
            if (e instanceof GipcException) {
                throw e;
            }
            throw new GipcCodecException(
                    "a message carrying " + fds.length + " handle(s) on " + where + " could not be decoded: " + e, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<HandleDescriptor> descriptors(byte[] payload, int count, String where, Decoder<?> decoder) {
        if (payload.length < 4) {
            throw new GipcCodecException("a message carrying handles on " + where + " has " + payload.length
                    + " bytes, too few for its list of handles");
        }
        int length = ByteBuffer.wrap(payload).getInt();
        if (length <= 0 || length > payload.length - 4) {
            throw new GipcCodecException("a message carrying handles on " + where + " says its list of handles"
                    + " takes " + length + " of its " + payload.length + " bytes");
        }
        Object list = DefaultCodec.decode(Arrays.copyOfRange(payload, 4, 4 + length), slot -> null, decoder);
        if (!(list instanceof List)
                || ((List<?>) list).size() != count
                || !((List<?>) list).stream().allMatch(d -> d instanceof HandleDescriptor)) {
            throw new GipcCodecException("a message on " + where + " came with " + count + " descriptor(s) and its"
                    + " list of handles does not match them: "
                    + (list == null
                            ? "null"
                            : list.getClass().getName()
                                    + (list instanceof List ? " of " + ((List<?>) list).size() : "")));
        }
        return (List<HandleDescriptor>) list;
    }
}
