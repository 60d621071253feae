package io.gipc.netty.internal.transport;

/**
 * What {@link DemandRecvAllocator} asks the reading side of a channel before and after Netty reads: how many
 * bytes it can use, and whether the loop may read the socket now.
 */
interface ReadDemand {
    /** A channel that wants nothing (a simplex writer's) and never reads directly. */
    ReadDemand NOTHING = new ReadDemand() {
        @Override
        public int bytesWanted() {
            return 0;
        }

        @Override
        public void beginLoopRead() {
        }

        @Override
        public void endLoopRead() {
        }
    };

    /**
     * @return how many bytes the reader can use now; 0 when no get is pending
     */
    int bytesWanted();

    /** On the loop, before each of Netty's reads: waits until no caller reads the socket directly. */
    void beginLoopRead();

    /** On the loop, once Netty's reads of one readiness event are over. */
    void endLoopRead();
}
