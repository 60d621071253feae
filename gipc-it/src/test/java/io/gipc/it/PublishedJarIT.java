package io.gipc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.spi.GipcProvider;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The published gipc-netty: a plain jar of gipc's own classes (the default codec writes Protostuff's wire format
 * with code of its own, so no Protostuff class is inside, relocated or not), a real module descriptor, a POM
 * without Protostuff.
 */
class PublishedJarIT {
    @Test
    void theJarHoldsGipcsOwnClassesOnly() throws Exception {
        Path jar = ItSupport.gipcNettyJar();
        try (JarFile jf = new JarFile(jar.toFile())) {
            List<String> names = jf.stream().map(JarEntry::getName).collect(Collectors.toList());
            assertEquals(
                    List.of(),
                    names.stream()
                            .filter(n -> n.endsWith(".class"))
                            .filter(n -> !n.equals("module-info.class"))
                            .filter(n -> !n.startsWith("io/gipc/netty/"))
                            .collect(Collectors.toList()),
                    "classes of another library in " + jar);
            assertEquals(
                    List.of(),
                    names.stream()
                            .filter(n -> n.toLowerCase(Locale.ROOT).contains("protostuff"))
                            .collect(Collectors.toList()),
                    "Protostuff in " + jar);
            assertTrue(names.contains("io/gipc/netty/internal/codec/WireOutput.class"), "the codec's own writer");
            assertTrue(names.contains("module-info.class"), "module descriptor at the root of " + jar);

            assertEquals(
                    "io.gipc.netty.internal.NettyGipcProvider",
                    read(jf, "META-INF/services/io.gipc.spi.GipcProvider").trim(),
                    "service file for the class path");

            Document pom = parse(jf.getInputStream(jf.getEntry("META-INF/maven/io.gipc/gipc-netty/pom.xml")));
            assertPublishedDependencies(pom, "the POM inside " + jar);
        }
    }

    @Test
    void theJarIsTheNamedModuleIoGipcNetty() throws Exception {
        Path jar = ItSupport.gipcNettyJar();
        ModuleDescriptor d = ModuleFinder.of(jar).findAll().iterator().next().descriptor();

        assertEquals("io.gipc.netty", d.name());
        assertFalse(d.isAutomatic(), "an explicit module, not an automatic one");
        assertEquals(
                Set.of("io.gipc.netty"),
                d.exports().stream()
                        .map(e -> {
                            assertTrue(e.targets().isEmpty(), "unqualified export " + e);
                            return e.source();
                        })
                        .collect(Collectors.toSet()),
                "exports");
        assertEquals(
                Set.of("io.gipc.netty.internal.posix -> [com.sun.jna]"),
                d.opens().stream()
                        .map(o -> o.source() + " -> " + new TreeSet<>(o.targets()))
                        .collect(Collectors.toSet()),
                "opens");
        assertEquals(1, d.provides().size(), "provides");
        ModuleDescriptor.Provides provides = d.provides().iterator().next();
        assertEquals("io.gipc.spi.GipcProvider", provides.service());
        assertEquals(List.of("io.gipc.netty.internal.NettyGipcProvider"), provides.providers());

        Set<String> requires =
                d.requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet());
        for (String m : List.of(
                "io.gipc",
                "io.netty.transport",
                "io.netty.transport.classes.epoll",
                "io.netty.transport.epoll.linux.x86_64",
                "io.netty.transport.epoll.linux.aarch_64",
                "io.netty.transport.kqueue.osx.x86_64",
                "io.netty.transport.kqueue.osx.aarch_64",
                "com.sun.jna",
                "jdk.unsupported")) {
            assertTrue(requires.contains(m), "requires " + m + ": " + requires);
        }
        assertEquals(
                List.of(),
                d.packages().stream()
                        .filter(p -> !p.startsWith("io.gipc.netty"))
                        .sorted()
                        .collect(Collectors.toList()),
                "packages of another library in the module");
        assertFalse(
                d.packages().stream().anyMatch(p -> p.contains("protostuff")),
                d.packages().toString());
    }

    /**
     * Every module that the jar's classes use is required by the descriptor (which is written by hand, beside
     * the sources, and checked by nothing else when the code changes): jdeps --check suggests a descriptor from
     * the bytecode, and each module it suggests must be declared.
     */
    @Test
    void theDescriptorRequiresEveryModuleTheCodeUses() throws Exception {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps")
                .orElseThrow(() -> new AssertionError("no jdeps in " + System.getProperty("java.home")));
        String[] args = {
            "--multi-release", "17", "--module-path", ItSupport.modulePath().toString(), "--check", "io.gipc.netty"
        };
        StringWriter log = new StringWriter();
        int rc;
        try (PrintWriter w = new PrintWriter(log)) {
            rc = jdeps.run(w, w, args);
        }
        String out = log.toString();
        String report = "jdeps " + String.join(" ", args) + "\n" + out;
        assertEquals(0, rc, report);

        Set<String> declared = requiresIn(out, "[Module descriptor]");
        Set<String> suggested = requiresIn(out, "[Suggested module descriptor for io.gipc.netty]");
        assertTrue(declared.contains("io.gipc"), "jdeps printed the declared descriptor\n" + report);
        Set<String> missing = new TreeSet<>(suggested);
        missing.removeAll(declared);
        assertEquals(
                Set.of(),
                missing,
                "modules the code uses but gipc-netty/src/main/module/module-info.java" + " does not require\n"
                        + report);
    }

    /** What installing or deploying gipc-netty publishes: its own POM, which names no Protostuff. */
    @Test
    void thePublishedPomHasNoProtostuff() throws Exception {
        Path pom = ItSupport.gipcNettyPom();
        assertTrue(Files.isRegularFile(pom), "no POM at " + pom);
        assertPublishedDependencies(parse(Files.newInputStream(pom)), pom.toString());
    }

    /**
     * The modules built after gipc-netty in the same reactor get what a user gets: no Protostuff among this
     * module's dependencies, on the module path or on the test class path, and a default codec that works.
     */
    @Test
    void downstreamModulesGetNoProtostuff() throws Exception {
        assertEquals(List.of(), ItSupport.jarsStartingWith("protostuff"), "Protostuff jars copied to the module path");
        assertThrows(ClassNotFoundException.class, () -> Class.forName("io.protostuff.Schema"));
        assertThrows(
                ClassNotFoundException.class, () -> Class.forName("io.gipc.netty.internal.shaded.protostuff.Schema"));
        GipcProvider provider =
                ServiceLoader.load(GipcProvider.class).findFirst().orElseThrow();
        List<Object> value = List.of("a message", 42L, Map.of("key", 1.5));
        assertEquals(
                value,
                provider.defaultDecoder().decode(provider.defaultEncoder().encode(value)));
    }

    private static void assertPublishedDependencies(Document pom, String what) {
        List<String> deps = dependencies(pom);
        assertEquals(
                List.of(),
                deps.stream().filter(d -> d.startsWith("io.protostuff:")).collect(Collectors.toList()),
                "Protostuff dependencies in " + what + ": " + deps);
        assertTrue(deps.contains("io.gipc:gipc-api"), what + ": " + deps);
        assertTrue(deps.contains("io.netty:netty-transport"), what + ": " + deps);
        assertTrue(deps.contains("net.java.dev.jna:jna"), what + ": " + deps);
    }

    /** groupId:artifactId of each project/dependencies/dependency. */
    private static List<String> dependencies(Document pom) {
        List<String> result = new ArrayList<>();
        for (Element deps : children(pom.getDocumentElement(), "dependencies")) {
            for (Element dep : children(deps, "dependency")) {
                result.add(text(dep, "groupId") + ":" + text(dep, "artifactId"));
            }
        }
        return result;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> result = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element && name.equals(n.getNodeName())) {
                result.add((Element) n);
            }
        }
        return result;
    }

    private static String text(Element parent, String name) {
        List<Element> c = children(parent, name);
        return c.isEmpty() ? "" : c.get(0).getTextContent().trim();
    }

    private static Document parse(InputStream in) throws Exception {
        try (InputStream input = in) {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder().parse(input);
        }
    }

    private static String read(JarFile jf, String entry) throws Exception {
        JarEntry e = jf.getJarEntry(entry);
        assertNotNull(e, "no " + entry + " in " + jf.getName());
        try (InputStream in = jf.getInputStream(e)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Module names on "requires ..." lines of one section of jdeps --check output. */
    private static Set<String> requiresIn(String jdepsOutput, String sectionHeader) {
        Set<String> names = new LinkedHashSet<>();
        boolean in = false;
        for (String line : jdepsOutput.lines().map(String::trim).collect(Collectors.toList())) {
            if (line.startsWith("[")) {
                in = line.equals(sectionHeader);
            } else if (in && line.startsWith("requires ")) {
                List<String> words =
                        new ArrayList<>(List.of(line.replace(";", "").split("\\s+")));
                names.add(words.get(words.size() - 1));
            }
        }
        return Collections.unmodifiableSet(names);
    }
}
