package io.github.ralphresume.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** The BOM pins every artifact the build publishes, at the build's version, and nothing else. */
class BomTest {
  static final Path ROOT =
      Path.of(System.getProperty("ralph.root", "..")).toAbsolutePath().normalize();

  @Test
  void theBomPinsEveryPublishedArtifactAtTheBuildsVersion() throws Exception {
    Document root = read(ROOT.resolve("pom.xml"));
    String version = text(root.getDocumentElement(), "version");
    Map<String, String> published = new TreeMap<>();
    NodeList modules = root.getElementsByTagName("module");
    for (int i = 0; i < modules.getLength(); i++) {
      String module = modules.item(i).getTextContent().trim();
      Element pom = read(ROOT.resolve(module).resolve("pom.xml")).getDocumentElement();
      String packaging = text(pom, "packaging");
      if (!packaging.isEmpty() && !packaging.equals("jar")) continue;
      if (property(pom, "maven.install.skip").equals("true")) continue;
      published.put(text(pom, "artifactId"), version);
    }

    Element bom = read(ROOT.resolve("bom/pom.xml")).getDocumentElement();
    assertEquals(version, text(bom, "version"), "the BOM's own version");
    Map<String, String> pinned = new TreeMap<>();
    NodeList dependencies = bom.getElementsByTagName("dependency");
    for (int i = 0; i < dependencies.getLength(); i++) {
      Element dependency = (Element) dependencies.item(i);
      assertEquals("io.github.ralphresume", text(dependency, "groupId"));
      pinned.put(text(dependency, "artifactId"), text(dependency, "version"));
    }

    assertTrue(published.containsKey("ralph-resume-domain"), published::toString);
    assertEquals(published, pinned);
  }

  @Test
  void theExamplesBuildAgainstThisVersionThroughTheBom() throws Exception {
    String version = text(read(ROOT.resolve("pom.xml")).getDocumentElement(), "version");
    for (String example : new String[] {"embed", "screen-locator"}) {
      Element pom =
          read(ROOT.resolve("examples").resolve(example).resolve("pom.xml")).getDocumentElement();
      assertEquals("", text(pom, "parent"), example + " stands alone, outside the build");
      assertEquals(version, property(pom, "ralph-resume.version"), example);
      NodeList imports = pom.getElementsByTagName("artifactId");
      boolean bom = false;
      for (int i = 0; i < imports.getLength(); i++) {
        bom |= imports.item(i).getTextContent().trim().equals("ralph-resume-bom");
      }
      assertTrue(bom, example + " imports ralph-resume-bom");
    }
  }

  private static Document read(Path file) throws Exception {
    assertTrue(Files.isRegularFile(file), file + " is missing");
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
  }

  /** The text of {@code parent}'s direct child {@code name}, or "". */
  private static String text(Element parent, String name) {
    for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element element && element.getTagName().equals(name)) {
        return element.getTextContent().trim();
      }
    }
    return "";
  }

  private static String property(Element pom, String name) {
    for (Node child = pom.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element element && element.getTagName().equals("properties")) {
        return text(element, name);
      }
    }
    return "";
  }
}
