package io.gipc.netty.internal.transport;

import io.gipc.GipcException;
import io.gipc.netty.internal.posix.ScmRights;
import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Rebuilds frames (a 4-byte big-endian length, then the payload) from the bytes a reader receives, in
 * whatever pieces they come. Knows how many bytes the current frame still lacks, so the reader asks the OS
 * for no more than that. Lives on the reader's event loop; not thread-safe.
 *
 * <p>A message carrying handles comes as a marked header ({@link #HANDLES_MARK} | n), then a section of n bytes
 * whose bytes carry the n descriptors, then an ordinary frame. The section is never given to {@link #add}: the
 * reader takes it with recvmsg(2) and reports it through {@link #sectionReceived}; a plain read of those bytes
 * would make the kernel close the descriptors.
 */
final class FrameAssembler {
    /** Payloads up to this size get their whole array at once; larger ones grow as bytes arrive. */
    private static final int EAGER_ALLOCATION_LIMIT = 16 << 20;
    /** The length header in front of each payload. */
    static final int HEADER_BYTES = 4;
    /** The bit of a length header that marks a message carrying handles; the low bits count them. */
    static final int HANDLES_MARK = 0x80000000;
    /** The most handles one message carries. */
    static final int MAX_HANDLES = 1024;

    private final int maxLength;
    private final String handleName;
    private final byte[] header = new byte[4];
    private int headerFill;
    /** Length of the frame being filled, -1 while its header is incomplete. */
    private int frameLength = -1;

    private byte[] payload;
    private int payloadFill;
    /** The descriptors of the handle message being read, from its marked header to the end of its frame. */
    private Section section;

    private final ArrayDeque<Frame> complete = new ArrayDeque<>();
    private GipcException corruption;

    FrameAssembler(int maxLength, String handleName) {
        this.maxLength = maxLength;
        this.handleName = handleName;
    }

    /** The descriptor section of one message: n bytes, and the descriptors that arrived with them. */
    private static final class Section {
        final int length;
        int received;
        int[] fds = new int[0];
        boolean truncated;

        Section(int length) {
            this.length = length;
        }

        boolean complete() {
            return received == length;
        }
    }

    /** Thrown by {@link #unreadBytes()}: descriptors cannot be framed again as bytes. */
    static final class HeldDescriptorsException extends GipcException {
        private static final long serialVersionUID = 1L;

        HeldDescriptorsException(String message) {
            super(message);
        }
    }

    /**
     * Takes all readable bytes of {@code in}. After a bad length header the rest is discarded: nothing that
     * follows a corrupt header can be trusted.
     */
    void add(ByteBuf in) {
        addUntilSection(in);
        if (in.isReadable() && corruption == null) {
            corruption = new GipcException("corrupt stream on " + handleName + ": bytes of a descriptor section"
                    + " were read as plain bytes, and the descriptors they carried are lost");
        }
        in.skipBytes(in.readableBytes());
    }

    /**
     * Takes all readable bytes of {@code in}, which one recvmsg(2) read with room for descriptors, and the
     * descriptors that came with them (now owned here). The kernel ends such a read right after the bytes that
     * descriptors ride on, so they belong to the descriptor section these bytes enter (after a marked header), as
     * many of its bytes as are here; descriptors that no section here can take are closed.
     *
     * @param fds the descriptors that came with the bytes
     * @param truncated whether the kernel dropped some (MSG_CTRUNC)
     */
    void addReceived(ByteBuf in, int[] fds, boolean truncated) {
        boolean given = fds.length == 0 && !truncated;
        addUntilSection(in);
        while (in.isReadable() && corruption == null && inSection()) {
            int n = Math.min(sectionBytesMissing(), in.readableBytes());
            in.skipBytes(n);
            sectionReceived(n, given ? new int[0] : fds, !given && truncated);
            given = true;
            addUntilSection(in);
        }
        if (!given) {
            ScmRights.closeAll(fds);
        }
        in.skipBytes(in.readableBytes());
    }

    /** Takes the bytes of {@code in} until they end, a bad header ends the stream, or a descriptor section begins. */
    private void addUntilSection(ByteBuf in) {
        while (in.isReadable() && corruption == null && !inSection()) {
            if (frameLength < 0) {
                int n = Math.min(4 - headerFill, in.readableBytes());
                in.readBytes(header, headerFill, n);
                headerFill += n;
                if (headerFill < 4) {
                    return;
                }
                int length = ((header[0] & 0xff) << 24)
                        | ((header[1] & 0xff) << 16)
                        | ((header[2] & 0xff) << 8)
                        | (header[3] & 0xff);
                if (length < 0 && section == null && isHandleCount(length & ~HANDLES_MARK)) {
                    section = new Section(length & ~HANDLES_MARK);
                    headerFill = 0;
                    continue; // the section comes through sectionReceived, never through add
                }
                startPayload(length);
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
    }

    private static boolean isHandleCount(int n) {
        return n >= 1 && n <= MAX_HANDLES;
    }

    private void startPayload(int length) {
        if (length < 0) {
            corruption =
                    new GipcException("corrupt frame on " + handleName + ": length header " + length + " is negative");
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
            payload = Arrays.copyOf(payload, grown);
        }
    }

    private void finishFrameIfFull() {
        if (payloadFill == frameLength) {
            complete.add(
                    section == null
                            ? Frame.plain(payload)
                            : Frame.withDescriptors(payload, section.fds, descriptorProblem(section)));
            section = null;
            payload = null;
            frameLength = -1;
            headerFill = 0;
            payloadFill = 0;
        }
    }

    private String descriptorProblem(Section s) {
        if (s.fds.length == s.length && !s.truncated) {
            return null;
        }
        String got = "a message on " + handleName + " carried " + s.length + " handle(s) and " + s.fds.length
                + " of their descriptors arrived";
        if (s.truncated) {
            return got + ": the kernel dropped the others (MSG_CTRUNC): this process reached its descriptor"
                    + " limit (RLIMIT_NOFILE, ulimit -n), or the sender sent more than it announced; the message was"
                    + " dropped, its descriptors closed, and the next message follows";
        }
        return got + ": the sender sent " + (s.fds.length < s.length ? "fewer" : "more") + " descriptors than it"
                + " announced; the message was dropped, its descriptors closed, and the next message follows";
    }

    /** @return true while the descriptor section of a handle message is not all here */
    boolean inSection() {
        return section != null && !section.complete();
    }

    /** @return how many bytes of the current descriptor section are still to come; 0 outside one */
    int sectionBytesMissing() {
        return inSection() ? section.length - section.received : 0;
    }

    /** @return how many descriptors the current section still lacks */
    int sectionDescriptorsMissing() {
        return inSection() ? Math.max(0, section.length - section.fds.length) : 0;
    }

    /**
     * Bytes of the current descriptor section arrived, through recvmsg(2), with these descriptors (now owned here).
     *
     * @param bytes how many (at most {@link #sectionBytesMissing()})
     * @param fds the descriptors that came with them
     * @param truncated whether the kernel dropped some (MSG_CTRUNC)
     */
    void sectionReceived(int bytes, int[] fds, boolean truncated) {
        Section s = section;
        s.received += bytes;
        s.truncated |= truncated;
        int from = s.fds.length;
        s.fds = Arrays.copyOf(s.fds, from + fds.length);
        System.arraycopy(fds, 0, s.fds, from, fds.length);
    }

    /** @return the failure of a bad length header, or null */
    GipcException corruption() {
        return corruption;
    }

    boolean hasCompleteFrame() {
        return !complete.isEmpty();
    }

    Frame pollCompleteFrame() {
        return complete.poll();
    }

    /** Puts back a frame that could not be delivered, to be the next one. */
    void pushBackFrame(Frame frame) {
        complete.addFirst(frame);
    }

    /** @return true once the first byte of a frame arrived and the frame is not complete */
    boolean hasPartialFrame() {
        return headerFill > 0 || frameLength >= 0 || section != null;
    }

    /** @return true once the current frame's header is complete and its payload is not */
    boolean isReadingPayload() {
        return frameLength >= 0;
    }

    /**
     * How many bytes the frame being filled still lacks: the rest of its header, of its descriptor section, or
     * of its payload.
     *
     * @return a positive number of bytes
     */
    int bytesToCompleteFrame() {
        if (inSection()) {
            return sectionBytesMissing();
        }
        return frameLength < 0 ? 4 - headerFill : frameLength - payloadFill;
    }

    /** @return what a reader says when the stream ends inside this frame */
    String describePartialFrame() {
        if (inSection()) {
            return "after " + section.received + " of the " + section.length + " descriptor bytes of a message"
                    + " carrying handles";
        }
        String of = section == null ? "" : " of a message carrying " + section.length + " handle(s)";
        return frameLength < 0
                ? "after " + headerFill + " of the 4 bytes of a length header" + of
                : "after " + payloadFill + " of the " + frameLength + " bytes of a message" + of;
    }

    /** @return how many received descriptors (or rebuilt handles) wait here */
    int heldDescriptors() {
        int n = section == null ? 0 : section.fds.length;
        for (Frame f : complete) {
            n += f.descriptorCount();
        }
        return n;
    }

    /** The reader is closing: every descriptor of a message it will never deliver is closed. */
    void closeDescriptors() {
        if (section != null) {
            ScmRights.closeAll(section.fds);
            section.fds = new int[0];
        }
        Frame f;
        ArrayDeque<Frame> plain = new ArrayDeque<>();
        while ((f = complete.poll()) != null) {
            if (f.carriesHandles()) {
                f.closeDescriptors();
            } else {
                plain.add(f);
            }
        }
        complete.addAll(plain);
    }

    /**
     * Every byte received and not yet delivered, framed again as on the wire: complete frames, then the
     * partial one. For handing a reader to another process with nothing lost.
     *
     * @throws HeldDescriptorsException if part of it is a message carrying handles
     */
    byte[] unreadBytes() {
        if (section != null || heldDescriptors() > 0) {
            int held = heldDescriptors();
            throw new HeldDescriptorsException("it holds " + (held > 0 ? held + " descriptor(s) of " : "part of ")
                    + "a message carrying handles that it received and has not delivered (descriptors cannot be"
                    + " handed on as bytes); get() that message first");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Frame frame : complete) {
            writeHeader(out, frame.payload.length);
            out.write(frame.payload, 0, frame.payload.length);
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
