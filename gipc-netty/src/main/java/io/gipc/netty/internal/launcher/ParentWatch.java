package io.gipc.netty.internal.launcher;

import java.util.Optional;

/**
 * Tells a daemon child that its parent is gone: a daemon thread looks at the child's parent every
 * {@value #PERIOD_MILLIS} ms, and once it is no longer the process that started the child (the OS gave the
 * orphan to another process), runs the given action. It waits in {@link Thread#sleep}, never inside a native
 * call, so that it does not hold up the JVM's exit (which waits up to 300 ms for threads inside native code).
 */
final class ParentWatch {
    /** How often the parent is looked at. */
    static final long PERIOD_MILLIS = 50;

    private final Thread thread;

    private ParentWatch(Thread thread) {
        this.thread = thread;
    }

    /**
     * Starts watching.
     *
     * @param parentPid the pid of the process that started this one
     * @param parentGone run once, on the watch's thread, when the parent is gone (at once if it already is)
     * @return the watch
     */
    static ParentWatch start(long parentPid, Runnable parentGone) {
        Thread t = new Thread(
                () -> {
                    try {
                        while (isParent(parentPid)) {
                            Thread.sleep(PERIOD_MILLIS);
                        }
                        parentGone.run();
                    } catch (InterruptedException e) {
                        // stopped
                    }
                },
                "gipc-parent-watch");
        t.setDaemon(true);
        t.start();
        return new ParentWatch(t);
    }

    /** Stops watching: the child no longer ends with its parent. */
    void stop() {
        thread.interrupt();
    }

    private static boolean isParent(long pid) {
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        return parent.isPresent() && parent.get().pid() == pid;
    }
}
