package io.github.ralphresume.central;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Maven Central's requirements (central.sonatype.org/publish/requirements), checked on a bundle
 * laid out as a repository: for every component a POM with coordinates that match its path, a name
 * and a description of its own, and a URL, a license (name and URL), a developer (name) and SCM
 * information (URL and connection) of its own or from a parent in the bundle; for a jar, its
 * sources and javadoc jars with sources and HTML in them; MD5 and SHA-1 checksums that match every
 * file; nothing else in the bundle.
 *
 * <p>What only a release needs is reported apart, so that a SNAPSHOT bundle can be checked as a
 * rehearsal: a version without {@code -SNAPSHOT}, no SNAPSHOT dependency, a license that is not the
 * placeholder, and a GPG signature ({@code .asc}) for every file. For a release version, or when
 * signatures are required, those are problems too.
 */
final class CentralRequirements {
  static final String PLACEHOLDER = "LICENSE-PLACEHOLDER";

  /** What is wrong now, and what a release would still need (empty for a release). */
  record Report(List<String> problems, Set<String> releaseNeeds) {}

  private record Component(Path dir, String group, String artifact, String version) {}

  private CentralRequirements() {}

  static Report check(Path staging, boolean signaturesRequired) throws IOException {
    List<String> problems = new ArrayList<>();
    Set<String> releaseNeeds = new LinkedHashSet<>();
    Map<String, Element> poms = new TreeMap<>();
    List<Component> components = components(staging, problems);
    for (Component component : components) {
      Path pom = component.dir().resolve(component.artifact() + "-" + component.version() + ".pom");
      if (!Files.isRegularFile(pom)) {
        problems.add(component.artifact() + ": no " + pom.getFileName());
        continue;
      }
      try {
        poms.put(key(component.group(), component.artifact(), component.version()), read(pom));
      } catch (Exception unreadable) {
        problems.add(
            component.artifact() + ": " + pom.getFileName() + " is not XML: " + unreadable);
      }
    }
    for (Component component : components) {
      Element pom = poms.get(key(component.group(), component.artifact(), component.version()));
      if (pom == null) continue;
      String name = component.artifact();
      boolean release = !component.version().endsWith("-SNAPSHOT");
      List<String> needs = new ArrayList<>();

      // Coordinates, own or the parent's, as the path says.
      Element parent = child(pom, "parent");
      String group =
          text(pom, "groupId").isEmpty() ? text(parent, "groupId") : text(pom, "groupId");
      String version =
          text(pom, "version").isEmpty() ? text(parent, "version") : text(pom, "version");
      if (!text(pom, "artifactId").equals(component.artifact())) {
        problems.add(name + ": artifactId " + text(pom, "artifactId") + " does not match its path");
      }
      if (!group.equals(component.group())) {
        problems.add(name + ": groupId " + group + " does not match its path");
      }
      if (!version.equals(component.version())) {
        problems.add(name + ": version " + version + " does not match its path");
      }
      if (!release) needs.add("a release version (not " + component.version() + ")");

      // Metadata: name and description of its own, the rest possibly from the parent.
      for (String own : List.of("name", "description")) {
        if (text(pom, own).isEmpty()) problems.add(name + ": no <" + own + ">");
      }
      Element effectiveParent = null;
      if (parent != null) {
        effectiveParent =
            poms.get(
                key(text(parent, "groupId"), text(parent, "artifactId"), text(parent, "version")));
        if (effectiveParent == null) {
          problems.add(
              name + ": its parent " + text(parent, "artifactId") + " is not in the bundle");
        }
      }
      if (inherited(pom, effectiveParent, "url").isEmpty()) problems.add(name + ": no <url>");
      Element licenses = inheritedElement(pom, effectiveParent, "licenses");
      List<Element> licenseList = children(licenses, "license");
      if (licenseList.isEmpty()) problems.add(name + ": no <licenses><license>");
      for (Element license : licenseList) {
        if (text(license, "name").isEmpty() || text(license, "url").isEmpty()) {
          problems.add(name + ": a license without a name or a URL");
        }
        if (text(license, "name").contains(PLACEHOLDER)) needs.add("a license chosen");
      }
      List<Element> developers =
          children(inheritedElement(pom, effectiveParent, "developers"), "developer");
      if (developers.isEmpty()) problems.add(name + ": no <developers><developer>");
      for (Element developer : developers) {
        if (text(developer, "name").isEmpty()) problems.add(name + ": a developer without a name");
      }
      Element scm = inheritedElement(pom, effectiveParent, "scm");
      if (text(scm, "url").isEmpty() || text(scm, "connection").isEmpty()) {
        problems.add(name + ": no <scm> with <url> and <connection>");
      }
      for (Element dependency : descendants(pom, "dependency")) {
        if (text(dependency, "version").endsWith("-SNAPSHOT")
            && !text(dependency, "version").equals(component.version())) {
          needs.add("no SNAPSHOT dependency (" + text(dependency, "artifactId") + ")");
        }
      }

      // The jar set.
      String packaging = text(pom, "packaging").isEmpty() ? "jar" : text(pom, "packaging");
      String base = component.artifact() + "-" + component.version();
      if (packaging.equals("jar")) {
        checkJar(component.dir().resolve(base + ".jar"), ".class", name, problems);
        checkJar(component.dir().resolve(base + "-sources.jar"), ".java", name, problems);
        checkJar(component.dir().resolve(base + "-javadoc.jar"), ".html", name, problems);
      } else if (!packaging.equals("pom")) {
        problems.add(name + ": packaging " + packaging + " is not checked here");
      }

      // Checksums and signatures of every file.
      try (Stream<Path> listing = Files.list(component.dir())) {
        for (Path file : listing.sorted().toList()) {
          String fileName = file.getFileName().toString();
          if (fileName.endsWith(".md5")
              || fileName.endsWith(".sha1")
              || fileName.endsWith(".asc")) {
            Path signed = file.resolveSibling(fileName.substring(0, fileName.lastIndexOf('.')));
            if (!Files.isRegularFile(signed)) problems.add(name + ": " + fileName + " of no file");
            continue;
          }
          if (!fileName.startsWith(base + ".") && !fileName.startsWith(base + "-")) {
            problems.add(name + ": " + fileName + " is not part of " + base);
          }
          checkDigest(file, "MD5", ".md5", name, problems);
          checkDigest(file, "SHA-1", ".sha1", name, problems);
          if (!Files.isRegularFile(file.resolveSibling(fileName + ".asc"))) {
            if (signaturesRequired) problems.add(name + ": " + fileName + " is not signed");
            else needs.add("GPG signatures (.asc) of every file");
          }
        }
      }
      if (release) {
        for (String need : needs) problems.add(name + ": needs " + need);
      } else {
        releaseNeeds.addAll(needs);
      }
    }
    return new Report(problems, releaseNeeds);
  }

  /** Every group/artifact/version directory; a file anywhere else is a problem. */
  private static List<Component> components(Path staging, List<String> problems)
      throws IOException {
    List<Component> found = new ArrayList<>();
    if (!Files.isDirectory(staging)) {
      problems.add(staging + " does not exist");
      return found;
    }
    try (Stream<Path> walk = Files.walk(staging)) {
      for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
        Path relative = staging.relativize(file);
        int count = relative.getNameCount();
        if (count < 4) {
          problems.add(relative + " is outside any group/artifact/version directory");
          continue;
        }
        String version = relative.getName(count - 2).toString();
        String artifact = relative.getName(count - 3).toString();
        String group = relative.subpath(0, count - 3).toString().replace('/', '.');
        Component component = new Component(file.getParent(), group, artifact, version);
        if (!found.contains(component)) found.add(component);
      }
    }
    return found;
  }

  private static void checkJar(Path jar, String needed, String name, List<String> problems) {
    if (!Files.isRegularFile(jar)) {
      problems.add(name + ": no " + jar.getFileName());
      return;
    }
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      boolean has = zip.stream().map(ZipEntry::getName).anyMatch(entry -> entry.endsWith(needed));
      if (!has) problems.add(name + ": " + jar.getFileName() + " holds no " + needed + " file");
    } catch (IOException broken) {
      problems.add(name + ": " + jar.getFileName() + " is not a jar: " + broken.getMessage());
    }
  }

  private static void checkDigest(
      Path file, String algorithm, String extension, String name, List<String> problems)
      throws IOException {
    Path sum = file.resolveSibling(file.getFileName() + extension);
    if (!Files.isRegularFile(sum)) {
      problems.add(name + ": no " + sum.getFileName());
      return;
    }
    String recorded =
        Files.readString(sum).trim().split("\\s+")[0].toLowerCase(java.util.Locale.ROOT);
    if (!recorded.equals(digest(file, algorithm))) {
      problems.add(name + ": " + sum.getFileName() + " does not match the file");
    }
  }

  static String digest(Path file, String algorithm) throws IOException {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance(algorithm).digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException(algorithm + " is required of every JDK", impossible);
    }
  }

  private static String key(String group, String artifact, String version) {
    return group + ":" + artifact + ":" + version;
  }

  private static Element read(Path pom) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
  }

  private static String inherited(Element pom, Element parent, String name) {
    String own = text(pom, name);
    return own.isEmpty() && parent != null ? text(parent, name) : own;
  }

  private static Element inheritedElement(Element pom, Element parent, String name) {
    Element own = child(pom, name);
    return own == null && parent != null ? child(parent, name) : own;
  }

  /** The direct child {@code name} of {@code parent}, or null. */
  private static Element child(Element parent, String name) {
    if (parent == null) return null;
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && element.getTagName().equals(name)) return element;
    }
    return null;
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    if (parent == null) return found;
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && element.getTagName().equals(name)) found.add(element);
    }
    return found;
  }

  private static List<Element> descendants(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    NodeList nodes = parent.getElementsByTagName(name);
    for (int i = 0; i < nodes.getLength(); i++) found.add((Element) nodes.item(i));
    return found;
  }

  /** The trimmed text of the direct child {@code name}, or "". */
  private static String text(Element parent, String name) {
    Element child = child(parent, name);
    return child == null ? "" : child.getTextContent().trim();
  }
}
