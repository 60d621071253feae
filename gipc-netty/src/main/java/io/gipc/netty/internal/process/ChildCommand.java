package io.gipc.netty.internal.process;

import io.gipc.netty.internal.launcher.ChildMain;
import java.io.IOException;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the command line of a child JVM: {@code java}, the class path and module path through an
 * {@code @argfile}, the JVM options inherited from this JVM (debugger and agent options left out), the options
 * asked for, the root modules the child needs, the launcher's main class (as {@code -m module/class} when gipc is
 * in a named module), and the numbers of the descriptors the child inherits.
 *
 * <p>The paths travel in an argument file because one argument longer than 128 KiB makes exec fail with E2BIG
 * (see {@link ArgumentFiles}).
 */
public final class ChildCommand {
    /**
     * The main class of every child JVM. Named by its class, so a rename cannot leave a stale string behind; that
     * loads it in the parent, not initialized, once: under a millisecond, beside the second or so of a JVM's first
     * start (JNA, Netty, the codec).
     */
    public static final String LAUNCHER_MAIN = ChildMain.class.getName();

    /** Options that would attach a debugger or an agent to every child, or make each child write an archive. */
    private static final List<String> DROPPED_PREFIXES = List.of(
            "-agentlib:",
            "-agentpath:",
            "-javaagent:",
            "-Xdebug",
            "-Xrunjdwp",
            "-Xnoagent",
            "-XX:ArchiveClassesAtExit",
            "-XX:DumpLoadedClassList",
            "-XX:AOTCacheOutput",
            "-XX:AOTConfiguration",
            "-XX:AOTMode=record",
            "-XX:AOTMode=create",
            "-Xshare:dump",
            "-Djdk.module.main");

    private static final String NATIVE_ACCESS = "--enable-native-access";
    private static final String UNSAFE_ACCESS = "--sun-misc-unsafe-memory-access";
    private static final String NETTY_JFR = "-Dio.netty.jfr.enabled=";
    private static final Pattern RELEASE_VERSION = Pattern.compile("^JAVA_VERSION=\"(\\d+)", Pattern.MULTILINE);

    private ChildCommand() {}

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
    public static List<String> build(
            Path java, List<String> classpath, List<String> inherited, List<String> extra, int fdCount) {
        return build(java, CodeLayout.classPath(classpath), inherited, extra, fdCount);
    }

    /**
     * The whole command line of a child, without a class-data archive.
     *
     * @param java the child's {@code java}, absolute
     * @param code where the child finds its code, and how its launcher is started
     * @param inherited the options inherited from this JVM
     * @param extra the options asked for, after the inherited ones
     * @param fdCount how many descriptors the child inherits (numbered 3, 4, ...)
     * @return argv, {@code java} first
     */
    public static List<String> build(
            Path java, CodeLayout code, List<String> inherited, List<String> extra, int fdCount) {
        return build(java, code, inherited, extra, fdCount, false).argv();
    }

    /**
     * A child's command line and its class-data archive.
     *
     * @param argv the command line, {@code java} first
     * @param sharing the archive options on it, and what to do when the child has ended
     */
    public record Command(List<String> argv, ClassDataCache.Plan sharing) {}

    /**
     * The whole command line of a child, with gipc's class-data archive for it when there is one to use or to
     * build (see {@link ClassDataCache}).
     *
     * @param java the child's {@code java}, absolute
     * @param code where the child finds its code, and how its launcher is started
     * @param inherited the options inherited from this JVM
     * @param extra the options asked for, after the inherited ones
     * @param fdCount how many descriptors the child inherits (numbered 3, 4, ...)
     * @return argv, and what to do with the archive when the child has ended
     */
    public static Command command(Path java, CodeLayout code, List<String> inherited, List<String> extra, int fdCount) {
        return build(java, code, inherited, extra, fdCount, true);
    }

    private static Command build(
            Path java, CodeLayout code, List<String> inherited, List<String> extra, int fdCount, boolean sharing) {
        int childFeature = featureVersion(java);
        List<String> argv = new ArrayList<>();
        argv.add(java.toString());
        argv.add("@" + argFile(code));
        // The argument file has the paths, absolute; the inherited options' copies may be relative to this JVM's
        // working directory, which need not be the child's.
        List<String> options = new ArrayList<>(ModuleOptions.withoutPathOptions(inherited));
        options.removeIf(ClassDataCache::isOwnOption); // this JVM's archive, when it is a child: not its children's
        options.addAll(extra);
        if (childFeature < 23) {
            options.removeIf(o -> o.startsWith(UNSAFE_ACCESS)); // JDK 17-22 refuse to start with it
        }
        if (childFeature >= 24) {
            // Netty's and JNA's native code print a warning otherwise. (gipc itself needs no sun.misc.Unsafe.)
            if (options.stream().noneMatch(o -> o.startsWith(NATIVE_ACCESS))) {
                options.add(NATIVE_ACCESS + "=" + code.nativeAccess());
            }
        }
        if (options.stream().noneMatch(o -> o.startsWith(NETTY_JFR))) {
            // Netty's flight-recorder events for its buffers load the JDK's flight recorder: about 200 classes and
            // a tenth of a start-up, for events nobody records unless asked.
            options.add(NETTY_JFR + "false");
        }
        // Only the modules no option names yet: a child's own children inherit its --add-modules.
        Set<String> roots = new LinkedHashSet<>(code.addModules());
        roots.removeAll(ModuleOptions.addedModules(options));
        if (!roots.isEmpty()) {
            options.add(ModuleOptions.ADD_MODULES + "=" + String.join(",", roots));
        }
        ClassDataCache.Plan plan = sharing
                ? ClassDataCache.plan(java, childFeature, code, options, fdCount > 1)
                : ClassDataCache.Plan.NONE;
        argv.addAll(plan.options()); // first, so that the user's own -Xlog options come after gipc's
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
        return new Command(argv, plan);
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
        Path home = java.toAbsolutePath().getParent() == null
                ? null
                : java.toAbsolutePath().getParent().getParent();
        if (home == null) {
            return own;
        }
        try {
            Matcher m = RELEASE_VERSION.matcher(Files.readString(home.resolve("release"), StandardCharsets.UTF_8));
            if (m.find()) {
                int v = Integer.parseInt(m.group(1));
                return v == 1 ? own : v; // "1.8.0" style: older than anything gipc runs on
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
        return ArgumentFiles.of(text.toString());
    }

    /** {@code module=path:path}, each path made absolute. */
    private static String absolutePatch(String patch) {
        int eq = patch.indexOf('=');
        if (eq < 0) {
            return patch; // not a valid option: let the child's JVM say so
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
        text.append(option)
                .append('\n')
                .append('"')
                .append(value.replace("\\", "\\\\").replace("\"", "\\\""))
                .append("\"\n");
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
