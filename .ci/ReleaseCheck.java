import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Checks what a release would publish, after {@code ./mvnw -Prelease -DskipTests -Dgpg.skip verify
 * help:effective-pom -Doutput=FILE}: every module not marked {@code maven.deploy.skip} has the POM metadata Maven
 * Central asks for (name, description, url, licence, scm, developers) and, if it is a jar, its jar, sources jar
 * and Javadoc jar; a module marked {@code maven.deploy.skip} has no sources or Javadoc jar. Run by
 * {@code .ci/release-check}: {@code java .ci/ReleaseCheck.java FILE}. Exits 1 with a list of what is missing.
 */
public final class ReleaseCheck {
    private ReleaseCheck() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java .ci/ReleaseCheck.java EFFECTIVE_POMS_XML");
            System.exit(2);
        }
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new File(args[0]));
        Element root = doc.getDocumentElement();
        List<Element> projects = root.getTagName().equals("project") ? List.of(root) : children(root, "project");
        List<String> problems = new ArrayList<>();
        List<String> published = new ArrayList<>();
        for (Element project : projects) {
            String artifactId = text(project, "artifactId");
            Element properties = child(project, "properties");
            boolean skipped = properties != null && "true".equals(text(properties, "maven.deploy.skip"));
            if (skipped) {
                checkNothingAttached(project, artifactId, problems);
            } else {
                published.add(artifactId);
                checkMetadata(project, artifactId, problems);
                checkJars(project, artifactId, problems);
            }
        }
        if (published.isEmpty()) {
            problems.add("no published module found in " + args[0]);
        }
        if (!problems.isEmpty()) {
            System.err.println("release check: FAILED");
            problems.forEach(p -> System.err.println("  " + p));
            System.exit(1);
        }
        System.out.println("release check: complete for " + String.join(", ", published)
                + " (POM metadata; jar, sources and Javadoc jars where packaged as jar)");
    }

    private static void checkMetadata(Element project, String artifactId, List<String> problems) {
        for (String field : List.of("name", "description", "url")) {
            if (text(project, field) == null) {
                problems.add(artifactId + ": the POM has no <" + field + ">");
            }
        }
        Element licenses = child(project, "licenses");
        List<Element> licenseList = licenses == null ? List.of() : children(licenses, "license");
        if (licenseList.isEmpty()) {
            problems.add(artifactId + ": the POM has no <licenses>");
        }
        for (Element license : licenseList) {
            if (text(license, "name") == null || text(license, "url") == null) {
                problems.add(artifactId + ": a <license> lacks its <name> or <url>");
            }
        }
        Element scm = child(project, "scm");
        if (scm == null || text(scm, "connection") == null || text(scm, "url") == null) {
            problems.add(artifactId + ": the POM has no <scm> with <connection> and <url>");
        }
        Element developers = child(project, "developers");
        List<Element> developerList = developers == null ? List.of() : children(developers, "developer");
        if (developerList.isEmpty() || developerList.stream().anyMatch(d -> text(d, "name") == null)) {
            problems.add(artifactId + ": the POM has no <developers> with a <name> each");
        }
    }

    private static void checkJars(Element project, String artifactId, List<String> problems) throws IOException {
        String packaging = text(project, "packaging");
        if (packaging != null && !packaging.equals("jar")) {
            return; // a POM (the parent, the BOM) is published without jars
        }
        File jar = artifact(project, "");
        if (!jar.isFile()) {
            problems.add(artifactId + ": no jar " + jar);
        }
        check(
                artifact(project, "-sources"),
                artifactId,
                "sources",
                e -> e.getName().endsWith(".java"),
                problems);
        check(
                artifact(project, "-javadoc"),
                artifactId,
                "Javadoc",
                e -> e.getName().equals("index.html"),
                problems);
    }

    private static void check(
            File jar, String artifactId, String what, Predicate<ZipEntry> expected, List<String> problems)
            throws IOException {
        if (!jar.isFile()) {
            problems.add(artifactId + ": no " + what + " jar " + jar);
            return;
        }
        try (ZipFile zip = new ZipFile(jar)) {
            if (zip.stream().noneMatch(expected)) {
                problems.add(artifactId + ": the " + what + " jar " + jar + " holds none of what it should");
            }
        }
    }

    private static void checkNothingAttached(Element project, String artifactId, List<String> problems) {
        for (String classifier : List.of("-sources", "-javadoc")) {
            File f = artifact(project, classifier);
            if (f.exists()) {
                problems.add(artifactId + " is not published (maven.deploy.skip) but has " + f);
            }
        }
    }

    private static File artifact(Element project, String classifier) {
        Element build = child(project, "build");
        return new File(text(build, "directory"), text(build, "finalName") + classifier + ".jar");
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && ((Element) n).getTagName().equals(name)) {
                found.add((Element) n);
            }
        }
        return found;
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        String t = e == null ? null : e.getTextContent().trim();
        return t == null || t.isEmpty() ? null : t;
    }
}
