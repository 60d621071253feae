package io.gipc.netty.internal.process;

import io.gipc.GProcess;
import io.gipc.GipcCodecException;
import io.gipc.GipcException;
import io.gipc.GipcHandle;
import io.gipc.netty.internal.codec.DefaultCodec;
import io.gipc.netty.internal.posix.SocketPair;
import io.gipc.netty.internal.transport.EventLoops;
import io.gipc.netty.internal.transport.HandleTransfer;
import io.gipc.netty.internal.transport.NativeTransport;
import io.gipc.spi.ProcessRequest;
import io.netty.channel.IoEventLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts a child JVM: checks that everything can be shipped, reserves the handles to transfer, spawns the
 * child with its bootstrap socket as descriptor 3 and the handles as 4, 5, ..., sends the bootstrap message,
 * and watches the child. Nothing is spawned unless the target, every argument and every handle can go.
 */
public final class ProcessStarter {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessStarter.class);
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private ProcessStarter() {
    }

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
        NativeTransport.current();   // on an unsupported platform: a GipcException saying why
        String name = request.name() != null ? request.name() : "GProcess-" + COUNTER.incrementAndGet();

        List<GipcHandle> handles = new ArrayList<>();
        BootstrapMessage message = new BootstrapMessage();
        message.name = name;
        message.daemon = request.daemon();
        message.target = FunctionShipping.encode(request.target(), "the target of " + name, handles);
        for (int i = 0; i < request.args().size(); i++) {
            message.args.add(encodeValue(request.args().get(i), "argument " + i + " of " + name, handles));
        }
        for (Map.Entry<String, Object> e : request.kwargs().entrySet()) {
            message.kwargNames.add(e.getKey());
            message.kwargValues.add(encodeValue(e.getValue(), "keyword argument '" + e.getKey() + "' of " + name,
                    handles));
        }

        List<HandleTransfer.Prepared> prepared = new ArrayList<>();
        try {
            for (GipcHandle h : handles) {
                prepared.add(HandleTransfer.prepare(h));
            }
            // A custom codec may capture further handles: they are found, reserved and shipped too.
            for (int i = 0; i < handles.size(); i++) {
                if (prepared.size() <= i) {
                    prepared.add(HandleTransfer.prepare(handles.get(i)));
                }
                message.handles.add(HandleForm.of(prepared.get(i).descriptor(), handles.get(i).toString(), handles));
            }
            return spawn(request, name, message, prepared);
        } catch (RuntimeException | Error e) {
            prepared.forEach(HandleTransfer.Prepared::abort);
            throw e;
        }
    }

    private static byte[] encodeValue(Object value, String what, List<GipcHandle> handles) {
        Object shipped = HandleGraph.extract(value, handles, what);
        try {
            return DefaultCodec.encode(shipped);
        } catch (RuntimeException e) {
            throw new GipcCodecException("cannot ship " + what + " (" + (value == null ? "null"
                    : value.getClass().getName()) + ") to the child: " + e.getMessage(), e);
        }
    }

    private static GProcess spawn(ProcessRequest request, String name, BootstrapMessage message,
                                  List<HandleTransfer.Prepared> prepared) {
        byte[] bytes;
        try {
            bytes = DefaultCodec.encode(message);
        } catch (RuntimeException e) {
            throw new GipcCodecException("cannot encode the bootstrap message of " + name + ": " + e.getMessage(), e);
        }
        int[] pair = SocketPair.open();   // [0] stays here (the lifeline), [1] becomes the child's descriptor 3
        int pid;
        try {
            int[] inherited = new int[1 + prepared.size()];
            inherited[0] = pair[1];
            for (int i = 0; i < prepared.size(); i++) {
                inherited[1 + i] = prepared.get(i).fd();
            }
            Path java = request.javaExecutable() != null ? request.javaExecutable().toAbsolutePath()
                    : ChildCommand.currentJava();
            List<String> classpath = request.classpath() != null ? request.classpath()
                    : ChildCommand.currentClasspath();
            List<String> argv = ChildCommand.build(java, classpath, ChildCommand.inheritedJvmOptions(),
                    request.jvmOptions(), inherited.length);
            Path cwd = request.workingDirectory() == null ? null : request.workingDirectory().toAbsolutePath();
            pid = Spawner.spawn(new Spawner.Spec(java, argv,
                    ChildCommand.environment(request.inheritEnvironment(), request.environment()), cwd, inherited));
        } catch (RuntimeException | Error e) {
            SocketPair.closeQuietly(pair[0]);
            SocketPair.closeQuietly(pair[1]);
            throw e;
        }
        // Spawned: the child has its copies; ours go now, or the child's end of stream and death go unseen.
        SocketPair.closeQuietly(pair[1]);
        prepared.forEach(HandleTransfer.Prepared::commit);
        LOG.debug("started {} (pid {}, {} handle(s), daemon {})", name, pid, prepared.size(), request.daemon());

        Lifeline lifeline;
        try {
            lifeline = Lifeline.send(pair[0], bytes, name + " (pid " + pid + ")");
        } catch (RuntimeException | Error e) {
            // The child then reads end of stream on descriptor 3 and exits with NO_BOOTSTRAP; still watch it.
            SocketPair.closeQuietly(pair[0]);
            LOG.warn("cannot send the bootstrap message to {} (pid {})", name, pid, e);
            lifeline = null;
        }
        Lifeline line = lifeline;
        NettyGProcess[] self = new NettyGProcess[1];
        IoEventLoop loop = (IoEventLoop) EventLoops.group().next();
        NettyGProcess process = NettyGProcess.watch(pid, name, request.daemon(), loop, EventLoops::inGipcLoop, () -> {
            if (line != null) {
                line.close();
            }
            if (self[0] != null) {
                ChildRegistry.remove(self[0]);
            }
        });
        self[0] = process;
        ChildRegistry.add(process);
        if (process.exitCodeNow() != null) {
            ChildRegistry.remove(process);   // it ended before it was added
        }
        return process;
    }
}
