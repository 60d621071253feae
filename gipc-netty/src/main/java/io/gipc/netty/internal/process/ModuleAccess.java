package io.gipc.netty.internal.process;

import io.gipc.GipcException;

/**
 * Checks, in the parent, that a child's launcher will be able to rebuild a function (a target, a handle's codec)
 * from its class's name. The launcher runs in gipc's module and loads the class by name, so the class must be in
 * a module that a child resolves: this JVM's boot layer, which a child rebuilds from the same module path. A
 * lambda or method reference is rebuilt by the private static {@code $deserializeLambda$} of the class that
 * created it, which gipc may call only if that class's package is open to it. (The default codec checks the
 * other classes itself as it writes them in the parent: it reads their fields or record components here already.)
 * Classes on the class path are always reachable.
 */
final class ModuleAccess {
    private ModuleAccess() {}

    /**
     * Throws if a child's launcher could not rebuild a function of this class: it is in a module layer created at
     * run time, or it is a lambda's class in a package that is not open to gipc.
     *
     * @param type the function's class (a lambda's class is in its capturing class's package)
     * @param what what the function is, for the message
     * @throws GipcException naming the module, the package and the line to add to its {@code module-info.java}
     */
    static void requireReachable(Class<?> type, String what) {
        requireReachable(type, what, ModuleAccess.class.getModule());
    }

    /**
     * Throws if code in {@code gipc} could not rebuild a function of this class in a child.
     *
     * @param type the function's class
     * @param what what the function is, for the message
     * @param gipc gipc's module (unnamed when gipc is on the class path)
     * @throws GipcException naming the module, the package and the line to add to its {@code module-info.java}
     */
    static void requireReachable(Class<?> type, String what, Module gipc) {
        Module module = type.getModule();
        if (!module.isNamed()) {
            return;
        }
        if (module.getLayer() != ModuleLayer.boot()) {
            throw new GipcException("cannot ship " + what + " to a child: it is " + describe(type) + ", in " + module
                    + ", which is not in the boot layer; a child JVM resolves the modules of this JVM's module path"
                    + " only, not those of a module layer created at run time");
        }
        String pkg = type.getPackageName();
        // Without access the codec would still write a lambda (through Java serialization) and the child rebuild
        // it the same way, but only while every captured value is Serializable: a captured handle is not. One
        // rule for every lambda keeps a target from failing in the child the day it captures a handle.
        if (type.isHidden() && !module.isOpen(pkg, gipc)) {
            throw new GipcException("cannot ship " + what + " to a child: it is " + describe(type) + ", in package "
                    + pkg + ", which " + module + " does not open to " + describe(gipc) + " (gipc's launcher"
                    + " rebuilds it in the child by reflection); add `" + opensLine(pkg, gipc)
                    + "` to the module-info.java of " + module.getName());
        }
    }

    /** A lambda's class has a made-up name: name the class that created it instead. */
    private static String describe(Class<?> type) {
        String name = type.getName();
        int lambda = name.indexOf("$$Lambda");
        return type.isHidden() && lambda > 0
                ? "a lambda or method reference of " + name.substring(0, lambda)
                : "an instance of " + name;
    }

    private static String describe(Module gipc) {
        return gipc.isNamed() ? gipc.getName() : "gipc (on the class path)";
    }

    /** The line that fixes it: a qualified {@code opens} for gipc's module; on the class path, an open package. */
    private static String opensLine(String pkg, Module gipc) {
        return gipc.isNamed() ? "opens " + pkg + " to " + gipc.getName() + ";" : "opens " + pkg + ";";
    }
}
