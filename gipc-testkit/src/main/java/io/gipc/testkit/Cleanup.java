package io.gipc.testkit;

import io.gipc.GipcException;
import io.gipc.GipcHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Frees what a test left behind, and says what it freed: kills child processes, closes raw peers, closes
 * handles (by force when an operation stays pending).
 */
final class Cleanup {
    /** How long a killed child gets to be reaped. */
    private static final Duration REAP_WAIT = Duration.ofSeconds(10);
    /** How long a locked handle gets to end its operation (a get() whose peer just closed ends with EOF). */
    private static final long UNLOCK_WAIT_MILLIS = 2_000;

    private Cleanup() {}

    /**
     * Kills children and their descendants, and waits for them to be reaped.
     *
     * @param children the children
     * @return a note on those still alive after the wait, or an empty string
     * @throws InterruptedException if interrupted while waiting
     */
    static String killChildren(List<ProcessHandle> children) throws InterruptedException {
        if (children.isEmpty()) {
            return "";
        }
        Children.kill(children);
        List<ProcessHandle> alive = Children.awaitGone(children, REAP_WAIT);
        return alive.isEmpty()
                ? ""
                : "; still alive " + REAP_WAIT.toSeconds() + " s after SIGKILL: " + Children.describe(alive);
    }

    /**
     * Closes raw peers, and their handles where those can be closed.
     *
     * @param peers the raw peers
     */
    static void closeRawPeers(List<RawPeer<?>> peers) {
        for (RawPeer<?> p : peers) {
            try {
                p.close();
            } catch (GipcException stillLocked) {
                // its handle is among the handles, closed by force below
            }
        }
    }

    /**
     * Closes handles after a test: those idle at once, then those locked once their operation ends (a
     * {@code get()} whose other end was just closed ends with end of stream), and by force those whose operation
     * is still pending after a short wait.
     *
     * @param handles the handles
     * @param reason why, given to the operations failed by a forced close
     * @return a description of each handle closed by force
     * @throws InterruptedException if interrupted while waiting
     */
    static List<String> closeHandles(List<GipcHandle> handles, String reason) throws InterruptedException {
        List<GipcHandle> locked = new ArrayList<>();
        for (GipcHandle h : handles) {
            if (!tryClose(h)) {
                locked.add(h);
            }
        }
        long deadline = System.nanoTime() + UNLOCK_WAIT_MILLIS * 1_000_000L;
        while (!locked.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            locked.removeIf(Cleanup::tryClose);
        }
        return forceClose(locked, reason);
    }

    /**
     * Closes the handles of a hung test: those locked by force first, so that the operation the test waits for
     * fails with the reason (not with an end of stream caused by closing its other end), then the others.
     *
     * @param handles the handles
     * @param reason why, given to the operations failed
     * @return a description of each handle closed by force
     */
    static List<String> closeHandlesNow(List<GipcHandle> handles, String reason) {
        List<GipcHandle> locked = new ArrayList<>();
        for (GipcHandle h : handles) {
            if (h.isLocked()) {
                locked.add(h);
            }
        }
        List<String> forced = forceClose(locked, reason);
        for (GipcHandle h : handles) {
            if (!tryClose(h)) {
                forced.addAll(forceClose(List.of(h), reason));
            }
        }
        return forced;
    }

    private static List<String> forceClose(List<GipcHandle> handles, String reason) {
        List<String> forced = new ArrayList<>();
        for (GipcHandle h : handles) {
            String before = h.toString();
            if (GipcAccess.forceClose(h, reason)) {
                forced.add(before);
            }
        }
        return forced;
    }

    /** Closes a handle if it is open and idle; true if it is closed now. */
    private static boolean tryClose(GipcHandle h) {
        if (h.isClosed()) {
            return true;
        }
        if (h.isLocked()) {
            return false;
        }
        try {
            h.close();
            return true;
        } catch (GipcException closedOrLockedMeanwhile) {
            return h.isClosed();
        }
    }
}
