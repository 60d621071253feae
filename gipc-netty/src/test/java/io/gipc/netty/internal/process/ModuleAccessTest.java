package io.gipc.netty.internal.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.GipcException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parent-side check that a child's launcher can rebuild a function. These tests run on the class path, so
 * JDK modules and a layer created here stand in for an application's module.
 */
class ModuleAccessTest {

    @Test
    void classesOnTheClassPathAreAlwaysReachable() {
        ModuleAccess.requireReachable(ModuleAccessTest.class, "the target");
        Runnable lambda = () -> {};
        ModuleAccess.requireReachable(lambda.getClass(), "the target");
    }

    /** A serializable lambda that java.base creates, in java.util.Comparator: a package open to nobody. */
    private static final Class<?> JDK_LAMBDA =
            Comparator.comparing(String::length).getClass();

    @Test
    void aLambdaInAPackageThatIsNotOpenToGipcIsRefusedWithTheLineThatFixesIt() {
        // Pretend that gipc is java.logging, a named module that java.base opens nothing to.
        Module gipc = ModuleLayer.boot().findModule("java.logging").orElseThrow();
        GipcException e = assertThrows(
                GipcException.class, () -> ModuleAccess.requireReachable(JDK_LAMBDA, "the target of GProcess-7", gipc));
        assertEquals(
                "cannot ship the target of GProcess-7 to a child: it is a lambda or method reference of"
                        + " java.util.Comparator, in package java.util, which module java.base does not open to java.logging"
                        + " (gipc's launcher rebuilds it in the child by reflection); add `opens java.util to java.logging;`"
                        + " to the module-info.java of java.base",
                e.getMessage());
    }

    @Test
    void onTheClassPathTheFixIsAnOpenPackage() {
        GipcException e = assertThrows(
                GipcException.class, () -> ModuleAccess.requireReachable(JDK_LAMBDA, "the decoder of a handle"));
        assertTrue(e.getMessage().contains("does not open to gipc (on the class path)"), e.getMessage());
        assertTrue(
                e.getMessage().endsWith("add `opens java.util;` to the module-info.java of java.base"), e.getMessage());
    }

    @Test
    void aLambdaInAPackageOpenToGipcIsReachable() {
        // A module's packages are open to itself.
        ModuleAccess.requireReachable(JDK_LAMBDA, "the target", Object.class.getModule());
    }

    @Test
    void otherClassesAreLeftToTheCodec() {
        // The codec reads a named class's fields, or a record's components, in the parent: it says what is missing.
        ModuleAccess.requireReachable(
                java.util.ArrayList.class,
                "the target",
                ModuleLayer.boot().findModule("java.logging").orElseThrow());
    }

    @Test
    void aModuleOfALayerCreatedAtRunTimeIsRefused(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("src/demo.layer");
        Files.createDirectories(src.resolve("demo/layer"));
        Files.writeString(src.resolve("module-info.java"), "module demo.layer { opens demo.layer; }");
        Files.writeString(src.resolve("demo/layer/Job.java"), "package demo.layer; public class Job {}");
        Path classes = dir.resolve("classes");
        StringWriter log = new StringWriter();
        int rc = ToolProvider.findFirst("javac")
                .orElseThrow()
                .run(
                        new PrintWriter(log),
                        new PrintWriter(log),
                        "-d",
                        classes.toString(),
                        src.resolve("module-info.java").toString(),
                        src.resolve("demo/layer/Job.java").toString());
        assertEquals(0, rc, log.toString());

        ModuleLayer boot = ModuleLayer.boot();
        Configuration config =
                boot.configuration().resolve(ModuleFinder.of(classes), ModuleFinder.of(), Set.of("demo.layer"));
        ModuleLayer layer = boot.defineModulesWithOneLoader(config, ClassLoader.getSystemClassLoader());
        Class<?> job = layer.findLoader("demo.layer").loadClass("demo.layer.Job");

        GipcException e = assertThrows(GipcException.class, () -> ModuleAccess.requireReachable(job, "the target"));
        assertTrue(
                e.getMessage()
                        .startsWith("cannot ship the target to a child: it is an instance of"
                                + " demo.layer.Job, in module demo.layer, which is not in the boot layer"),
                e.getMessage());
    }
}
