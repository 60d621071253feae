package io.gipc.stress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The kernel's process table, read from {@code /proc} (Linux). Unlike {@link ProcessHandle#children()}, it shows
 * zombies too: a child that ended but was never reaped still has its {@code /proc} entry, in state {@code Z}.
 */
final class ProcessTable {
    private static final Path PROC = Path.of("/proc");

    /** One process as {@code /proc/<pid>/stat} shows it. */
    record Entry(long pid, char state, long parentPid, String command) {
        @Override
        public String toString() {
            return "process " + pid + " (" + command + ", state " + state + ")";
        }
    }

    private ProcessTable() {}

    /** Every process whose parent is this JVM, whatever its state. */
    static List<Entry> childrenOfThisJvm() {
        long self = ProcessHandle.current().pid();
        List<Entry> children = new ArrayList<>();
        try (Stream<Path> entries = Files.list(PROC)) {
            for (Path dir : (Iterable<Path>) entries::iterator) {
                String name = dir.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                Entry e = read(Long.parseLong(name));
                if (e != null && e.parentPid() == self) {
                    children.add(e);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + PROC, e);
        }
        return children;
    }

    /** Whether the kernel still has an entry for this pid (running, stopped or a zombie). */
    static boolean exists(long pid) {
        return Files.exists(PROC.resolve(Long.toString(pid)));
    }

    /** The entry of a pid, or null if there is none (any more). */
    static Entry read(long pid) {
        String stat;
        try {
            stat = Files.readString(PROC.resolve(pid + "/stat"));
        } catch (NoSuchFileException gone) {
            return null;
        } catch (IOException e) {
            if (!exists(pid)) {
                return null; // it ended while we read
            }
            throw new IllegalStateException("cannot read /proc/" + pid + "/stat", e);
        }
        // "pid (command) state ppid ...": the command may hold spaces and parentheses, so split after the last ')'.
        int close = stat.lastIndexOf(')');
        String command = stat.substring(stat.indexOf('(') + 1, close);
        String[] fields = stat.substring(close + 2).split(" ");
        return new Entry(pid, fields[0].charAt(0), Long.parseLong(fields[1]), command);
    }
}
