package io.gipc.netty.internal.transport;

import io.gipc.GipcClosedException;
import io.gipc.GipcLockedException;

/**
 * The lifecycle of one handle as its users see it: open or closed, and how many operations are pending
 * (the handle is locked while any is). Guarded by its own monitor so that close() decides from one consistent
 * view, whatever the event loop is doing.
 */
final class HandleState {
    private final String handleName;
    private int pending;
    private boolean closed;
    /** Set while the handle is being handed to a child: no new operation may start. */
    private boolean transferring;

    HandleState(String handleName) {
        this.handleName = handleName;
    }

    /** Starts an operation: the handle is locked until {@link #endOperation()}. */
    synchronized void beginOperation() {
        checkOpen();
        if (transferring) {
            throw new GipcLockedException(handleName + " is being transferred to a child process");
        }
        pending++;
    }

    synchronized void endOperation() {
        if (pending <= 0) {
            throw new IllegalStateException("operation count of " + handleName + " went below zero");
        }
        pending--;
    }

    synchronized void checkOpen() {
        if (closed) {
            throw new GipcClosedException(handleName + " is closed");
        }
    }

    synchronized boolean isClosed() {
        return closed;
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
        checkOpen();
        if (pending > 0 || transferring) {
            throw new GipcLockedException("cannot close " + handleName + ": "
                    + (transferring ? "it is being transferred to a child process"
                    : pending + " get()/put() pending"));
        }
        closed = true;
    }

    /** Reserves the handle for a transfer: open, idle, and no new operation until the transfer ends. */
    synchronized void beginTransfer() {
        checkOpen();
        if (pending > 0 || transferring) {
            throw new GipcLockedException("cannot transfer " + handleName + " to a child process: "
                    + (transferring ? "it is already being transferred" : pending + " get()/put() pending"));
        }
        transferring = true;
    }

    /** Ends a transfer: the handle is closed here if the child got it, usable again if not. */
    synchronized void endTransfer(boolean transferred) {
        transferring = false;
        if (transferred) {
            closed = true;
        }
    }
}
