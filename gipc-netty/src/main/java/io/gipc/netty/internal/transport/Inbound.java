package io.gipc.netty.internal.transport;

import io.gipc.Decoder;
import io.gipc.GipcCodecException;
import io.gipc.GipcEofException;
import io.gipc.GipcException;
import io.gipc.netty.internal.codec.DefaultCodec;
import io.gipc.netty.internal.posix.Readiness;
import io.gipc.netty.internal.posix.ScmRights;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.ChannelInputShutdownReadComplete;
import io.netty.channel.unix.Errors;
import io.netty.channel.unix.UnixChannel;
import io.netty.util.internal.PlatformDependent;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The reading side of a handle: the queue of pending gets, served first come, first served, and the frames
 * that answer them. Runs on the channel's event loop, except {@link #get(Duration)}, which hands over to it.
 *
 * <p>A get from a thread other than the loop, when it is the only one pending and the loop holds no byte of this
 * handle, first reads the socket itself (non-blocking): if a whole message is there it is delivered at once, on
 * the caller's thread, with no hand-over to the loop and back (the way Python gipc reads on the caller's own
 * green thread). Whatever it read of a message that is not all there goes to the loop with the get. Who reads
 * the socket is one token ({@link #IDLE}, the loop's, or a caller's), so bytes are never read twice or out of order.
 *
 * @param <T> the message type
 */
final class Inbound<T> extends ChannelInboundHandlerAdapter implements DemandRecvAllocator.ReadDemand {
    private static final int IDLE = 0;
    private static final int LOOP_READING = 1;
    private static final int DIRECT_READING = 2;
    /** The longest a caller waiting on the socket sleeps in poll(2) before it looks whether its get was settled. */
    private static final int MAX_POLL_SLICE_MILLIS = 16;
    /**
     * Whether threads blocked on a get wait on the socket themselves: needs poll(2) through JNA. Never on a virtual
     * thread (a native wait would hold its carrier).
     */
    private static final boolean CALLER_WAITS = Readiness.isAvailable();
    /** {@code Thread.isVirtual()} where the JDK has it (21 and later), else null. */
    private static final MethodHandle IS_VIRTUAL = isVirtualHandle();

    private final HandleState state;
    /** The decoder, or null for a raw pipe; frames carrying handles need the default codec's. */
    private final Decoder<? extends T> decoder;

    private final String handleName;
    private final FrameAssembler frames;
    private final DecodingStage<T> decoding;
    private final ArrayDeque<PendingGet<T>> gets = new ArrayDeque<>();
    /** Gets made off the loop, in order, that the loop has not yet taken into {@link #gets}; it does when it serves. */
    private final Queue<PendingGet<T>> arriving = new ConcurrentLinkedQueue<>();
    /**
     * True while the loop will serve again without being told: it asked Netty to read for its gets (the bytes they
     * wait for wake it), or a task that serves is scheduled. A get made off the loop then joins {@link #arriving}
     * with no task and no wake-up of the loop.
     */
    private final AtomicBoolean loopWillServe = new AtomicBoolean();
    /** Whether the last {@link #serveGets()} asked Netty to read; loop-confined. */
    private boolean askedToRead;

    private final Runnable serveTask = this::serve;
    private Channel channel;
    private boolean inputEnded;
    private GipcException readFailure;
    private GipcException abortFailure;
    /** Reads a message on a caller's thread, holding the socket's token. */
    private final DirectReads directReads;
    /** Who reads the socket now: {@link #IDLE}, {@link #LOOP_READING} or {@link #DIRECT_READING}. */
    private final AtomicInteger socketReader = new AtomicInteger(IDLE);
    /** Written by the loop: it holds bytes or an outcome (end of stream, failure) that gets must see first. */
    private volatile boolean holdsInput;
    /** How deep the loop is in {@link #serve()} (a get's callback may get again); loop-confined. */
    private int serving;
    /** Bytes a direct read took of a message that was not all there, for the loop to take in first. */
    private volatile DirectReads.Leftover handedOver;

    /**
     * @param decoder the decoder, or null for a raw pipe, whose messages are the payloads as they are
     */
    Inbound(HandleState state, String handleName, Decoder<? extends T> decoder, int maxMessageLength) {
        this.state = state;
        this.handleName = handleName;
        this.frames = new FrameAssembler(maxMessageLength, handleName);
        this.directReads = new DirectReads(maxMessageLength);
        this.decoder = decoder;
        this.decoding = new DecodingStage<>(handleName, decoder, this::serve);
    }

    private static MethodHandle isVirtualHandle() {
        try {
            return MethodHandles.publicLookup()
                    .findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    /** Bytes received before this reader existed (from a parent's copy of the handle), served first. */
    void preload(byte[] unread) {
        if (unread != null && unread.length > 0) {
            frames.add(Unpooled.wrappedBuffer(unread));
            holdsInput = true;
        }
    }

    void attach(Channel channel) {
        this.channel = channel;
    }

    HandleState state() {
        return state;
    }

    String handleName() {
        return handleName;
    }

    EventLoop loop() {
        return channel.eventLoop();
    }

    /**
     * The bytes the reader can use now: none unless a get waits for a frame that is not complete. While a
     * payload is being read and another get waits behind the one it answers, the next frame's header comes in
     * the same read (one read per message instead of two); that header belongs to a get that is waiting.
     */
    @Override
    public int bytesWanted() {
        if (gets.isEmpty() || frames.hasCompleteFrame() || frames.corruption() != null || inputEnded) {
            return 0;
        }
        int wanted = frames.bytesToCompleteFrame();
        if (frames.isReadingPayload() && wanted < DemandRecvAllocator.MAX_READ_BYTES && liveGetsAtLeast(2)) {
            wanted += FrameAssembler.HEADER_BYTES;
        }
        return wanted;
    }

    /**
     * The size of the next read: what the pending gets need, or, when Netty reads without demand (the peer hung
     * up), the rest of the current frame's piece. Never past a frame's header, so no plain read enters a
     * descriptor section (the kernel would close the descriptors riding on its bytes).
     */
    @Override
    public int readSize() {
        int wanted = bytesWanted();
        if (wanted > 0) {
            return Math.min(wanted, DemandRecvAllocator.MAX_READ_BYTES);
        }
        if (frames.corruption() != null) {
            return DemandRecvAllocator.DRAIN_READ_BYTES;
        }
        // The next frame's header too, as a waiting get's read does: one read per frame, ending at a header.
        int rest = frames.bytesToCompleteFrame() + (frames.isReadingPayload() ? FrameAssembler.HEADER_BYTES : 0);
        return Math.min(rest, DemandRecvAllocator.DRAIN_READ_BYTES);
    }

    /**
     * Right before each of Netty's reads: takes the descriptor section of a message carrying handles, if one is
     * due, with recvmsg(2). Netty's own read then starts after it.
     *
     * @throws ReadSkipped if part of the section has not arrived (Netty skips this read; the next readiness
     *         event brings the rest), or the handle is reserved for a transfer
     */
    @Override
    public void beforeRead() {
        takeSocketFromCaller();
        if (state.isTransferring()) {
            // Reserved for a transfer (Netty reads anyway when the peer hangs up): what is in the socket stays there
            // for the receiver, who gets the socket; what this reader had taken is in the handle's description.
            throw ReadSkipped.INSTANCE;
        }
        int missing;
        while ((missing = frames.sectionBytesMissing()) > 0) {
            int room = Math.min(ScmRights.MAX_FDS_PER_CALL, Math.max(1, frames.sectionDescriptorsMissing()));
            ScmRights.Received received;
            try {
                received = ScmRights.receive(((UnixChannel) channel).fd().intValue(), missing, room);
            } catch (IOException e) {
                PlatformDependent.throwException(e); // as an IOException, so that Netty ends the input
                return;
            }
            if (received.wouldBlock()) {
                throw ReadSkipped.INSTANCE;
            }
            if (received.bytes() == 0) {
                return; // end of stream: Netty's read sees it too
            }
            frames.sectionReceived(received.bytes(), received.fds(), received.truncated());
            state.heldDescriptors(frames.heldDescriptors());
        }
    }

    /**
     * Within one of Netty's reads, which filled its buffer (more is likely there), while two gets or more still wait
     * for small frames: one recvmsg(2) takes up to {@link DirectReads#KEPT_BUFFER_BYTES} at once (with the descriptors of a
     * message carrying handles, if the bytes reach one), so a loop with many gets pending makes one system call for
     * many frames instead of one each. Netty's own reads stay sized to the gets' demand: they end at a header, and
     * they keep Netty's bookkeeping of read interest as it expects (a read it skipped would leave the socket
     * watched with no get pending). A large frame's rest, the end of the stream and errors are left to Netty.
     */
    private void readBatchForGets() {
        int wanted = bytesWanted();
        if (wanted <= 0
                || wanted >= DirectReads.KEPT_BUFFER_BYTES
                || frames.inSection()
                || state.isTransferring()
                || !liveGetsAtLeast(2)) {
            // One get: frames read ahead would be the loop's, and the next gets, which its caller would read
            // directly from what it keeps, would all have to come through the loop.
            return;
        }
        DirectReads.Leftover batch = directReads.readBatch(((UnixChannel) channel).fd());
        if (batch != null) {
            batch.feed(frames);
            state.heldDescriptors(frames.heldDescriptors());
        }
    }

    /**
     * Thrown before a read that must not happen now: a descriptor section is still on its way, or the handle is
     * reserved for a transfer. Netty then skips the read and reports this through {@code exceptionCaught}, where
     * it is no error. Preallocated, without a stack.
     */
    static final class ReadSkipped extends RuntimeException {
        static final ReadSkipped INSTANCE = new ReadSkipped();
        private static final long serialVersionUID = 1L;

        private ReadSkipped() {
            super(
                    "read skipped: a descriptor section has not all arrived, or the handle is being transferred",
                    null,
                    false,
                    false);
        }
    }

    /** Whether at least {@code n} queued gets are still waiting (cancelled ones may not have left the queue). */
    private boolean liveGetsAtLeast(int n) {
        int live = 0;
        for (PendingGet<T> get : gets) {
            if (!get.isDone() && ++live >= n) {
                return true;
            }
        }
        return false;
    }

    /** Any thread: queues a get (the handle is already locked for it), or reads its message directly. */
    LoopFuture<T> get(Duration timeout) {
        PendingGet<T> get = new PendingGet<>(this, timeout);
        EventLoop loop = loop();
        if (loop.inEventLoop()) {
            enqueue(get);
        } else if (!readDirectly(get)) {
            handToLoop(get);
        }
        return get;
    }

    /**
     * Off the loop: queues a get for the loop, telling it only when it will not serve again by itself. A get with a
     * timeout always tells it, since its timer runs on the loop from now.
     */
    private void handToLoop(PendingGet<T> get) {
        arriving.add(get);
        // Bytes a direct read keeps are in no socket: a loop that waits for the socket to be readable never sees them.
        boolean tell = get.hasTimeout()
                || directReads.holdsBytes()
                || (!loopWillServe.get() && loopWillServe.compareAndSet(false, true));
        if (tell) {
            try {
                loop().execute(serveTask);
            } catch (RejectedExecutionException e) {
                arriving.remove(get);
                loopWillServe.set(false);
                throw e;
            }
        }
    }

    /**
     * Waits for a caller's direct read to end (a few non-blocking system calls: the loop does not skip a read for
     * it, which Netty cannot always take), then takes in the bytes it left for the loop, which come before any the
     * loop reads.
     */
    private void takeSocketFromCaller() {
        int spins = 0;
        while (socketReader.get() != LOOP_READING && !socketReader.compareAndSet(IDLE, LOOP_READING)) {
            if (++spins < 64) {
                Thread.onSpinWait();
            } else {
                Thread.yield(); // the reading caller may have been preempted: let it run
            }
        }
        takeHandedOver();
        takeDirectlyBuffered();
    }

    /** On the loop, holding the token: the bytes a direct read kept for later gets come before any the loop reads. */
    private void takeDirectlyBuffered() {
        DirectReads.Leftover kept = directReads.takeBuffered();
        if (kept != null) {
            kept.feed(frames);
            holdsInput = true;
        }
    }

    /**
     * After a direct read, off the loop: gives the token back. A get that went to the loop meanwhile, its caller
     * having found the token taken, is served by a task if bytes are kept for it (its caller may have seen none).
     */
    private void releaseSocketAfterDirectRead() {
        socketReader.set(IDLE);
        if (directReads.holdsBytes() && !arriving.isEmpty()) {
            try {
                loop().execute(serveTask);
            } catch (RejectedExecutionException e) {
                // the loop is shut down: its gets fail with it
            }
        }
    }

    @Override
    public void afterReads() {
        socketReader.compareAndSet(LOOP_READING, IDLE);
    }

    /**
     * On the caller's thread: reads the get's message from the socket if it is the only get pending and the loop
     * holds nothing of this handle.
     *
     * @return true if the get was answered, or handed to the loop with the bytes read so far; false if nothing was
     *     read (the caller hands the get to the loop)
     */
    private boolean readDirectly(PendingGet<T> get) {
        if (state.pendingGets() != 1 || !socketReader.compareAndSet(IDLE, DIRECT_READING)) {
            return false;
        }
        if (holdsInput || handedOver != null) { // read with the token: the loop sets them before giving it back
            socketReader.set(IDLE);
            return false;
        }
        byte[] payload;
        try {
            payload = directReads.readMessage(((UnixChannel) channel).fd(), channel.alloc());
        } catch (RuntimeException | Error e) {
            socketReader.set(IDLE);
            throw e;
        }
        if (payload == null) {
            DirectReads.Leftover begun = directReads.takeLeftover();
            if (begun == null) {
                releaseSocketAfterDirectRead();
                return false;
            }
            handOver(get, begun); // a message begun, a header the loop must judge, or one not all here yet
            return true;
        }
        releaseSocketAfterDirectRead();
        decoding.deliverHere(get, payload);
        return true;
    }

    /**
     * On the thread that blocks on {@code get} (not a loop): waits on the socket itself rather than for the loop to
     * read the message and wake it, then reads the message directly, saving a wake-up of the loop and one of this
     * thread. Only while {@code get} is the one pending get and the loop holds nothing of this handle; the loop,
     * seeing the get held by its caller, neither reads for it nor runs its timer (this thread keeps the time). Any
     * bytes read of a message not all there go to the loop, which finishes it; so does a message read for a get
     * cancelled meanwhile (it goes to the next get). Polls in short slices, so that a settling by another thread (a
     * cancel, a close) is seen soon. Returns with the get done, or with the loop in charge of it again: when the
     * wait is up, the thread is interrupted, or the loop must read (it holds bytes, the socket is at its end or in
     * error).
     *
     * @param waitNanos how long the caller is willing to block, {@link Long#MAX_VALUE} for as long as it takes
     */
    void awaitOnCaller(PendingGet<T> get, long waitNanos) {
        if (get.isDone()
                || !CALLER_WAITS
                || EventLoops.inGipcLoop()
                || isVirtualThread()
                || state.pendingGets() != 1
                || holdsInput
                || handedOver != null
                || !get.claimForCaller()) {
            return;
        }
        long start = System.nanoTime();
        try {
            int fd = ((UnixChannel) channel).fd().intValue();
            for (int slice = 1; !get.isDone(); slice = Math.min(2 * slice, MAX_POLL_SLICE_MILLIS)) {
                long now = System.nanoTime();
                long left = waitNanos == Long.MAX_VALUE ? Long.MAX_VALUE : waitNanos - (now - start);
                if (get.hasTimeout()) {
                    if (get.nanosLeft(now) <= 0) {
                        // No byte of its message was read: the loop's timer fails it at once (resumeOnLoop), so
                        // that a timeout completes a get on its event loop, wherever the get was waited on.
                        return;
                    }
                    left = Math.min(left, get.nanosLeft(now));
                }
                if (left <= 0 || Thread.currentThread().isInterrupted() || state.isClosed()) {
                    return;
                }
                int millis = (int) Math.min(slice, left / 1_000_000 + 1); // at least 1: never a busy loop
                // Bytes a direct read kept may hold the message: the socket may never be readable for it.
                if ((directReads.holdsBytes() || Readiness.awaitReadable(fd, millis)) && !readForCaller(get)) {
                    return;
                }
            }
        } finally {
            get.releaseFromCaller();
            if (!get.isDone() || state.pendingGets() > 0 || handedOver != null) {
                resumeOnLoop(get);
            }
        }
    }

    /**
     * On the caller's thread, the socket having something to read: reads {@code get}'s message with the socket's
     * token, as a direct {@code get()} does.
     *
     * @return true if the caller may wait on (nothing was read, the get is done); false if the loop takes over
     */
    private boolean readForCaller(PendingGet<T> get) {
        if (!takeSocketForCaller(get)) {
            return true; // the get was settled meanwhile
        }
        if (holdsInput || handedOver != null || get.isDone() || state.isClosed()) {
            socketReader.set(IDLE);
            return get.isDone();
        }
        byte[] payload;
        try {
            payload = directReads.readMessage(((UnixChannel) channel).fd(), channel.alloc());
        } catch (RuntimeException | Error e) {
            socketReader.set(IDLE);
            throw e;
        }
        if (payload == null) {
            handedOver = directReads.takeLeftover(); // a message begun, or null: readable, and yet nothing
            socketReader.set(IDLE);
            return false; // the loop finishes the message, or reports the end of the stream or the error
        }
        if (!get.reserve()) {
            // for the next get: this one was settled meanwhile (bytes kept behind it follow it to the loop)
            handedOver = DirectReads.Leftover.plain(framed(payload));
            releaseSocketAfterDirectRead();
            return false;
        }
        releaseSocketAfterDirectRead();
        decoding.completeReserved(get, payload);
        return true;
    }

    /** @return a message read directly, framed again as on the wire for the loop */
    private static ByteBuf framed(byte[] payload) {
        return Unpooled.buffer(FrameAssembler.HEADER_BYTES + payload.length)
                .writeInt(payload.length)
                .writeBytes(payload);
    }

    /** Takes the socket's token from the loop (which holds it for a few system calls, or while it serves gets). */
    private boolean takeSocketForCaller(PendingGet<T> get) {
        for (int spins = 0; !socketReader.compareAndSet(IDLE, DIRECT_READING); spins++) {
            if (get.isDone()) {
                return false;
            }
            if (spins < 64) {
                Thread.onSpinWait();
            } else if (spins < 128) {
                Thread.yield();
            } else {
                LockSupport.parkNanos(20_000);
            }
        }
        return true;
    }

    /** The caller stopped waiting on the socket: the loop takes in what it left, and serves the gets. */
    private void resumeOnLoop(PendingGet<T> get) {
        try {
            loop().execute(() -> {
                boolean begun = handedOver != null || frames.hasPartialFrame();
                if (get.takeForLoop() && !begun) {
                    get.startTimer();
                }
                serve();
            });
        } catch (RejectedExecutionException e) {
            DirectReads.Leftover left = handedOver;
            handedOver = null;
            if (left != null) {
                left.discard();
            }
            get.failWith(new GipcException("reading from " + handleName + " failed: its event loop was shut down", e));
        }
    }

    private static boolean isVirtualThread() {
        if (IS_VIRTUAL == null) {
            return false;
        }
        try {
            return (boolean) IS_VIRTUAL.invokeExact(Thread.currentThread());
        } catch (Throwable e) {
            return false;
        }
    }

    /**
     * Gives the loop the bytes a direct read took (they come before anything the loop reads later), then the get.
     * Called holding the token, which the caller gives back right after.
     */
    private void handOver(PendingGet<T> get, DirectReads.Leftover bytes) {
        get.takeForLoop(); // its message has begun: the loop finishes it, whoever blocks on the get
        handedOver = bytes;
        arriving.add(get); // before the token goes: a get made after this one queues behind it
        socketReader.set(IDLE);
        try {
            loop().execute(() -> {
                takeHandedOver();
                serve();
            });
        } catch (RejectedExecutionException e) {
            arriving.remove(get);
            DirectReads.Leftover left = handedOver;
            handedOver = null;
            if (left != null) {
                left.discard();
            }
            get.failWith(new GipcException("reading from " + handleName + " failed: its event loop was shut down", e));
        }
    }

    /** On the loop: bytes a direct read left go into the frames before anything else. */
    private void takeHandedOver() {
        DirectReads.Leftover bytes = handedOver;
        if (bytes != null) {
            bytes.feed(frames);
            state.heldDescriptors(frames.heldDescriptors());
            holdsInput = true; // before the slot is emptied: a caller that sees it empty sees this too
            handedOver = null;
        }
    }

    /** On the loop: a get made on the loop, after those made before it on other threads. */
    private void enqueue(PendingGet<T> get) {
        takeArriving();
        admit(get);
        serve();
    }

    /** On the loop: takes in the gets made off the loop, in order. */
    private void takeArriving() {
        PendingGet<T> get;
        while ((get = arriving.poll()) != null) {
            admit(get);
        }
    }

    private void admit(PendingGet<T> get) {
        if (get.isDone()) {
            return; // cancelled before it reached the loop
        }
        dropSettledHeads();
        gets.add(get);
        boolean firstByteAlreadyHere = gets.size() == 1 && frames.hasPartialFrame();
        if (get.takeForLoop() && !firstByteAlreadyHere) {
            get.startTimer(); // a get whose caller waits on the socket has no timer: the caller keeps the time
        }
    }

    /** On the loop, from any thread's cancel(): forgets a withdrawn get. */
    void withdraw(PendingGet<T> get) {
        EventLoop loop = loop();
        if (loop.inEventLoop()) {
            forget(get);
        } else {
            loop.execute(() -> forget(get));
        }
    }

    void timedOut(PendingGet<T> get) {
        if (get.failWith(get.timeoutException())) {
            gets.remove(get);
        }
    }

    private void forget(PendingGet<T> get) {
        get.stopTimer();
        gets.remove(get);
        serve();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf bytes = (ByteBuf) msg;
        boolean filled = !bytes.isWritable();
        try {
            frames.add(bytes);
        } finally {
            bytes.release();
        }
        if (filled && socketReader.get() == LOOP_READING) {
            readBatchForGets();
        }
        serve();
    }

    /** On the loop: whether a caller must leave the socket alone because the loop holds something gets must see. */
    private void updateHoldsInput() {
        holdsInput =
                decoding.busy() || frames.hasCompleteFrame() || frames.hasPartialFrame() || terminalFailure() != null;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == ChannelInputShutdownReadComplete.INSTANCE) {
            inputEnded = true;
            serve();
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause == ReadSkipped.INSTANCE) {
            // Not an error. While gets wait, serve() keeps the read requested, so the rest of a section wakes the
            // loop (the socket is empty now: level-triggered epoll does not spin); a reserved handle has none.
            serve();
            return;
        }
        if (isConnectionReset(cause)) {
            // The other end closed with bytes of its own unread: an AF_UNIX socket then resets its peer instead of
            // ending its stream. The kernel hands over every byte the other end sent before the reset, so for this
            // reader it is the end of the stream (a message cut short by it is still reported as interrupted).
            inputEnded = true;
        } else if (readFailure == null) {
            readFailure = new GipcException("reading from " + handleName + " failed: " + cause, cause);
        }
        serve();
    }

    private static boolean isConnectionReset(Throwable cause) {
        return cause instanceof Errors.NativeIoException
                && ((Errors.NativeIoException) cause).expectedErr() == Errors.ERRNO_ECONNRESET_NEGATIVE;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        inputEnded = true;
        serve();
        closeHeldDescriptors();
        ctx.fireChannelInactive();
    }

    /** The reader is closed: descriptors of messages it will never deliver are closed with it. */
    void closeHeldDescriptors() {
        frames.closeDescriptors();
        state.heldDescriptors(0);
    }

    /** Matches complete frames to waiting gets, then fails or keeps reading for those left. */
    private void serve() {
        // The loop holds the socket's token while frames move to gets, and gives it back when the outermost serve()
        // ends (also within one of Netty's reads: the next read takes it again), with holdsInput true to the
        // frames: a caller woken by a get can then read its next message directly, and never one that comes after
        // a frame still held here (one put back by a get cancelled meanwhile, say).
        if (serving++ == 0) {
            takeSocketFromCaller();
        }
        try {
            serveGets();
        } finally {
            if (--serving == 0) {
                updateHoldsInput();
                socketReader.compareAndSet(LOOP_READING, IDLE);
                watchArriving();
            }
        }
    }

    /**
     * On the loop, after serving: says whether gets made off the loop from now on need to tell it. Not reading, it
     * looks at {@link #arriving} once more after saying so: a get that came meanwhile, whose caller still saw it
     * reading, is served by a task (from the loop itself: no wake-up).
     */
    private void watchArriving() {
        loopWillServe.set(askedToRead);
        if (!askedToRead && !arriving.isEmpty() && loopWillServe.compareAndSet(false, true)) {
            loop().execute(serveTask);
        }
    }

    private void serveGets() {
        askedToRead = false;
        takeArriving();
        dropSettledHeads();
        while (!decoding.busy() && !gets.isEmpty() && frames.hasCompleteFrame()) {
            PendingGet<T> get = gets.poll();
            if (get.isDone()) {
                continue;
            }
            get.stopTimer();
            Frame frame = frames.pollCompleteFrame();
            Frame undelivered = deliver(get, frame);
            if (undelivered != null) {
                frames.pushBackFrame(undelivered); // cancelled meanwhile: the message goes to the next get
            }
            state.heldDescriptors(frames.heldDescriptors());
        }
        dropSettledHeads();
        if (gets.isEmpty() || (decoding.busy() && abortFailure == null)) {
            return; // while a message is decoded off the loop, the next ones wait: serve() runs again after it
        }
        GipcException failure = terminalFailure();
        if (failure != null) {
            PendingGet<T> get;
            while ((get = gets.poll()) != null) {
                get.stopTimer();
                get.failWith(failure);
            }
            return;
        }
        if (frames.hasPartialFrame()) {
            gets.peek().stopTimer(); // its message has begun: a message is never torn by a timeout
        }
        if (gets.peek().heldByCaller()) {
            return; // its caller waits on the socket and reads the message itself, then gives the loop the rest
        }
        askedToRead = true;
        channel.read();
    }

    /** Cancelled or timed-out gets whose removal has not reached the loop yet must not stand at the head. */
    private void dropSettledHeads() {
        while (!gets.isEmpty() && gets.peek().isDone()) {
            gets.poll().stopTimer();
        }
    }

    /** @return null if the get took the frame (its message, its failure, or a decode under way), else the frame */
    @SuppressWarnings("unchecked")
    private Frame deliver(PendingGet<T> get, Frame frame) {
        if (frame.decoded != null) {
            return get.deliver((T) frame.decoded) ? null : frame;
        }
        if (frame.fds != null) {
            return deliverWithHandles(get, frame);
        }
        return decoding.deliver(get, frame.payload, loop(), () -> frames.pushBackFrame(frame)) ? null : frame;
    }

    /**
     * Rebuilds the handles a message carried and decodes it. Every descriptor of it is either in a handle the get
     * returns or closed; a failure fails this get only, and the next message follows.
     */
    @SuppressWarnings("unchecked")
    private Frame deliverWithHandles(PendingGet<T> get, Frame frame) {
        GipcException failure;
        if (frame.descriptorProblem != null) {
            failure = new GipcException(frame.descriptorProblem);
        } else if (!DefaultCodec.isDefault(decoder)) {
            failure = new GipcCodecException("a message on " + handleName + " carries " + frame.fds.length
                    + " handle(s), and only the default codec receives handles; this reader "
                    + (decoder == null
                            ? "is raw"
                            : "decodes with " + decoder.getClass().getName())
                    + ": the handles were closed and the message dropped");
        } else {
            HandleMessage.Decoded decoded;
            try {
                decoded = HandleMessage.decode(frame.payload, frame.fds, handleName, decoder);
            } catch (GipcException e) {
                get.failWith(e); // its descriptors are closed: nothing to put back
                return null;
            }
            return get.deliver((T) decoded.value()) ? null : Frame.decoded(decoded.value(), decoded.handles());
        }
        ScmRights.closeAll(frame.fds);
        get.failWith(failure);
        return null;
    }

    /** On the loop: the handle is closed by force; every get waiting fails with {@code failure}. */
    void abort(GipcException failure) {
        abortFailure = failure;
        decoding.abort(failure);
        serve();
    }

    /** Why every get still waiting must fail now, or null while more may arrive. */
    private GipcException terminalFailure() {
        if (abortFailure != null) {
            return abortFailure;
        }
        if (frames.corruption() != null) {
            return frames.corruption();
        }
        if (readFailure != null) {
            return readFailure;
        }
        if (inputEnded) {
            if (frames.hasPartialFrame()) {
                return new GipcException(
                        "message interrupted on " + handleName + ": the stream ended " + frames.describePartialFrame());
            }
            return new GipcEofException("end of stream on " + handleName + ": the other end is closed and every"
                    + " message it sent was read");
        }
        return null;
    }

    /**
     * On the loop: what a child taking over this reader must read first.
     *
     * @throws FrameAssembler.HeldDescriptorsException if it holds descriptors of a message not delivered
     */
    byte[] unreadBytes() {
        boolean taken = socketReader.get() != LOOP_READING; // else this loop holds it already, in a read or a serve
        takeSocketFromCaller(); // and with it what a direct read kept, which comes first
        try {
            return frames.unreadBytes();
        } finally {
            if (taken) {
                socketReader.compareAndSet(LOOP_READING, IDLE);
            }
        }
    }

    /** @return the caller's-thread reads of this reader, for tests */
    DirectReads directReads() {
        return directReads;
    }
}
