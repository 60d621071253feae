package io.gipc.netty.internal.process;

import io.gipc.GProcess;
import io.gipc.GipcCodecException;
import io.gipc.GipcException;
import io.gipc.GipcFuture;
import io.gipc.GipcHandle;
import io.gipc.netty.internal.codec.DefaultCodec;
import io.gipc.netty.internal.codec.HandleSink;
import io.gipc.netty.internal.launcher.Bootstrap;
import io.gipc.netty.internal.launcher.SpareTarget;
import io.gipc.netty.internal.posix.SocketPair;
import io.gipc.netty.internal.posix.UnixPipe;
import io.gipc.netty.internal.transport.EventLoops;
import io.gipc.netty.internal.transport.HandleDescriptor;
import io.gipc.netty.internal.transport.HandleTransfer;
import io.gipc.netty.internal.transport.NativeTransport;
import io.gipc.spi.ProcessRequest;
import io.netty.channel.IoEventLoop;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a child JVM: checks that everything can be shipped, reserves the handles to transfer, spawns the
 * child with its bootstrap pipe as descriptor 3 and the handles as 4, 5, ..., sends the bootstrap message,
 * and watches the child. Nothing is spawned unless the target, every argument and every handle can go.
 */
public final class ProcessStarter {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessStarter.class);
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private ProcessStarter() {}

    /**
     * Starts a child.
     *
     * @param request what to start (arity already checked by the builder)
     * @return the started, watched process
     * @throws io.gipc.GipcClosedException if a handle to transfer is closed
     * @throws io.gipc.GipcLockedException if a handle to transfer has an operation pending
     * @throws GipcException if the target, an argument or a handle's codec cannot be shipped, or the child
     *         cannot be spawned
     */
    public static GProcess start(ProcessRequest request) {
        NativeTransport.current(); // on an unsupported platform: a GipcException saying why
        EventLoops.processGroup(); // a default group that cannot be made fails here, before a child is spawned
        String name = request.name() != null ? request.name() : "GProcess-" + COUNTER.incrementAndGet();

        HandleSink sink = new HandleSink();
        String what = "the target of " + name;
        refuseUnnamedClass(request.target(), what);
        requireReachable(request.target(), what);
        byte[] target = ship(request.target(), what, sink);
        List<byte[]> args = new ArrayList<>();
        for (int i = 0; i < request.args().size(); i++) {
            args.add(ship(request.args().get(i), "argument " + i + " of " + name, sink));
        }
        Map<String, byte[]> kwargs = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : request.kwargs().entrySet()) {
            kwargs.put(e.getKey(), ship(e.getValue(), "keyword argument '" + e.getKey() + "' of " + name, sink));
        }

        if (Spares.mayServe(request)) {
            GProcess fromSpare = Spares.take(name, request.daemon(), target, args, kwargs, sink.handles());
            if (fromSpare != null) {
                return fromSpare;
            }
        }
        return startCold(request, name, target, args, kwargs, sink);
    }

    /** Starts a child as a new JVM that inherits its handles as descriptors 4, 5, ... */
    private static GProcess startCold(
            ProcessRequest request,
            String name,
            byte[] target,
            List<byte[]> args,
            Map<String, byte[]> kwargs,
            HandleSink sink) {
        List<HandleTransfer.Prepared> prepared = new ArrayList<>();
        try {
            for (GipcHandle h : sink.handles()) {
                prepared.add(HandleTransfer.prepare(h));
            }
            List<HandleDescriptor> reserved = new ArrayList<>();
            List<byte[]> descriptors = new ArrayList<>();
            for (int i = 0; i < prepared.size(); i++) {
                reserved.add(prepared.get(i).descriptor());
                descriptors.add(
                        shipDescriptor(reserved.get(i), sink.handles().get(i) + " (handle " + i + " of " + name + ")"));
            }
            byte[] bootstrap = new Bootstrap(name, request.daemon(), descriptors, target, args, kwargs).toBytes();
            // Sent once the parent's copies are closed: a reader may have taken more bytes by then (see commit).
            Supplier<byte[]> afterCommit = () -> {
                List<byte[]> finalDescriptors = new ArrayList<>(descriptors);
                boolean changed = false;
                for (int i = 0; i < prepared.size(); i++) {
                    HandleDescriptor d = prepared.get(i).descriptor();
                    if (d != reserved.get(i)) {
                        finalDescriptors.set(i, DefaultCodec.encode(d));
                        changed = true;
                    }
                }
                return !changed
                        ? bootstrap
                        : new Bootstrap(name, request.daemon(), finalDescriptors, target, args, kwargs).toBytes();
            };
            return watch(spawn(request, name, afterCommit, prepared), name, request.daemon());
        } catch (RuntimeException | Error e) {
            prepared.forEach(HandleTransfer.Prepared::abort);
            throw e;
        }
    }

    /**
     * Keeps spare children; see {@code Gipc.spares(int)}.
     *
     * @param n how many to keep ready
     * @return completes when they are ready, or for 0 when the idle ones are gone
     */
    public static GipcFuture<Void> spares(int n) {
        NativeTransport.current();
        EventLoops.processGroup();
        return Spares.keep(n);
    }

    /**
     * The children started by this JVM that have not been reaped yet.
     *
     * @return a snapshot, oldest first
     */
    public static List<GProcess> activeChildren() {
        return ChildRegistry.live();
    }

    /** Encodes a target or an argument; the handles in it are collected, to be transferred. */
    private static byte[] ship(Object value, String what, HandleSink sink) {
        try {
            return DefaultCodec.encode(value, sink);
        } catch (GipcCodecException e) {
            throw new GipcCodecException(
                    "cannot ship " + what + " ("
                            + (value == null ? "null" : value.getClass().getName()) + ") to the child: "
                            + e.getMessage(),
                    e);
        }
    }

    /**
     * Encodes what the child needs to rebuild a handle. A custom codec travels like a target; it cannot hold a
     * handle (the plain encoder refuses one), since the child could not rebuild the two in order.
     */
    private static byte[] shipDescriptor(HandleDescriptor descriptor, String what) {
        refuseUnnamedClass(descriptor.encoder(), "the encoder of " + what);
        refuseUnnamedClass(descriptor.decoder(), "the decoder of " + what);
        requireReachable(descriptor.encoder(), "the encoder of " + what);
        requireReachable(descriptor.decoder(), "the decoder of " + what);
        try {
            return DefaultCodec.encode(descriptor);
        } catch (GipcCodecException e) {
            throw new GipcCodecException(
                    "cannot transfer " + what + ": its codec cannot be shipped to the child "
                            + "(a codec is shipped like a target, and cannot hold handles): " + e.getMessage(),
                    e);
        }
    }

    /** The name of an anonymous or local class is made up by the compiler, so it is no name to ship a function by. */
    private static void refuseUnnamedClass(Object function, String what) {
        Class<?> type = function == null ? Object.class : function.getClass();
        if (type.isAnonymousClass() || type.isLocalClass()) {
            throw new GipcException("cannot ship " + what + " to a child: " + type.getName() + " is an "
                    + (type.isAnonymousClass() ? "anonymous" : "local") + " class; use a lambda, a method reference"
                    + " or an instance of a named class");
        }
    }

    /** A redirect relative to this JVM's working directory, whatever the child's. */
    private static Path absolute(Path file) {
        return file == null ? null : file.toAbsolutePath();
    }

    /** On the module path, the launcher in the child must find the function's class and be allowed into it. */
    private static void requireReachable(Object function, String what) {
        if (function != null) {
            ModuleAccess.requireReachable(function.getClass(), what);
        }
    }

    /**
     * A spawned child not watched yet: its pid, the parent's end of its bootstrap pipe (null if the bootstrap
     * message could not be sent) and its class-data archive plan.
     */
    record Spawned(int pid, Lifeline lifeline, ClassDataCache.Plan sharing) {}

    /**
     * Spawns a spare child (see {@link Spares}): a default child whose target waits for its real one on
     * {@code control}. It is neither watched nor listed among the active children.
     *
     * @param name the spare's name, for messages
     * @param control the spare's end of its control pipe; transferred to it
     * @return the spawned spare
     */
    static Spawned spawnSpare(String name, GipcHandle control) {
        ProcessRequest request = new ProcessRequest(
                new SpareTarget(),
                List.of(control),
                Map.of(),
                name,
                true,
                List.of(),
                null,
                null,
                true,
                Map.of(),
                null,
                null,
                null);
        HandleSink sink = new HandleSink();
        byte[] target = ship(request.target(), "the target of " + name, sink);
        byte[] arg = ship(control, "the control pipe of " + name, sink);
        HandleTransfer.Prepared prepared = HandleTransfer.prepare(control);
        try {
            byte[] descriptor = shipDescriptor(prepared.descriptor(), control + " (control of " + name + ")");
            byte[] bootstrap = new Bootstrap(
                            name, true, List.of(descriptor), target, List.of(arg), new LinkedHashMap<>())
                    .toBytes();
            return spawn(request, name, () -> bootstrap, List.of(prepared));
        } catch (RuntimeException | Error e) {
            prepared.abort();
            throw e;
        }
    }

    /**
     * Watches a spawned child as a {@link GProcess}, listed among the active children until it is reaped.
     *
     * @param spawned the child
     * @param name its name
     * @param daemon its daemon flag
     * @return the process
     */
    static GProcess watch(Spawned spawned, String name, boolean daemon) {
        Lifeline line = spawned.lifeline();
        ClassDataCache.Plan sharing = spawned.sharing();
        IoEventLoop loop = (IoEventLoop) EventLoops.processGroup().next();
        NettyGProcess process =
                NettyGProcess.unwatched(spawned.pid(), name, daemon, loop, EventLoops::inGipcLoop, ended -> {
                    if (line != null) {
                        line.close();
                    }
                    // Before join() completes: a parent that exits right after it still publishes the archive.
                    sharing.childEnded(ended.exitCodeNow());
                    ChildRegistry.remove(ended);
                });
        // Registered before the watch starts: the end callback, which runs on the loop after the watch was
        // handed to it, always finds the child registered and removes it.
        ChildRegistry.add(process);
        process.startWatching();
        return process;
    }

    private static Spawned spawn(
            ProcessRequest request, String name, Supplier<byte[]> bootstrap, List<HandleTransfer.Prepared> prepared) {
        int[] pair = UnixPipe.open(); // [0], the read end, becomes the child's descriptor 3; [1] stays here
        int pid;
        ChildCommand.Command command = null;
        try {
            int[] inherited = new int[1 + prepared.size()];
            inherited[0] = pair[0];
            for (int i = 0; i < prepared.size(); i++) {
                inherited[1 + i] = prepared.get(i).fd();
            }
            Path java = request.javaExecutable() != null
                    ? request.javaExecutable().toAbsolutePath()
                    : ChildCommand.currentJava();
            CodeLayout code =
                    CodeLayout.ofThisJvm(request.classpath(), request.target().getClass());
            command = ChildCommand.command(
                    java, code, ChildCommand.inheritedJvmOptions(), request.jvmOptions(), inherited.length);
            List<String> argv = command.argv();
            LOG.debug("command line of {}: {}", name, argv);
            Path cwd = request.workingDirectory() == null
                    ? null
                    : request.workingDirectory().toAbsolutePath();
            pid = Spawner.spawn(new Spawner.Spec(
                    java,
                    argv,
                    ChildCommand.environment(request.inheritEnvironment(), request.environment()),
                    cwd,
                    inherited,
                    absolute(request.redirectOutput()),
                    absolute(request.redirectError())));
        } catch (RuntimeException | Error e) {
            SocketPair.closeQuietly(pair[0]);
            SocketPair.closeQuietly(pair[1]);
            if (command != null) {
                command.sharing().childEnded(null); // nothing was spawned to build the archive
            }
            throw e;
        }
        ClassDataCache.Plan sharing = command.sharing();
        // Spawned: the child has its copies; ours go now, or the child's end of stream and death go unseen.
        SocketPair.closeQuietly(pair[0]);
        prepared.forEach(HandleTransfer.Prepared::commit);
        LOG.debug("started {} (pid {}, {} handle(s), daemon {})", name, pid, prepared.size(), request.daemon());

        Lifeline lifeline;
        try {
            lifeline = Lifeline.send(pair[1], bootstrap.get(), name + " (pid " + pid + ")");
        } catch (RuntimeException | Error e) {
            // The child then reads end of stream on descriptor 3 and exits with NO_BOOTSTRAP; still watch it.
            SocketPair.closeQuietly(pair[1]);
            LOG.warn("cannot send the bootstrap message to {} (pid {})", name, pid, e);
            lifeline = null;
        }
        return new Spawned(pid, lifeline, sharing);
    }
}
