package io.gipc.netty.internal.process;

import com.sun.jna.Memory;
import com.sun.jna.StringArray;
import com.sun.jna.ptr.IntByReference;
import io.gipc.GipcException;
import io.gipc.netty.internal.posix.LibC;
import io.gipc.netty.internal.posix.Platform;
import io.gipc.netty.internal.posix.PosixConstants.Fcntl;
import io.gipc.netty.internal.posix.PosixConstants.Spawn;
import java.nio.file.Path;
import java.util.List;

/**
 * Spawns a process with posix_spawn(3) so that it inherits exactly stdin, stdout, stderr and the given
 * descriptors, renumbered 3, 4, ...; with an empty signal mask and every signal at its default action (a JVM's
 * threads block some signals, and a child would otherwise inherit that mask).
 *
 * <p>{@link ProcessBuilder} cannot do this: it closes every descriptor above 2 in the child.
 */
public final class Spawner {
    /** The first descriptor number a child gets for what it inherits. */
    public static final int FIRST_CHILD_FD = 3;

    private Spawner() {}

    /**
     * What to spawn.
     *
     * @param executable an absolute path to the program
     * @param argv the arguments, argv[0] first
     * @param environment the environment, as {@code KEY=VALUE} strings
     * @param workingDirectory the child's working directory, or null for this process's
     * @param inheritedFds the descriptors the child gets as 3, 4, ... in this order
     * @param stdout a file the child's descriptor 1 is opened on (created or truncated), or null to share this
     *        process's
     * @param stderr a file the child's descriptor 2 is opened on, or null to share this process's; the same file
     *        as {@code stdout} makes descriptor 2 a copy of 1 (both streams in order, as {@code 2>&1})
     */
    public record Spec(
            Path executable,
            List<String> argv,
            List<String> environment,
            Path workingDirectory,
            int[] inheritedFds,
            Path stdout,
            Path stderr) {
        /**
         * What to spawn, sharing this process's stdout and stderr.
         *
         * @param executable an absolute path to the program
         * @param argv the arguments, argv[0] first
         * @param environment the environment, as {@code KEY=VALUE} strings
         * @param workingDirectory the child's working directory, or null for this process's
         * @param inheritedFds the descriptors the child gets as 3, 4, ... in this order
         */
        public Spec(
                Path executable,
                List<String> argv,
                List<String> environment,
                Path workingDirectory,
                int[] inheritedFds) {
            this(executable, argv, environment, workingDirectory, inheritedFds, null, null);
        }
    }

    /**
     * Spawns the process.
     *
     * @param spec what to spawn
     * @return the child's pid
     * @throws GipcException naming the executable and the C library's reason if it cannot be spawned
     */
    public static int spawn(Spec spec) {
        if (!spec.executable().isAbsolute()) {
            throw new GipcException("cannot spawn " + spec.executable() + ": posix_spawn needs an absolute path");
        }
        Redirects.prepare(spec.stdout(), "standard output");
        Redirects.prepare(spec.stderr(), "standard error");
        LibC ps = LibC.get();
        Memory actions = new Memory(LibC.OPAQUE_SIZE);
        Memory attr = new Memory(LibC.OPAQUE_SIZE);
        Memory emptySet = new Memory(LibC.OPAQUE_SIZE);
        Memory fullSet = new Memory(LibC.OPAQUE_SIZE);
        check(ps.posix_spawn_file_actions_init(actions), "posix_spawn_file_actions_init", spec);
        try {
            check(ps.posix_spawnattr_init(attr), "posix_spawnattr_init", spec);
            try {
                addFileActions(actions, spec);
                short flags = (short) (Spawn.POSIX_SPAWN_SETSIGMASK | Spawn.POSIX_SPAWN_SETSIGDEF);
                if (Platform.current() == Platform.MACOS) {
                    flags |= Spawn.POSIX_SPAWN_CLOEXEC_DEFAULT;
                }
                ps.sigemptyset(emptySet);
                ps.sigfillset(fullSet);
                check(ps.posix_spawnattr_setflags(attr, flags), "posix_spawnattr_setflags", spec);
                check(ps.posix_spawnattr_setsigmask(attr, emptySet), "posix_spawnattr_setsigmask", spec);
                check(ps.posix_spawnattr_setsigdefault(attr, fullSet), "posix_spawnattr_setsigdefault", spec);
                IntByReference pid = new IntByReference();
                int err = ps.posix_spawn(
                        pid,
                        spec.executable().toString(),
                        actions,
                        attr,
                        new StringArray(spec.argv().toArray(new String[0])),
                        new StringArray(spec.environment().toArray(new String[0])));
                check(err, "posix_spawn", spec);
                return pid.getValue();
            } finally {
                ps.posix_spawnattr_destroy(attr);
            }
        } finally {
            ps.posix_spawn_file_actions_destroy(actions);
        }
    }

    /**
     * Moves each inherited descriptor to its number, then closes everything above. A source that is also one
     * of the target numbers is first copied above every number involved, or an earlier dup2 would clobber it;
     * a source already at its own number is copied too, since dup2 onto itself keeps close-on-exec set.
     */
    private static void addFileActions(Memory actions, Spec spec) {
        LibC ps = LibC.get();
        if (spec.workingDirectory() != null) {
            check(
                    ps.posix_spawn_file_actions_addchdir_np(
                            actions, spec.workingDirectory().toString()),
                    "posix_spawn_file_actions_addchdir_np(" + spec.workingDirectory() + ")",
                    spec);
        }
        int[] sources = spec.inheritedFds().clone();
        int n = sources.length;
        int end = FIRST_CHILD_FD + n;
        int parking = end;
        for (int fd : sources) {
            parking = Math.max(parking, fd + 1);
        }
        int[] parked = new int[n];
        int parkedCount = 0;
        for (int i = 0; i < n; i++) {
            if (sources[i] < 0) {
                throw new GipcException("cannot hand descriptor " + sources[i] + " to " + spec.executable());
            }
            for (int j = 0; j < i; j++) {
                if (spec.inheritedFds()[j] == spec.inheritedFds()[i]) {
                    throw new GipcException("descriptor " + sources[i] + " is listed twice for " + spec.executable());
                }
            }
            if (sources[i] >= FIRST_CHILD_FD && sources[i] < end) {
                int temp = parking++;
                check(ps.posix_spawn_file_actions_adddup2(actions, sources[i], temp), "adddup2", spec);
                sources[i] = temp;
                parked[parkedCount++] = temp;
            }
        }
        for (int i = 0; i < n; i++) {
            check(ps.posix_spawn_file_actions_adddup2(actions, sources[i], FIRST_CHILD_FD + i), "adddup2", spec);
        }
        for (int i = 0; i < parkedCount; i++) {
            check(ps.posix_spawn_file_actions_addclose(actions, parked[i]), "addclose", spec);
        }
        addRedirects(actions, spec);
        if (Platform.current() == Platform.LINUX) {
            check(ps.posix_spawn_file_actions_addclosefrom_np(actions, end), "addclosefrom_np", spec);
        }
        // macOS: POSIX_SPAWN_CLOEXEC_DEFAULT closes what no file action names.
    }

    /** Opens the redirected files as descriptors 1 and 2; the same file twice makes 2 a copy of 1. */
    private static void addRedirects(Memory actions, Spec spec) {
        LibC ps = LibC.get();
        int flags = Fcntl.O_WRONLY | Fcntl.O_CREAT | Fcntl.O_TRUNC;
        if (spec.stdout() != null) {
            check(
                    ps.posix_spawn_file_actions_addopen(
                            actions, 1, spec.stdout().toString(), flags, 0666),
                    "posix_spawn_file_actions_addopen(1, " + spec.stdout() + ")",
                    spec);
        }
        if (spec.stderr() != null) {
            if (Redirects.sameFile(spec.stdout(), spec.stderr())) {
                check(ps.posix_spawn_file_actions_adddup2(actions, 1, 2), "adddup2(1, 2)", spec);
            } else {
                check(
                        ps.posix_spawn_file_actions_addopen(
                                actions, 2, spec.stderr().toString(), flags, 0666),
                        "posix_spawn_file_actions_addopen(2, " + spec.stderr() + ")",
                        spec);
            }
        }
    }

    private static void check(int err, String call, Spec spec) {
        if (err != 0) {
            throw new GipcException(call + " failed for " + spec.executable() + ": "
                    + LibC.get().strerror(err) + " (errno " + err + ")");
        }
    }
}
