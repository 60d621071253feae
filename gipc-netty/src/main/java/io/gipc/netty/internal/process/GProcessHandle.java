package io.gipc.netty.internal.process;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The {@link ProcessHandle} of a gipc child. Liveness and exit come from gipc's own watch (the JDK's handle
 * would see an unreaped child as alive); what the OS knows (info, children) comes from the JDK's handle of the
 * pid, asked only while the child is not reaped, so a recycled pid is never mistaken for it.
 */
final class GProcessHandle implements ProcessHandle {
    private final NettyGProcess process;

    GProcessHandle(NettyGProcess process) {
        this.process = process;
    }

    private Optional<ProcessHandle> live() {
        return process.exitCodeNow() == null ? ProcessHandle.of(process.pid()) : Optional.empty();
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public Optional<ProcessHandle> parent() {
        return live().flatMap(ProcessHandle::parent);
    }

    @Override
    public Stream<ProcessHandle> children() {
        return live().map(ProcessHandle::children).orElseGet(Stream::empty);
    }

    @Override
    public Stream<ProcessHandle> descendants() {
        return live().map(ProcessHandle::descendants).orElseGet(Stream::empty);
    }

    @Override
    public Info info() {
        return live().map(ProcessHandle::info).orElse(EmptyInfo.INSTANCE);
    }

    @Override
    public CompletableFuture<ProcessHandle> onExit() {
        return process.exitFuture().thenApply(c -> this);
    }

    @Override
    public boolean supportsNormalTermination() {
        return true;
    }

    @Override
    public boolean destroy() {
        if (process.exitCodeNow() != null) {
            return false;
        }
        process.terminate();
        return true;
    }

    @Override
    public boolean destroyForcibly() {
        if (process.exitCodeNow() != null) {
            return false;
        }
        process.kill();
        return true;
    }

    @Override
    public boolean isAlive() {
        return !process.reapIfEnded();
    }

    @Override
    public int compareTo(ProcessHandle other) {
        return Long.compare(pid(), other.pid());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GProcessHandle h && h.process == process;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(pid());
    }

    @Override
    public String toString() {
        return Long.toString(pid());
    }

    /** What is known of an ended child: nothing. */
    private enum EmptyInfo implements Info {
        INSTANCE;

        @Override
        public Optional<String> command() {
            return Optional.empty();
        }

        @Override
        public Optional<String> commandLine() {
            return Optional.empty();
        }

        @Override
        public Optional<String[]> arguments() {
            return Optional.empty();
        }

        @Override
        public Optional<Instant> startInstant() {
            return Optional.empty();
        }

        @Override
        public Optional<Duration> totalCpuDuration() {
            return Optional.empty();
        }

        @Override
        public Optional<String> user() {
            return Optional.empty();
        }
    }
}
