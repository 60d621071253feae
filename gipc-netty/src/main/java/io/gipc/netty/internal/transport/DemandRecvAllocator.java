package io.gipc.netty.internal.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelConfig;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.util.UncheckedBooleanSupplier;

/**
 * Sizes each read to what the pending gets still need, so a reader never takes bytes from the OS that no
 * {@code get()} asked for: unread messages stay in the kernel (bounding memory, holding back a fast writer).
 * (A payload's read may take the next frame's header too, when a get waits for that frame: see
 * {@link Inbound#bytesWanted()}; and a read that filled its buffer while two gets or more wait is followed by one
 * recvmsg(2) of up to 8 KiB, see {@link DirectReads}, which is not a plain read and so may cross headers.)
 * The one exception is Netty's own: when the peer hangs up, Netty reads until the end of the stream whatever
 * the demand (a zero-byte read would look like that end); those bytes, at most what the kernel buffered, wait
 * in the reader for the next gets. Those reads stop at frame boundaries too, so that no plain read ever takes
 * the descriptor section of a message carrying handles: {@link ReadDemand#beforeRead()} takes it with
 * recvmsg(2) before Netty's next read.
 */
final class DemandRecvAllocator implements RecvByteBufAllocator {
    /** The most one read asks for; a large message arrives in several reads. */
    static final int MAX_READ_BYTES = 1 << 20;
    /** The largest read when no get is pending but Netty reads anyway (the peer hung up). */
    static final int DRAIN_READ_BYTES = 64 << 10;
    /** Reads per readiness event, so one busy channel does not starve the others on its loop. */
    private static final int MAX_READS_PER_EVENT = 16;

    /** What the reading side wants from each read. */
    interface ReadDemand {
        /** A writer's channel: it wants nothing, and reads only when its reader hangs up. */
        ReadDemand NONE = new ReadDemand() {
            @Override
            public int bytesWanted() {
                return 0;
            }

            @Override
            public int readSize() {
                return DRAIN_READ_BYTES;
            }

            @Override
            public void beforeRead() {}
        };

        /** @return how many bytes the reader can use now; 0 when no get is pending */
        int bytesWanted();

        /** @return the size of the next read, positive */
        int readSize();

        /** Runs on the loop right before each read (and may throw to skip it). */
        void beforeRead();

        /** Runs on the loop once the reads of one readiness event are over (or were skipped). */
        default void afterReads() {}
    }

    private final ReadDemand demand;

    /**
     * @param demand what the reading side wants
     */
    DemandRecvAllocator(ReadDemand demand) {
        this.demand = demand;
    }

    @Override
    public Handle newHandle() {
        return new DemandHandle();
    }

    private final class DemandHandle implements ExtendedHandle {
        private int attempted;
        private int lastRead;
        private int reads;

        @Override
        public ByteBuf allocate(ByteBufAllocator alloc) {
            // Netty calls this on the loop right before each read: the moment to take a descriptor section first.
            demand.beforeRead();
            return alloc.ioBuffer(guess());
        }

        @Override
        public int guess() {
            return demand.readSize();
        }

        @Override
        public void reset(ChannelConfig config) {
            reads = 0;
        }

        @Override
        public void incMessagesRead(int numMessages) {
            reads += numMessages;
        }

        @Override
        public void lastBytesRead(int bytes) {
            lastRead = bytes;
        }

        @Override
        public int lastBytesRead() {
            return lastRead;
        }

        @Override
        public void attemptedBytesRead(int bytes) {
            attempted = bytes;
        }

        @Override
        public int attemptedBytesRead() {
            return attempted;
        }

        @Override
        public boolean continueReading() {
            return continueReading(() -> attempted == lastRead);
        }

        @Override
        public boolean continueReading(UncheckedBooleanSupplier maybeMoreDataSupplier) {
            return reads < MAX_READS_PER_EVENT && demand.bytesWanted() > 0 && maybeMoreDataSupplier.get();
        }

        @Override
        public void readComplete() {
            demand.afterReads();
        }
    }
}
