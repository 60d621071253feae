package io.gipc.netty.internal.transport;

import io.gipc.GipcException;
import io.netty.buffer.ByteBuf;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;

/**
 * Rebuilds frames (a 4-byte big-endian length, then the payload) from the bytes a reader receives, in
 * whatever pieces they come. Knows how many bytes the current frame still lacks, so the reader asks the OS
 * for no more than that. Lives on the reader's event loop; not thread-safe.
 */
final class FrameAssembler {
    /** Payloads up to this size get their whole array at once; larger ones grow as bytes arrive. */
    private static final int EAGER_ALLOCATION_LIMIT = 16 << 20;
    /** The length header in front of each payload. */
    static final int HEADER_BYTES = 4;

    private final int maxLength;
    private final String handleName;
    private final byte[] header = new byte[4];
    private int headerFill;
    /** Length of the frame being filled, -1 while its header is incomplete. */
    private int frameLength = -1;
    private byte[] payload;
    private int payloadFill;
    private final ArrayDeque<byte[]> complete = new ArrayDeque<>();
    private GipcException corruption;

    FrameAssembler(int maxLength, String handleName) {
        this.maxLength = maxLength;
        this.handleName = handleName;
    }

    /**
     * Takes all readable bytes of {@code in}. After a bad length header the rest is discarded: nothing that
     * follows a corrupt header can be trusted.
     */
    void add(ByteBuf in) {
        while (in.isReadable() && corruption == null) {
            if (frameLength < 0) {
                int n = Math.min(4 - headerFill, in.readableBytes());
                in.readBytes(header, headerFill, n);
                headerFill += n;
                if (headerFill < 4) {
                    return;
                }
                startPayload(((header[0] & 0xff) << 24) | ((header[1] & 0xff) << 16)
                        | ((header[2] & 0xff) << 8) | (header[3] & 0xff));
                if (corruption != null) {
                    break;
                }
                if (frameLength < 0) {
                    continue; // an empty message is complete with its header
                }
            }
            int n = Math.min(frameLength - payloadFill, in.readableBytes());
            ensurePayloadCapacity(payloadFill + n);
            in.readBytes(payload, payloadFill, n);
            payloadFill += n;
            finishFrameIfFull();
        }
        in.skipBytes(in.readableBytes());
    }

    private void startPayload(int length) {
        if (length < 0) {
            corruption = new GipcException("corrupt frame on " + handleName + ": length header " + length
                    + " is negative");
            return;
        }
        if (length > maxLength) {
            corruption = new GipcException("frame on " + handleName + " has length " + length
                    + ", over the reader's limit of " + maxLength + " bytes");
            return;
        }
        frameLength = length;
        payload = new byte[Math.min(length, EAGER_ALLOCATION_LIMIT)];
        payloadFill = 0;
        finishFrameIfFull();
    }

    private void ensurePayloadCapacity(int needed) {
        if (needed > payload.length) {
            int grown = (int) Math.min(frameLength, Math.max(needed, 2L * payload.length));
            payload = java.util.Arrays.copyOf(payload, grown);
        }
    }

    private void finishFrameIfFull() {
        if (payloadFill == frameLength) {
            complete.add(payload);
            payload = null;
            frameLength = -1;
            headerFill = 0;
            payloadFill = 0;
        }
    }

    /** @return the failure of a bad length header, or null */
    GipcException corruption() {
        return corruption;
    }

    boolean hasCompleteFrame() {
        return !complete.isEmpty();
    }

    byte[] pollCompleteFrame() {
        return complete.poll();
    }

    /** Puts back a frame that could not be delivered, to be the next one. */
    void pushBackFrame(byte[] frame) {
        complete.addFirst(frame);
    }

    /** @return true once the first byte of a frame arrived and the frame is not complete */
    boolean hasPartialFrame() {
        return headerFill > 0 || frameLength >= 0;
    }

    /** @return true once the current frame's header is complete and its payload is not */
    boolean isReadingPayload() {
        return frameLength >= 0;
    }

    /**
     * How many bytes the frame being filled still lacks: the rest of its header, or of its payload.
     *
     * @return a positive number of bytes
     */
    int bytesToCompleteFrame() {
        return frameLength < 0 ? 4 - headerFill : frameLength - payloadFill;
    }

    /** @return what a reader says when the stream ends inside this frame */
    String describePartialFrame() {
        return frameLength < 0
                ? "after " + headerFill + " of the 4 bytes of a length header"
                : "after " + payloadFill + " of the " + frameLength + " bytes of a message";
    }

    /**
     * Every byte received and not yet delivered, framed again as on the wire: complete frames, then the
     * partial one. For handing a reader to a child process with nothing lost.
     */
    byte[] unreadBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] frame : complete) {
            writeHeader(out, frame.length);
            out.write(frame, 0, frame.length);
        }
        if (frameLength >= 0) {
            writeHeader(out, frameLength);
            out.write(payload, 0, payloadFill);
        } else {
            out.write(header, 0, headerFill);
        }
        return out.toByteArray();
    }

    private static void writeHeader(ByteArrayOutputStream out, int length) {
        out.write(length >>> 24);
        out.write(length >>> 16);
        out.write(length >>> 8);
        out.write(length);
    }
}
