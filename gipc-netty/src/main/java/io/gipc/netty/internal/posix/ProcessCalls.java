package io.gipc.netty.internal.posix;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/**
 * The C library calls for watching, reaping and signalling processes, bound through JNA. Each returns -1 and
 * sets errno on failure (read it with {@link Native#getLastError()}).
 */
public interface ProcessCalls extends Library {
    /**
     * @return the C library of this process, loaded on first use
     * @throws io.gipc.GipcException if JNA cannot load it, naming the cause
     */
    static ProcessCalls get() {
        return Loaded.BINDING.get();
    }

    /** Holds the binding, so that it loads when first used and not with the interface's constants. */
    final class Loaded {
        /** The binding, or why it could not load. */
        static final CLibraryBinding<ProcessCalls> BINDING = new CLibraryBinding<>(ProcessCalls.class);

        private Loaded() {
        }
    }

    /** waitpid(2) option: return at once if the child has not changed state. */
    int WNOHANG = 1;
    /** errno: interrupted system call. */
    int EINTR = 4;
    /** errno: no such process. */
    int ESRCH = 3;
    /** errno: no child process (already reaped, or not ours). */
    int ECHILD = 10;
    /** errno: function not implemented (pidfd_open on a kernel older than 5.3). */
    int ENOSYS = 38;
    /** SIGHUP, the same on Linux and macOS. */
    int SIGHUP = 1;
    /** SIGINT, the same on Linux and macOS. */
    int SIGINT = 2;
    /** SIGKILL, the same on Linux and macOS. */
    int SIGKILL = 9;
    /** SIGTERM, the same on Linux and macOS. */
    int SIGTERM = 15;
    /** The system call number of pidfd_open on Linux, the same on every architecture (new since 5.3). */
    long SYS_PIDFD_OPEN = 434;

    /**
     * waitpid(2).
     *
     * @param pid the one child to wait for (never -1: that would reap children of the JDK's own)
     * @param status receives the wait status
     * @param options 0 or {@link #WNOHANG}
     * @return the pid, 0 if WNOHANG and still running, or -1 with errno set
     */
    int waitpid(int pid, IntByReference status, int options);

    /**
     * kill(2).
     *
     * @param pid the process
     * @param sig the signal
     * @return 0, or -1 with errno set
     */
    int kill(int pid, int sig);

    /**
     * syscall(2), for pidfd_open on Linux.
     *
     * @param number the system call number
     * @param args its arguments
     * @return what the call returns, or -1 with errno set
     */
    long syscall(long number, Object... args);

    /**
     * getpid(2).
     *
     * @return this process's pid
     */
    int getpid();

    /**
     * getppid(2).
     *
     * @return the parent's pid
     */
    int getppid();

    /**
     * signal(2), used to give a signal its default action ({@code SIG_DFL} is {@link Pointer#NULL}).
     *
     * @param sig the signal
     * @param handler the new handler
     * @return the previous handler, or {@code SIG_ERR}
     */
    Pointer signal(int sig, Pointer handler);
}
