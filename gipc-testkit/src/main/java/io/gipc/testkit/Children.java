package io.gipc.testkit;

import io.gipc.GProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The child processes of this JVM, gipc's and any other (a {@link ProcessBuilder}'s, say): found with
 * {@link ProcessHandle#children()}, named with {@link io.gipc.Gipc#activeChildren()} where gipc started them.
 */
final class Children {
    private static final int MAX_COMMAND = 160;

    private Children() {}

    /**
     * The pids of the live children now.
     *
     * @return the pids
     */
    static Set<Long> pids() {
        return ProcessHandle.current()
                .children()
                .filter(ProcessHandle::isAlive)
                .map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }

    /**
     * The live children whose pid is not in {@code before}.
     *
     * @param before pids seen earlier
     * @return the new children, by pid
     */
    static List<ProcessHandle> newSince(Set<Long> before) {
        return ProcessHandle.current()
                .children()
                .filter(ProcessHandle::isAlive)
                .filter(p -> !before.contains(p.pid()))
                .sorted()
                .collect(Collectors.toList());
    }

    /**
     * The live children, all of them.
     *
     * @return the children, by pid
     */
    static List<ProcessHandle> all() {
        return newSince(Set.of());
    }

    /**
     * Describes children for a failure message: a gipc child by its {@link GProcess} (name, pid, daemon), any
     * other by its pid and command line.
     *
     * @param children the children
     * @return one description per child
     */
    static List<String> describe(List<ProcessHandle> children) {
        Map<Long, GProcess> gipc = gipcChildren();
        List<String> result = new ArrayList<>();
        for (ProcessHandle p : children) {
            GProcess g = gipc.get(p.pid());
            result.add(g != null ? g.toString() : "process " + p.pid() + " (" + command(p) + ")");
        }
        return result;
    }

    /**
     * Sends SIGKILL to each child and to its descendants (first found, so that none is lost to reparenting).
     * A gipc child is killed through its {@link GProcess}, which never signals a recycled pid.
     *
     * @param children the children to kill
     */
    static void kill(List<ProcessHandle> children) {
        Map<Long, GProcess> gipc = gipcChildren();
        for (ProcessHandle p : children) {
            List<ProcessHandle> descendants = p.descendants().collect(Collectors.toList());
            GProcess g = gipc.get(p.pid());
            if (g != null) {
                g.kill();
            } else {
                p.destroyForcibly();
            }
            descendants.forEach(ProcessHandle::destroyForcibly);
        }
    }

    /**
     * Waits until none of the children is alive (ended and reaped by its parent).
     *
     * @param children the children
     * @param timeout how long to wait
     * @return the children still alive when the time was up
     * @throws InterruptedException if interrupted while waiting
     */
    static List<ProcessHandle> awaitGone(List<ProcessHandle> children, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ProcessHandle> alive = new ArrayList<>(children);
        while (true) {
            alive.removeIf(p -> !p.isAlive());
            if (alive.isEmpty() || System.nanoTime() > deadline) {
                return alive;
            }
            Thread.sleep(20);
        }
    }

    private static Map<Long, GProcess> gipcChildren() {
        Map<Long, GProcess> byPid = new HashMap<>();
        for (GProcess g : GipcAccess.activeChildren()) {
            byPid.put(g.pid(), g);
        }
        return byPid;
    }

    private static String command(ProcessHandle p) {
        String command =
                p.info().commandLine().orElseGet(() -> p.info().command().orElse("command unknown"));
        return command.length() <= MAX_COMMAND ? command : command.substring(0, MAX_COMMAND) + "...";
    }
}
