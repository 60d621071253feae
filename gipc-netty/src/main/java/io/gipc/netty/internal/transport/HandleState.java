package io.gipc.netty.internal.transport;

import io.gipc.GipcClosedException;
import io.gipc.GipcLockedException;

/**
 * The lifecycle of one handle as its users see it: open or closed, and how many operations are pending
 * (the handle is locked while any is). Guarded by its own monitor so that close() decides from one consistent
 * view, whatever the event loop is doing.
 */
final class HandleState {
    /** What a pending operation is, for {@link #describe()}. */
    enum Op {
        /** A {@code get()}. */
        GET,
        /** A {@code put()}. */
        PUT
    }

    private final String handleName;
    private int pending;
    private int pendingGets;
    /** Threads in {@link #awaitSettlingPuts(long)} waiting for puts to settle: only then does a settle notify. */
    private int closersWaiting;

    private long lockedSince;
    private boolean closed;
    /** Set while the handle is being handed on: no new operation may start. */
    private boolean transferring;
    /** Where it is being handed: "a child process", or "a message on GipcWriter#5 (fd 12)". */
    private String transferTarget;
    /** Descriptors of messages this reader received and has not delivered (they close with it). */
    private volatile int heldDescriptors;

    HandleState(String handleName) {
        this.handleName = handleName;
    }

    /** Starts an operation: the handle is locked until {@link #endOperation(Op)}. */
    synchronized void beginOperation(Op op) {
        checkOpen();
        if (transferring) {
            throw new GipcLockedException(handleName + " is being transferred to " + transferTarget);
        }
        if (pending == 0) {
            lockedSince = System.nanoTime();
        }
        pending++;
        if (op == Op.GET) {
            pendingGets++;
        }
    }

    synchronized void endOperation(Op op) {
        if (pending <= 0 || (op == Op.GET && pendingGets <= 0)) {
            throw new IllegalStateException("operation count of " + handleName + " went below zero");
        }
        pending--;
        if (op == Op.GET) {
            pendingGets--;
        }
        if (pending == 0 && closersWaiting > 0) {
            notifyAll();
        }
    }

    /**
     * The state as {@code toString()} shows it.
     *
     * @return {@code [open]}, {@code [closed]}, or e.g. {@code [locked: 1 get() and 2 put() pending for 1.5 s]}
     */
    synchronized String describe() {
        if (pending == 0 || closed) {
            String s = closed ? "closed" : transferring ? "open, being transferred to " + transferTarget : "open";
            return "[" + s + (pending > 0 ? ", " + operations() + " still pending" : "") + held() + "]";
        }
        long millis = (System.nanoTime() - lockedSince) / 1_000_000;
        return "[locked: " + operations() + " pending for " + millis / 1000 + "." + millis % 1000 / 100 + " s" + held()
                + "]";
    }

    private String held() {
        int n = heldDescriptors;
        return n == 0 || closed
                ? ""
                : ", holding " + n + " received descriptor" + (n == 1 ? "" : "s") + " of a message not yet read";
    }

    /** From the reader's loop: how many received descriptors it holds, for {@link #describe()}. */
    void heldDescriptors(int n) {
        heldDescriptors = n;
    }

    private String operations() {
        int puts = pending - pendingGets;
        String gets = pendingGets + " get()";
        String put = puts + " put()";
        return pendingGets == 0 ? put : puts == 0 ? gets : gets + " and " + put;
    }

    /** @return how many get()s are pending, the caller's own included */
    synchronized int pendingGets() {
        return pendingGets;
    }

    synchronized void checkOpen() {
        if (closed) {
            throw new GipcClosedException(handleName + " is closed");
        }
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** @return whether the handle is reserved for a transfer that has not ended */
    synchronized boolean isTransferring() {
        return transferring;
    }

    synchronized boolean isLocked() {
        return pending > 0;
    }

    /**
     * Marks the handle closed if it is open and idle.
     *
     * @throws GipcClosedException if already closed
     * @throws GipcLockedException if an operation is pending
     */
    synchronized void markClosed() {
        markClosed(0);
    }

    /**
     * Marks the handle closed if it is open and idle, first waiting up to {@code maxWaitNanos} while only puts
     * are pending. A put settles just after its last byte reaches the kernel, so the peer may already have read
     * it (and told this process so) while the put is still counted: a close that follows it closely is not a
     * close during a put, and waits the few microseconds it takes to settle. A put still waiting for room in the
     * socket after that time locks the handle as before.
     *
     * @throws GipcClosedException if already closed
     * @throws GipcLockedException if an operation is pending
     */
    synchronized void markClosed(long maxWaitNanos) {
        checkOpen();
        awaitSettlingPuts(maxWaitNanos);
        checkOpen();
        if (pending > 0 || transferring) {
            throw new GipcLockedException("cannot close " + handleName + ": "
                    + (transferring
                            ? "it is being transferred to " + transferTarget
                            : pending + " get()/put() pending"));
        }
        closed = true;
    }

    /**
     * Waits up to {@code maxWaitNanos} while only puts are pending (see {@link #markClosed(long)}): returns at
     * once if nothing is pending, or a get is, or the handle is being transferred.
     */
    synchronized void awaitSettlingPuts(long maxWaitNanos) {
        if (pending == 0 || pendingGets > 0 || transferring || maxWaitNanos <= 0) {
            return;
        }
        long deadline = System.nanoTime() + maxWaitNanos;
        closersWaiting++;
        try {
            for (long left = maxWaitNanos; pending > 0 && left > 0; left = deadline - System.nanoTime()) {
                wait(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the caller finds the put still pending and says so
        } finally {
            closersWaiting--;
        }
    }

    /**
     * Marks the handle closed even if operations are pending (they are failed by the caller).
     *
     * @return true if this call closed it
     */
    synchronized boolean markForceClosed() {
        if (closed) {
            return false;
        }
        closed = true;
        return true;
    }

    /** Reserves the handle for a child process: see {@link #beginTransfer(String)}. */
    synchronized void beginTransfer() {
        beginTransfer("a child process");
    }

    /**
     * Reserves the handle for a transfer: open, idle, and no new operation until the transfer ends.
     *
     * @param target where it goes, for messages: "a child process", "a message on GipcWriter#5 (fd 12)"
     */
    synchronized void beginTransfer(String target) {
        if (closed) {
            throw new GipcClosedException("cannot transfer " + handleName + " to " + target + ": it is closed");
        }
        if (pending > 0 || transferring) {
            throw new GipcLockedException("cannot transfer " + handleName + " to " + target + ": "
                    + (transferring
                            ? "it is already being transferred to " + transferTarget
                            : pending + " get()/put() pending"));
        }
        transferring = true;
        transferTarget = target;
    }

    /** Ends a transfer: the handle is closed here if the child got it, usable again if not. */
    synchronized void endTransfer(boolean transferred) {
        transferring = false;
        if (transferred) {
            closed = true;
        }
    }
}
