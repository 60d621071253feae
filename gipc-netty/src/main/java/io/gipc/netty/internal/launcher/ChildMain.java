package io.gipc.netty.internal.launcher;

import io.gipc.GipcDuplex;
import io.gipc.GipcHandle;
import io.gipc.GipcTarget;
import io.gipc.GipcTarget0;
import io.gipc.GipcTarget1;
import io.gipc.GipcTarget2;
import io.gipc.GipcTarget3;
import io.gipc.GipcTarget4;
import io.gipc.netty.internal.codec.DefaultCodec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * The main class of every child JVM gipc starts. Its arguments are the numbers of the descriptors it
 * inherited: first its bootstrap pipe, then one per transferred handle.
 *
 * <p>It gives SIGTERM, SIGINT and SIGHUP their default action (as Python's gipc does; a stock JVM would turn
 * them into {@code exit(128 + N)}), reads the bootstrap message, rebuilds the handles and the arguments, and
 * runs the target on the main thread. When the target returns it waits until every message put on a handle
 * of this JVM is written, closes its handles and exits 0; a target that throws has its stack trace printed
 * and exits 1. A daemon child halts when its parent is gone. A child that cannot start its target says why on
 * stderr and exits with one of the {@link LauncherExitCodes}.
 *
 * <p>A child without handles whose target does not use gipc loads neither Netty nor JNA: the bootstrap message
 * comes through plain Java streams ({@link BootstrapReader}), the parent is watched without a native call
 * ({@link ParentWatch}), and the transport's part of the work is in {@link LauncherHandles}.
 */
public final class ChildMain {
    /** Set once the launcher is ending the child itself. */
    private static volatile boolean exiting;
    /** Whether the child halts when its parent is gone. */
    private static volatile boolean daemon;

    /**
     * System property gipc sets on the child that builds a class-data archive: it then brings up the transport
     * after its target, so that the archive holds Netty's classes for the children with handles that map it.
     */
    public static final String BUILDS_ARCHIVE_PROPERTY = "io.gipc.child.buildsArchive";

    private ChildMain() {}

    /**
     * Runs the child.
     *
     * @param args the inherited descriptor numbers: the bootstrap pipe, then the handles
     */
    public static void main(String[] args) {
        int code;
        try {
            code = run(args);
        } catch (QuietEnd q) {
            code = q.exitCode;
        } catch (LaunchFailure f) {
            System.err.println("gipc child launcher: " + f.getMessage());
            if (f.getCause() != null) {
                f.getCause().printStackTrace();
            }
            code = f.exitCode;
        } catch (Throwable t) {
            System.err.println("gipc child launcher: unexpected failure");
            t.printStackTrace();
            code = LauncherExitCodes.LAUNCHER_FAILURE;
        }
        // A JVM's exit waits up to 300 ms for threads inside native calls, and idle event loops sit in
        // epoll_wait: stopping gipc's own loops first makes the child's end (and join() in the parent) that much
        // sooner. Everything the target put was written and its handles are closed by now.
        exiting = true;
        if (TransportUse.inThisJvm()) {
            LauncherHandles.stopEventLoops();
        }
        // From JDK 21, System.exit first looks up a System.Logger to log the exit, which brings up the JDK's
        // logging: about 30 ms. When nothing else keeps the JVM alive, returning from main ends it the same way
        // (shutdown hooks run, exit code 0) without that.
        if (code != 0 || otherUserThreadsAlive()) {
            System.exit(code);
        }
    }

    /** Whether a thread other than this one keeps the JVM alive (a non-daemon thread the target left running). */
    private static boolean otherUserThreadsAlive() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 16];
        int n = root.enumerate(threads, true);
        if (n == threads.length) {
            return true; // more than counted: cannot tell, System.exit it is
        }
        for (int i = 0; i < n; i++) {
            Thread t = threads[i];
            if (t != Thread.currentThread() && !t.isDaemon() && t.isAlive()) {
                return true;
            }
        }
        return false;
    }

    private static int run(String[] args) throws Exception {
        resetSignals();
        // The inherited descriptors are not close-on-exec, and need not be: the JDK's process launching and
        // gipc's own spawning both close every descriptor a new process is not meant to have. Leaving them as
        // they are keeps JNA (about 185 ms to load) out of children that start no children of their own.
        int[] fds = parse(args);
        BootstrapReader.Received frame = receive(fds[0]);
        Bootstrap message = decodeBootstrap(frame.message(), fds.length - 1);
        daemon = message.daemon();
        // A daemon ends with its parent, even one killed by SIGKILL. (A spare is a daemon until its order says.)
        ParentWatch watch = daemon ? ParentWatch.start(frame.parentPid(), ChildMain::parentGone) : null;
        List<GipcHandle> handles = new ArrayList<>();
        for (int i = 0; i < message.handles().size(); i++) {
            try {
                handles.add(LauncherHandles.adopt(fds[1 + i], message.handles().get(i)));
            } catch (Exception | LinkageError e) {
                throw new LaunchFailure(
                        LauncherExitCodes.HANDLES_NOT_ADOPTABLE,
                        "cannot rebuild handle " + i + " on descriptor " + fds[1 + i] + ": " + e,
                        e);
            }
        }
        Object target = decodeTarget(message, handles);
        if (target instanceof SpareTarget) {
            SpareOrder order = awaitOrder(handles.get(0));
            message = new Bootstrap(
                    order.name(), order.daemon(), List.of(), order.target(), order.args(), order.kwargs());
            handles = order.handles();
            daemon = order.daemon();
            if (!daemon && watch != null) {
                watch.stop();
            }
            target = decodeTarget(message, handles);
        }
        List<Object> positional = new ArrayList<>();
        for (int i = 0; i < message.args().size(); i++) {
            positional.add(decodeArgument(message.args().get(i), handles, "argument " + i, message.name()));
        }
        Map<String, Object> keyword = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : message.kwargs().entrySet()) {
            keyword.put(
                    e.getKey(),
                    decodeArgument(e.getValue(), handles, "keyword argument '" + e.getKey() + "'", message.name()));
        }

        int code = 0;
        try {
            invoke(target, positional, keyword);
        } catch (Throwable t) {
            System.err.println("gipc: the target of " + message.name() + " failed:");
            t.printStackTrace();
            code = 1;
        }
        if (TransportUse.inThisJvm()) {
            LauncherHandles.settle(handles);
        } else if (Boolean.getBoolean(BUILDS_ARCHIVE_PROPERTY)) {
            SpareWarmUp.run(); // after the target: only this child's end waits for it
        }
        return code;
    }

    /** A daemon child's parent is gone: the child halts, unless it is on its way out already. */
    private static void parentGone() {
        if (daemon && !exiting) {
            Runtime.getRuntime().halt(LauncherExitCodes.PARENT_DIED);
        }
    }

    private static Object decodeTarget(Bootstrap message, List<GipcHandle> handles) {
        try {
            return DefaultCodec.decode(message.target(), handles::get);
        } catch (Exception | LinkageError e) {
            throw new LaunchFailure(
                    LauncherExitCodes.TARGET_NOT_LOADABLE,
                    "cannot rebuild the target of " + message.name() + ": " + e,
                    e);
        }
    }

    /**
     * A spare child: says it is ready on its control pipe, waits for its order there, and closes the pipe, so
     * that the target finds nothing of the spare's own but the bootstrap pipe every child keeps. The parent
     * closing the pipe instead (no more spares wanted) ends the spare quietly.
     */
    @SuppressWarnings("unchecked")
    private static SpareOrder awaitOrder(GipcHandle handle) throws InterruptedException {
        GipcDuplex<Object> control = (GipcDuplex<Object>) handle;
        Object order;
        try {
            SpareWarmUp.run();
            control.put(SpareTarget.READY).get();
            // Closed by the thread that delivers the order (the pipe's event loop, where a close needs no wait):
            // closing it from here would add two trips between this thread and the loop before the target runs.
            order = control.get().whenComplete((o, e) -> closeQuietly(control)).get();
        } catch (ExecutionException e) {
            throw new QuietEnd(LauncherExitCodes.SPARE_NOT_USED);
        } finally {
            closeQuietly(control);
        }
        if (!(order instanceof SpareOrder)) {
            throw new LaunchFailure(
                    LauncherExitCodes.BAD_BOOTSTRAP,
                    "a spare child's order is a "
                            + (order == null ? "null" : order.getClass().getName()) + ", not a SpareOrder",
                    null);
        }
        return (SpareOrder) order;
    }

    /** Closes the spare's control pipe unless the other path closed it already. */
    private static void closeQuietly(GipcDuplex<Object> control) {
        if (!control.isClosed()) {
            try {
                control.close();
            } catch (RuntimeException e) {
                // closed meanwhile by the other path: nothing left to do
            }
        }
    }

    /**
     * SIGTERM, SIGINT and SIGHUP end the child as they would end a C program, as in Python's gipc. The JVM's
     * own signal API installs the OS default action for {@code SIG_DFL} (no native binding to load).
     */
    private static void resetSignals() {
        for (String name : new String[] {"TERM", "INT", "HUP"}) {
            sun.misc.Signal.handle(new sun.misc.Signal(name), sun.misc.SignalHandler.SIG_DFL);
        }
    }

    private static int[] parse(String[] args) {
        if (args.length == 0) {
            throw new LaunchFailure(
                    LauncherExitCodes.BAD_COMMAND_LINE,
                    "no descriptor numbers given; this class" + " is started by gipc (Gipc.startProcess), not by hand",
                    null);
        }
        int[] fds = new int[args.length];
        for (int i = 0; i < args.length; i++) {
            try {
                fds[i] = Integer.parseInt(args[i]);
            } catch (NumberFormatException e) {
                throw new LaunchFailure(
                        LauncherExitCodes.BAD_COMMAND_LINE,
                        "argument " + i + " is '" + args[i] + "', not a descriptor number",
                        null);
            }
        }
        return fds;
    }

    private static BootstrapReader.Received receive(int fd) {
        try {
            return BootstrapReader.read(fd);
        } catch (IOException e) {
            throw new LaunchFailure(
                    LauncherExitCodes.NO_BOOTSTRAP,
                    "no bootstrap message from the parent on " + BootstrapReader.nameOf(fd) + ": " + e,
                    null);
        }
    }

    private static Bootstrap decodeBootstrap(byte[] bytes, int handleCount) {
        Bootstrap m;
        try {
            m = Bootstrap.fromBytes(bytes);
        } catch (IllegalArgumentException e) {
            throw new LaunchFailure(
                    LauncherExitCodes.BAD_BOOTSTRAP,
                    "cannot decode the bootstrap message (" + bytes.length + " bytes): " + e.getMessage(),
                    null);
        }
        if (m.handles().size() != handleCount) {
            throw new LaunchFailure(
                    LauncherExitCodes.BAD_BOOTSTRAP,
                    "the bootstrap message describes " + m.handles().size() + " handle(s) but " + handleCount
                            + " descriptor(s) were inherited",
                    null);
        }
        return m;
    }

    private static Object decodeArgument(byte[] bytes, List<GipcHandle> handles, String what, String name) {
        try {
            return DefaultCodec.decode(bytes, handles::get);
        } catch (RuntimeException | LinkageError e) {
            throw new LaunchFailure(
                    LauncherExitCodes.ARGUMENTS_NOT_DECODABLE, "cannot decode " + what + " of " + name + ": " + e, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static void invoke(Object target, List<Object> args, Map<String, Object> kwargs) throws Exception {
        if (target instanceof GipcTarget) {
            ((GipcTarget) target).run(Collections.unmodifiableList(args), Collections.unmodifiableMap(kwargs));
        } else if (target instanceof GipcTarget0) {
            ((GipcTarget0) target).run();
        } else if (target instanceof GipcTarget1) {
            ((GipcTarget1<Object>) target).run(args.get(0));
        } else if (target instanceof GipcTarget2) {
            ((GipcTarget2<Object, Object>) target).run(args.get(0), args.get(1));
        } else if (target instanceof GipcTarget3) {
            ((GipcTarget3<Object, Object, Object>) target).run(args.get(0), args.get(1), args.get(2));
        } else if (target instanceof GipcTarget4) {
            ((GipcTarget4<Object, Object, Object, Object>) target)
                    .run(args.get(0), args.get(1), args.get(2), args.get(3));
        } else {
            throw new IllegalStateException(
                    "the target is a " + target.getClass().getName() + ", not a GipcTarget0..4 or GipcTarget");
        }
    }

    /** An end without a word: a spare that no start took. */
    private static final class QuietEnd extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int exitCode;

        QuietEnd(int exitCode) {
            super(null, null, false, false);
            this.exitCode = exitCode;
        }
    }

    /** A reason to give up before the target runs, with its exit code. */
    private static final class LaunchFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int exitCode;

        LaunchFailure(int exitCode, String message, Throwable cause) {
            super(message, cause);
            this.exitCode = exitCode;
        }
    }
}
