package io.gipc.netty.internal.posix;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.StringArray;
import com.sun.jna.ptr.IntByReference;

/**
 * posix_spawn(3), its file actions and attributes, and the sigset operations they need, bound through JNA.
 *
 * <p>Every {@code posix_spawn*} call returns 0 or an error number (it does not set errno). The opaque
 * {@code posix_spawn_file_actions_t}, {@code posix_spawnattr_t} and {@code sigset_t} objects are passed as
 * pointers to memory the caller allocates generously (see {@link #OPAQUE_SIZE}): glibc keeps a struct there,
 * macOS a pointer.
 */
public interface PosixSpawn extends Library {
    /**
     * @return the C library of this process, loaded on first use
     * @throws io.gipc.GipcException if JNA cannot load it, naming the cause
     */
    static PosixSpawn get() {
        return Loaded.BINDING.get();
    }

    /** Holds the binding, so that it loads when first used and not with the interface's constants. */
    final class Loaded {
        /** The binding, or why it could not load. */
        static final CLibraryBinding<PosixSpawn> BINDING = new CLibraryBinding<>(PosixSpawn.class);

        private Loaded() {
        }
    }

    /** Bytes to allocate for each opaque object; far above what any supported C library uses. */
    int OPAQUE_SIZE = 1024;
    /** posix_spawnattr flag: reset the signals of the default set to their default action. */
    short POSIX_SPAWN_SETSIGDEF = 0x04;
    /** posix_spawnattr flag: set the child's signal mask. */
    short POSIX_SPAWN_SETSIGMASK = 0x08;
    /** macOS only: close every descriptor that no file action names (macOS has no addclosefrom_np). */
    short POSIX_SPAWN_CLOEXEC_DEFAULT = 0x4000;

    /**
     * posix_spawn(3).
     *
     * @param pid receives the child's pid
     * @param path an absolute path to the executable
     * @param fileActions initialized file actions, or null
     * @param attr initialized attributes, or null
     * @param argv the arguments, argv[0] first (JNA adds the terminating NULL)
     * @param envp the environment as {@code KEY=VALUE} strings
     * @return 0, or an error number
     */
    int posix_spawn(IntByReference pid, String path, Pointer fileActions, Pointer attr, StringArray argv,
                    StringArray envp);

    /**
     * posix_spawn_file_actions_init(3).
     *
     * @param fileActions memory of {@link #OPAQUE_SIZE} bytes
     * @return 0, or an error number
     */
    int posix_spawn_file_actions_init(Pointer fileActions);

    /**
     * posix_spawn_file_actions_destroy(3).
     *
     * @param fileActions initialized file actions
     * @return 0, or an error number
     */
    int posix_spawn_file_actions_destroy(Pointer fileActions);

    /**
     * posix_spawn_file_actions_adddup2(3): in the child, {@code dup2(fd, newfd)}, which clears close-on-exec.
     *
     * @param fileActions initialized file actions
     * @param fd the source descriptor
     * @param newfd the number it gets in the child
     * @return 0, or an error number
     */
    int posix_spawn_file_actions_adddup2(Pointer fileActions, int fd, int newfd);

    /**
     * posix_spawn_file_actions_addopen(3): in the child, {@code open(path, oflag, mode)} as descriptor
     * {@code fd} (closing what was there).
     *
     * @param fileActions initialized file actions
     * @param fd the descriptor the file gets in the child
     * @param path the file
     * @param oflag the flags of open(2)
     * @param mode the permissions of a file it creates, before the umask
     * @return 0, or an error number
     */
    int posix_spawn_file_actions_addopen(Pointer fileActions, int fd, String path, int oflag, int mode);

    /**
     * posix_spawn_file_actions_addclose(3).
     *
     * @param fileActions initialized file actions
     * @param fd the descriptor to close in the child
     * @return 0, or an error number
     */
    int posix_spawn_file_actions_addclose(Pointer fileActions, int fd);

    /**
     * posix_spawn_file_actions_addclosefrom_np (glibc 2.34 and later): in the child, close every descriptor
     * from {@code from} up.
     *
     * @param fileActions initialized file actions
     * @param from the lowest descriptor to close
     * @return 0, or an error number
     */
    int posix_spawn_file_actions_addclosefrom_np(Pointer fileActions, int from);

    /**
     * posix_spawn_file_actions_addchdir_np (glibc 2.29 and later, macOS 10.15 and later): in the child,
     * {@code chdir(path)}.
     *
     * @param fileActions initialized file actions
     * @param path the directory
     * @return 0, or an error number
     */
    int posix_spawn_file_actions_addchdir_np(Pointer fileActions, String path);

    /**
     * posix_spawnattr_init(3).
     *
     * @param attr memory of {@link #OPAQUE_SIZE} bytes
     * @return 0, or an error number
     */
    int posix_spawnattr_init(Pointer attr);

    /**
     * posix_spawnattr_destroy(3).
     *
     * @param attr initialized attributes
     * @return 0, or an error number
     */
    int posix_spawnattr_destroy(Pointer attr);

    /**
     * posix_spawnattr_setflags(3).
     *
     * @param attr initialized attributes
     * @param flags an or of the {@code POSIX_SPAWN_*} flags
     * @return 0, or an error number
     */
    int posix_spawnattr_setflags(Pointer attr, short flags);

    /**
     * posix_spawnattr_setsigmask(3).
     *
     * @param attr initialized attributes
     * @param sigset the child's signal mask
     * @return 0, or an error number
     */
    int posix_spawnattr_setsigmask(Pointer attr, Pointer sigset);

    /**
     * posix_spawnattr_setsigdefault(3).
     *
     * @param attr initialized attributes
     * @param sigset the signals whose action is reset to the default in the child
     * @return 0, or an error number
     */
    int posix_spawnattr_setsigdefault(Pointer attr, Pointer sigset);

    /**
     * sigemptyset(3).
     *
     * @param sigset memory of {@link #OPAQUE_SIZE} bytes
     * @return 0, or -1 with errno set
     */
    int sigemptyset(Pointer sigset);

    /**
     * sigfillset(3); the C library leaves out the signals it reserves for itself.
     *
     * @param sigset memory of {@link #OPAQUE_SIZE} bytes
     * @return 0, or -1 with errno set
     */
    int sigfillset(Pointer sigset);
}
