package io.gipc.testkit;

import io.gipc.GipcHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compares what is open after a test with its {@link Baseline}, cleans up what the test left, and says what
 * that was: child processes still running (killed), raw peers and gipc handles left open (closed), and
 * descriptors left open (named; the test kit cannot know whom they belong to, so it leaves them).
 *
 * <p>Children and descriptors get a while to settle first: a child that is ending, or a descriptor that an
 * event loop is closing, is not a leak.
 */
final class LeakCheck {
    private LeakCheck() {}

    /**
     * Checks and cleans up.
     *
     * @param before the baseline
     * @param settle how long children and descriptors get to come back to the baseline
     * @param reason what to tell the operations failed by a forced close
     * @return one line per kind of leak; empty if nothing leaked
     * @throws InterruptedException if interrupted while waiting
     */
    static List<String> run(Baseline before, Duration settle, String reason) throws InterruptedException {
        List<String> problems = new ArrayList<>();
        long deadline = System.nanoTime() + settle.toNanos();

        List<ProcessHandle> children = before.newChildren();
        while (!children.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            children = before.newChildren();
        }
        if (!children.isEmpty()) {
            List<String> described = Children.describe(children);
            String notes = Cleanup.killChildren(children);
            problems.add("left " + count(described.size(), "child process", "child processes")
                    + " running (killed now): " + String.join(", ", described) + notes);
        }

        List<RawPeer<?>> peers = before.newRawPeers();
        List<GipcHandle> handles = before.newHandles();
        if (!peers.isEmpty()) {
            List<String> described = new ArrayList<>();
            peers.forEach(p -> described.add(p.toString()));
            Cleanup.closeRawPeers(peers);
            problems.add("left " + count(described.size(), "raw peer", "raw peers") + " open (closed now): "
                    + String.join(", ", described));
        }
        if (!handles.isEmpty()) {
            List<String> described = new ArrayList<>();
            handles.forEach(h -> described.add(h.toString()));
            List<String> forced = Cleanup.closeHandles(handles, reason);
            problems.add("left " + count(described.size(), "gipc handle", "gipc handles") + " open (closed now"
                    + (forced.isEmpty()
                            ? ""
                            : ", " + forced.size() + " of them by force, failing the operations" + " pending on them")
                    + "): " + String.join(", ", described));
        }

        Map<Integer, String> now = OpenDescriptors.now();
        while (now.size() > before.descriptors().size() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            now = OpenDescriptors.now();
        }
        if (now.size() > before.descriptors().size()) {
            problems.add("left " + count(now.size() - before.descriptors().size(), "descriptor", "descriptors")
                    + " open: " + before.descriptors().size() + " before the test, " + now.size() + " "
                    + settle.toMillis() + " ms after it; new: "
                    + describe(OpenDescriptors.added(before.descriptors(), now)));
        }
        return problems;
    }

    /**
     * The failure message for a list of problems.
     *
     * @param what the test or class, as JUnit names it
     * @param problems what {@link #run} found
     * @return the message
     */
    static String message(String what, List<String> problems) {
        StringBuilder sb = new StringBuilder(what).append(" leaked:");
        for (String p : problems) {
            sb.append("\n  - ").append(p);
        }
        return sb.toString();
    }

    static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    private static String describe(Map<Integer, String> descriptors) {
        List<String> parts = new ArrayList<>();
        descriptors.forEach((fd, target) -> parts.add("fd " + fd + " -> " + target));
        return parts.isEmpty() ? "(renumbered; none new by number)" : String.join(", ", parts);
    }
}
