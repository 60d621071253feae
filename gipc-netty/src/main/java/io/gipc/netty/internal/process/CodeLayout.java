package io.gipc.netty.internal.process;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Where a child JVM finds its code, and how its launcher is started.
 *
 * <p>On the class path (gipc's own jars unnamed) a child gets the class path and starts the launcher by its class
 * name, as a plain {@code java -cp ... Main} would. On the module path (gipc in the named module
 * {@code io.gipc.netty}) a child gets the module path too and starts the launcher as
 * {@code -m io.gipc.netty/...ChildMain}; since that makes {@code io.gipc.netty} its only root module, it is also
 * given the root modules that this JVM had ({@link #addModules()}), so that it resolves the same module graph and
 * can load every class this JVM could.
 *
 * @param classpath the class-path entries (may be empty)
 * @param modulePath the module-path entries (empty when this JVM has none)
 * @param upgradeModulePath the upgrade-module-path entries (usually empty)
 * @param patchModules the values of this JVM's {@code --patch-module} options ({@code module=path:path})
 * @param launcherModule the module of the launcher, or null when it is on the class path
 * @param addModules the root modules the child must resolve besides the launcher's
 * @param nativeAccess the value of {@code --enable-native-access} a child on JDK 24+ gets when no option says
 *        otherwise: the modules (or {@code ALL-UNNAMED}) whose code loads native libraries (Netty's and JNA's)
 */
public record CodeLayout(
        List<String> classpath,
        List<String> modulePath,
        List<String> upgradeModulePath,
        List<String> patchModules,
        String launcherModule,
        List<String> addModules,
        String nativeAccess) {

    /** The {@code --add-modules} token for the root modules a JVM has when its main class is on the class path. */
    static final String ALL_DEFAULT = "ALL-DEFAULT";

    /**
     * Copies the lists.
     *
     * @param classpath see the record's description
     * @param modulePath see the record's description
     * @param upgradeModulePath see the record's description
     * @param patchModules see the record's description
     * @param launcherModule see the record's description
     * @param addModules see the record's description
     * @param nativeAccess see the record's description
     * @throws NullPointerException if a list or {@code nativeAccess} is null
     */
    public CodeLayout {
        classpath = List.copyOf(classpath);
        modulePath = List.copyOf(modulePath);
        upgradeModulePath = List.copyOf(upgradeModulePath);
        patchModules = List.copyOf(patchModules);
        addModules = List.copyOf(addModules);
        Objects.requireNonNull(nativeAccess, "nativeAccess");
    }

    /**
     * Everything on the class path, and no module path: what a child of a JVM on the class path gets.
     *
     * @param classpath the class-path entries
     * @return the layout
     */
    public static CodeLayout classPath(List<String> classpath) {
        return new CodeLayout(classpath, List.of(), List.of(), List.of(), null, List.of(), "ALL-UNNAMED");
    }

    /**
     * The layout of this JVM, for a child that runs a target of the given class.
     *
     * @param classpath the child's class path, or null for this JVM's ({@code java.class.path})
     * @param targetClass the class of the target (a lambda's class is in its capturing class's module)
     * @return the layout
     */
    public static CodeLayout ofThisJvm(List<String> classpath, Class<?> targetClass) {
        Module launcher = CodeLayout.class.getModule(); // the launcher's too: gipc-netty is one jar, one module
        String launcherModule = launcher.isNamed() ? launcher.getName() : null;
        return new CodeLayout(
                classpath != null ? classpath : entries(System.getProperty("java.class.path")),
                entries(System.getProperty("jdk.module.path")),
                entries(System.getProperty("jdk.module.upgrade.path")),
                // The JVM keeps no property for --patch-module that code may read; its input arguments have it.
                ModuleOptions.valuesOf(
                        ManagementFactory.getRuntimeMXBean().getInputArguments(), ModuleOptions.PATCH_MODULE),
                launcherModule,
                rootModules(launcherModule, System.getProperty("jdk.module.main"), targetClass.getModule()),
                nativeAccess(io.netty.util.ReferenceCounted.class, com.sun.jna.Native.class));
    }

    /**
     * The modules a child must add to its roots. Started as {@code -m <launcher module>}, a child's only root is
     * the launcher's module: it gets this JVM's main module (or, when this JVM's main class was on the class path,
     * the default roots of the class path, {@code ALL-DEFAULT}), so that it resolves what this JVM resolved. The
     * target's module is named too, though those roots bring it in already, to say plainly that it is needed.
     * The {@code --add-modules} options this JVM had are inherited with its other options.
     *
     * @param launcherModule the launcher's module, or null on the class path
     * @param mainModule this JVM's main module ({@code jdk.module.main}), or null
     * @param targetModule the module of the target's class
     * @return the module names, without duplicates
     */
    static List<String> rootModules(String launcherModule, String mainModule, Module targetModule) {
        Set<String> roots = new LinkedHashSet<>();
        if (launcherModule != null) {
            roots.add(mainModule != null ? mainModule : ALL_DEFAULT);
        }
        if (targetModule.isNamed()) {
            roots.add(targetModule.getName());
        }
        roots.remove(launcherModule);
        return new ArrayList<>(roots);
    }

    /**
     * The {@code --enable-native-access} value that covers the given classes: the names of their modules, or
     * {@code ALL-UNNAMED} for those on the class path.
     *
     * @param nativeLoaders classes of the modules that load native libraries
     * @return a comma-separated list
     */
    static String nativeAccess(Class<?>... nativeLoaders) {
        Set<String> modules = new LinkedHashSet<>();
        for (Class<?> type : nativeLoaders) {
            modules.add(type.getModule().isNamed() ? type.getModule().getName() : "ALL-UNNAMED");
        }
        return String.join(",", modules);
    }

    private static List<String> entries(String path) {
        List<String> entries = new ArrayList<>();
        if (path != null) {
            for (String e : path.split(File.pathSeparator)) {
                if (!e.isEmpty()) {
                    entries.add(e);
                }
            }
        }
        return entries;
    }
}
