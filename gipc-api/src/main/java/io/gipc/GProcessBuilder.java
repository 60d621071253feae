package io.gipc;

import io.gipc.spi.GipcProvider;
import io.gipc.spi.ProcessRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Sets up and starts a child process; Python gipc's {@code start_process(target, args, kwargs, daemon, name)}.
 *
 * <pre>{@code
 * GProcess p = Gipc.process(Worker::run).args(reader, writer).name("worker-1").daemon(true).start();
 * }</pre>
 *
 * <p>Obtained from {@link Gipc#process(GipcTarget0)} and its overloads. Not thread-safe; each setter returns
 * this builder.
 */
public final class GProcessBuilder {
    private final Object target;
    private final int arity;
    private List<Object> args = List.of();
    private Map<String, Object> kwargs = Map.of();
    private String name;
    private boolean daemon;
    private final List<String> jvmOptions = new ArrayList<>();
    private Path javaExecutable;
    private List<String> classpath;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private boolean inheritEnvironment = true;
    private Path workingDirectory;
    private Path redirectOutput;
    private Path redirectError;

    GProcessBuilder(Object target, int arity) {
        this.target = Objects.requireNonNull(target, "target");
        this.arity = arity;
    }

    /**
     * The positional arguments. Handles among them are transferred to the child.
     *
     * @param args the arguments; for a typed target exactly as many as it takes
     * @return this builder
     */
    public GProcessBuilder args(Object... args) {
        this.args = Collections.unmodifiableList(new ArrayList<>(Arrays.asList(args)));
        return this;
    }

    /**
     * The keyword arguments; only for a {@link GipcTarget}. Handles among the values are transferred.
     *
     * @param kwargs the keyword arguments, copied in their iteration order
     * @return this builder
     */
    public GProcessBuilder kwargs(Map<String, ?> kwargs) {
        this.kwargs = Collections.unmodifiableMap(new LinkedHashMap<>(kwargs));
        return this;
    }

    /**
     * The process name, {@link GProcess#name()}; default {@code GProcess-N}.
     *
     * @param name the name
     * @return this builder
     */
    public GProcessBuilder name(String name) {
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    /**
     * Whether the child is a daemon; default false. See {@link GProcess#isDaemon()}.
     *
     * @param daemon the daemon flag
     * @return this builder
     */
    public GProcessBuilder daemon(boolean daemon) {
        this.daemon = daemon;
        return this;
    }

    /**
     * JVM options added after those inherited from this JVM (for example {@code -Xmx64m}).
     *
     * @param options the options, each one argument
     * @return this builder
     */
    public GProcessBuilder jvmOptions(String... options) {
        jvmOptions.addAll(Arrays.asList(options));
        return this;
    }

    /**
     * The {@code java} executable of the child; default this JVM's own ({@code java.home}).
     *
     * @param java an absolute path to a {@code java} executable
     * @return this builder
     */
    public GProcessBuilder javaExecutable(Path java) {
        this.javaExecutable = Objects.requireNonNull(java, "java");
        return this;
    }

    /**
     * The class path of the child; default this JVM's own. It must hold gipc-netty and its dependencies, unless
     * they are on this JVM's module path: the child gets that module path either way.
     *
     * @param entries the class-path entries
     * @return this builder
     */
    public GProcessBuilder classpath(List<String> entries) {
        this.classpath = List.copyOf(entries);
        return this;
    }

    /**
     * Sets an environment variable of the child (on top of this JVM's environment unless
     * {@link #clearEnvironment()} was called).
     *
     * @param key the variable
     * @param value its value
     * @return this builder
     */
    public GProcessBuilder environment(String key, String value) {
        environment.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /**
     * Starts the child from an empty environment, plus what {@link #environment(String, String)} sets.
     *
     * @return this builder
     */
    public GProcessBuilder clearEnvironment() {
        inheritEnvironment = false;
        return this;
    }

    /**
     * The working directory of the child; default this JVM's.
     *
     * @param directory the directory
     * @return this builder
     */
    public GProcessBuilder workingDirectory(Path directory) {
        this.workingDirectory = Objects.requireNonNull(directory, "directory");
        return this;
    }

    /**
     * Sends the child's standard output to a file instead of this JVM's standard output. The file is created,
     * or truncated if it exists, when the child is spawned; if it cannot be opened (its directory does not
     * exist, say) {@link #start()} throws a {@link GipcException} naming it and no child is started.
     *
     * @param file the file; the child's descriptor 1 is opened on it
     * @return this builder
     */
    public GProcessBuilder redirectOutput(Path file) {
        this.redirectOutput = Objects.requireNonNull(file, "file");
        return this;
    }

    /**
     * Sends the child's standard error to a file instead of this JVM's standard error (a target that throws
     * prints its stack trace there). The file is created, or truncated if it exists, when the child is spawned.
     * When {@link #redirectOutput(Path)} names the same file, both streams go to it in the order they are
     * written, as with {@code 2>&1}.
     *
     * @param file the file; the child's descriptor 2 is opened on it
     * @return this builder
     */
    public GProcessBuilder redirectError(Path file) {
        this.redirectError = Objects.requireNonNull(file, "file");
        return this;
    }

    /**
     * Starts the child and returns once it is spawned; handles among the arguments are then closed here.
     *
     * @return the started process
     * @throws IllegalArgumentException if the arguments do not match a typed target's arity, or kwargs were
     *         given to a target other than {@link GipcTarget}
     * @throws GipcClosedException if a handle to transfer is closed
     * @throws GipcLockedException if a handle to transfer has an operation pending
     * @throws GipcException if the target or an argument cannot be shipped, or the child cannot be spawned
     */
    public GProcess start() {
        if (arity >= 0 && args.size() != arity) {
            throw new IllegalArgumentException("the target takes " + arity + " argument(s), got " + args.size());
        }
        if (arity >= 0 && !kwargs.isEmpty()) {
            throw new IllegalArgumentException("kwargs need a GipcTarget; this target is a GipcTarget" + arity);
        }
        ProcessRequest request = new ProcessRequest(
                target,
                args,
                kwargs,
                name,
                daemon,
                List.copyOf(jvmOptions),
                javaExecutable,
                classpath,
                inheritEnvironment,
                Map.copyOf(environment),
                workingDirectory,
                redirectOutput,
                redirectError);
        return GipcProvider.get().startProcess(request);
    }
}
