package io.gipc.netty.internal.process;

import io.gipc.GipcException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the command line of a child JVM: {@code java}, the class path and module path through an
 * {@code @argfile}, the JVM options inherited from this JVM (debugger and agent options left out), the options
 * asked for, the root modules the child needs, the launcher's main class (as {@code -m module/class} when gipc is
 * in a named module), and the numbers of the descriptors the child inherits.
 *
 * <p>The paths travel in an argument file because one argument longer than 128 KiB makes exec fail with E2BIG.
 * The file is written once per distinct set of paths, readable by this user only, and deleted at exit.
 */
public final class ChildCommand {
    /** The main class of every child JVM. */
    public static final String LAUNCHER_MAIN = "io.gipc.netty.internal.launcher.ChildMain";

    /** Options that would attach a debugger or an agent to every child, or make each child write an archive. */
    private static final List<String> DROPPED_PREFIXES = List.of("-agentlib:", "-agentpath:", "-javaagent:",
            "-Xdebug", "-Xrunjdwp", "-Xnoagent", "-XX:ArchiveClassesAtExit", "-XX:DumpLoadedClassList",
            "-XX:AOTCacheOutput", "-XX:AOTConfiguration", "-XX:AOTMode=record", "-XX:AOTMode=create",
            "-Xshare:dump", "-Djdk.module.main");
    private static final String NATIVE_ACCESS = "--enable-native-access";
    private static final String UNSAFE_ACCESS = "--sun-misc-unsafe-memory-access";
    private static final Pattern RELEASE_VERSION = Pattern.compile("^JAVA_VERSION=\"(\\d+)", Pattern.MULTILINE);
    private static final Map<String, Path> ARG_FILES = new ConcurrentHashMap<>();

    private ChildCommand() {
    }

    /**
     * This JVM's own {@code java} executable.
     *
     * @return {@code java.home}/bin/java
     */
    public static Path currentJava() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toAbsolutePath();
    }

    /**
     * This JVM's class path.
     *
     * @return the entries of {@code java.class.path}
     */
    public static List<String> currentClasspath() {
        String cp = System.getProperty("java.class.path", "");
        List<String> entries = new ArrayList<>();
        for (String e : cp.split(java.io.File.pathSeparator)) {
            if (!e.isEmpty()) {
                entries.add(e);
            }
        }
        return entries;
    }

    /**
     * The options this JVM was started with, minus debugger, agent and archive-dumping options.
     *
     * @return the options a child inherits
     */
    public static List<String> inheritedJvmOptions() {
        return withoutDebugAndAgents(ManagementFactory.getRuntimeMXBean().getInputArguments());
    }

    /**
     * Leaves out the options a child must not inherit: debugger and agent options (a second JVM cannot
     * listen on the same debug port), and options that dump class archives at exit.
     *
     * @param options JVM options
     * @return the others, in order
     */
    static List<String> withoutDebugAndAgents(List<String> options) {
        List<String> kept = new ArrayList<>();
        for (String option : options) {
            if (DROPPED_PREFIXES.stream().noneMatch(option::startsWith)) {
                kept.add(option);
            }
        }
        return kept;
    }

    /**
     * The whole command line of a child whose code is all on the class path.
     *
     * @param java the child's {@code java}, absolute
     * @param classpath the child's class path
     * @param inherited the options inherited from this JVM
     * @param extra the options asked for, after the inherited ones
     * @param fdCount how many descriptors the child inherits (numbered 3, 4, ...)
     * @return argv, {@code java} first
     */
    public static List<String> build(Path java, List<String> classpath, List<String> inherited, List<String> extra,
                                     int fdCount) {
        return build(java, CodeLayout.classPath(classpath), inherited, extra, fdCount);
    }

    /**
     * The whole command line of a child.
     *
     * @param java the child's {@code java}, absolute
     * @param code where the child finds its code, and how its launcher is started
     * @param inherited the options inherited from this JVM
     * @param extra the options asked for, after the inherited ones
     * @param fdCount how many descriptors the child inherits (numbered 3, 4, ...)
     * @return argv, {@code java} first
     */
    public static List<String> build(Path java, CodeLayout code, List<String> inherited, List<String> extra,
                                     int fdCount) {
        int childFeature = featureVersion(java);
        List<String> argv = new ArrayList<>();
        argv.add(java.toString());
        argv.add("@" + argFile(code));
        // The argument file has the paths, absolute; the inherited options' copies may be relative to this JVM's
        // working directory, which need not be the child's.
        List<String> options = new ArrayList<>(ModuleOptions.withoutPathOptions(inherited));
        options.addAll(extra);
        if (childFeature < 23) {
            options.removeIf(o -> o.startsWith(UNSAFE_ACCESS));   // JDK 17-22 refuse to start with it
        }
        if (childFeature >= 24) {
            // Netty's and JNA's native code print a warning otherwise. (gipc itself needs no sun.misc.Unsafe.)
            if (options.stream().noneMatch(o -> o.startsWith(NATIVE_ACCESS))) {
                options.add(NATIVE_ACCESS + "=" + code.nativeAccess());
            }
        }
        // Only the modules no option names yet: a child's own children inherit its --add-modules.
        Set<String> roots = new LinkedHashSet<>(code.addModules());
        roots.removeAll(ModuleOptions.addedModules(options));
        if (!roots.isEmpty()) {
            options.add(ModuleOptions.ADD_MODULES + "=" + String.join(",", roots));
        }
        argv.addAll(options);
        if (code.launcherModule() != null) {
            argv.add("-m");
            argv.add(code.launcherModule() + "/" + LAUNCHER_MAIN);
        } else {
            argv.addAll(SpringBootLayout.mainArguments(code.classpath(), LAUNCHER_MAIN));
        }
        for (int i = 0; i < fdCount; i++) {
            argv.add(Integer.toString(Spawner.FIRST_CHILD_FD + i));
        }
        return argv;
    }

    /**
     * The feature version (17, 25, ...) of the JDK that {@code java} belongs to: this JVM's own if it is this
     * JVM's executable, else from the JDK's {@code release} file, else this JVM's.
     *
     * @param java a {@code java} executable
     * @return its feature version
     */
    static int featureVersion(Path java) {
        int own = Runtime.version().feature();
        if (java.equals(currentJava())) {
            return own;
        }
        Path home = java.toAbsolutePath().getParent() == null ? null : java.toAbsolutePath().getParent().getParent();
        if (home == null) {
            return own;
        }
        try {
            Matcher m = RELEASE_VERSION.matcher(Files.readString(home.resolve("release"), StandardCharsets.UTF_8));
            if (m.find()) {
                int v = Integer.parseInt(m.group(1));
                return v == 1 ? own : v;   // "1.8.0" style: older than anything gipc runs on
            }
        } catch (IOException | RuntimeException e) {
            // no release file: assume the child's JDK is like ours
        }
        return own;
    }

    /**
     * The argument file holding {@code -cp <classpath>} and, when there are any, {@code --module-path},
     * {@code --upgrade-module-path} and {@code --patch-module}, with every path made absolute (a child may start
     * in another working directory).
     *
     * @param code the paths
     * @return the file's path
     */
    static Path argFile(CodeLayout code) {
        StringBuilder text = new StringBuilder();
        // Always -cp, even empty: otherwise the child would take a CLASSPATH from its environment.
        appendOption(text, "-cp", absolutePath(code.classpath()));
        if (!code.modulePath().isEmpty()) {
            appendOption(text, ModuleOptions.MODULE_PATH, absolutePath(code.modulePath()));
        }
        if (!code.upgradeModulePath().isEmpty()) {
            appendOption(text, ModuleOptions.UPGRADE_MODULE_PATH, absolutePath(code.upgradeModulePath()));
        }
        for (String patch : code.patchModules()) {
            appendOption(text, ModuleOptions.PATCH_MODULE, absolutePatch(patch));
        }
        return ARG_FILES.computeIfAbsent(text.toString(), ChildCommand::writeArgFile);
    }

    /** {@code module=path:path}, each path made absolute. */
    private static String absolutePatch(String patch) {
        int eq = patch.indexOf('=');
        if (eq < 0) {
            return patch;   // not a valid option: let the child's JVM say so
        }
        return patch.substring(0, eq + 1)
                + absolutePath(List.of(patch.substring(eq + 1).split(java.io.File.pathSeparator)));
    }

    private static String absolutePath(List<String> entries) {
        StringBuilder path = new StringBuilder();
        for (String entry : entries) {
            if (entry.isEmpty()) {
                continue;
            }
            if (path.length() > 0) {
                path.append(java.io.File.pathSeparatorChar);
            }
            path.append(Paths.get(entry).toAbsolutePath());
        }
        return path.toString();
    }

    /** An option and its value on two lines; the value quoted, as the {@code java} launcher reads it. */
    private static void appendOption(StringBuilder text, String option, String value) {
        text.append(option).append('\n')
                .append('"').append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n");
    }

    private static Path writeArgFile(String text) {
        try {
            Path file = Files.createTempFile("gipc-child-paths-", ".args");
            file.toFile().deleteOnExit();
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new GipcException("cannot write the argument file of a child JVM (its class path and module path)"
                    + " in " + System.getProperty("java.io.tmpdir") + ": " + e.getMessage(),
                    new UncheckedIOException(e));
        }
    }

    /**
     * The environment of a child as {@code KEY=VALUE} strings.
     *
     * @param inherit whether to start from this JVM's environment
     * @param overrides variables set on top
     * @return the environment
     */
    public static List<String> environment(boolean inherit, Map<String, String> overrides) {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        if (inherit) {
            env.putAll(System.getenv());
        }
        env.putAll(overrides);
        List<String> out = new ArrayList<>(env.size());
        env.forEach((k, v) -> out.add(k + "=" + v));
        return out;
    }

}
