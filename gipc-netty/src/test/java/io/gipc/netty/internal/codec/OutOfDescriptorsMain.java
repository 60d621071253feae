package io.gipc.netty.internal.codec;

import io.gipc.Gipc;
import io.gipc.GipcException;
import io.gipc.GipcPipe;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs in a JVM of its own ({@link OutOfDescriptorsTest}): the default codec's first use, and a startProcess, while
 * the process has no descriptor left; then the codec once descriptors are back. Prints what happened.
 */
public final class OutOfDescriptorsMain {
    private OutOfDescriptorsMain() {}

    public static void main(String[] args) throws Exception {
        loadEveryClassFromDirectories(); // as from a jar, which is open already: loading them needs no descriptor
        try (GipcPipe<byte[]> warmUp = Gipc.rawPipe()) {
            System.out.println("transport ready: " + warmUp.reader().isClosed());
        }
        List<FileInputStream> hog = new ArrayList<>();
        try {
            while (true) {
                hog.add(new FileInputStream("/dev/null"));
            }
        } catch (IOException outOfDescriptors) {
            System.out.println("holding " + hog.size() + " descriptors: " + outOfDescriptors.getMessage());
        }
        try {
            report("first use", () -> DefaultCodec.decode(DefaultCodec.encode(new ArrayList<>(List.of(1, "x")))));
            report("startProcess", () -> Gipc.startProcess(OutOfDescriptorsMain::nothing));
        } finally {
            for (FileInputStream in : hog) {
                in.close();
            }
        }
        ZonedDateTime paris = ZonedDateTime.now(ZoneId.of("Europe/Paris"));
        Object back = DefaultCodec.decode(DefaultCodec.encode(new ArrayList<>(List.of(paris, 2))));
        System.out.println("after: " + (back.equals(List.of(paris, 2)) ? "the codec works" : "wrong: " + back));
    }

    static void nothing() {}

    private interface Action {
        Object run() throws Exception;
    }

    private static void report(String what, Action action) {
        try {
            System.out.println(what + ": ok " + action.run());
        } catch (GipcException e) {
            System.out.println(what + ": GipcException " + e.getMessage());
        } catch (Throwable t) {
            System.out.println(what + ": RAW " + t);
            t.printStackTrace(System.out);
        }
    }

    private static void loadEveryClassFromDirectories() throws IOException {
        ClassLoader loader = OutOfDescriptorsMain.class.getClassLoader();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path root = Path.of(entry);
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                    String name = root.relativize(file).toString().replace(File.separatorChar, '.');
                    name = name.substring(0, name.length() - ".class".length());
                    try {
                        Class.forName(name, false, loader);
                    } catch (ClassNotFoundException | LinkageError e) {
                        // module-info and the like
                    }
                }
            }
        }
    }
}
