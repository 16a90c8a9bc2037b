package io.github.ralphresume.central;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The bundle this build made ({@code -Pcentral}), against Central's requirements. */
class CentralBundleIT {
  private static final Path STAGING = Path.of(System.getProperty("ralph.central.staging"));
  private static final Path BUNDLE = Path.of(System.getProperty("ralph.central.bundle"));
  private static final Path ROOT = Path.of(System.getProperty("ralph.root")).normalize();

  @Test
  void theBundle_meetsCentralsRequirements_andHoldsEveryPublishedArtifact() throws Exception {
    boolean signed = !System.getProperty("ralph.central.signed", "").isEmpty();
    CentralRequirements.Report report = CentralRequirements.check(STAGING, signed);

    assertEquals(List.of(), report.problems());
    assertEquals(published(), artifacts());
    // The zip is the staging directory, file for file.
    try (ZipFile zip = new ZipFile(BUNDLE.toFile());
        Stream<Path> files = Files.walk(STAGING)) {
      Set<String> zipped =
          zip.stream()
              .filter(entry -> !entry.isDirectory())
              .map(ZipEntry::getName)
              .collect(Collectors.toCollection(TreeSet::new));
      Set<String> staged =
          files
              .filter(Files::isRegularFile)
              .map(file -> STAGING.relativize(file).toString())
              .collect(Collectors.toCollection(TreeSet::new));
      assertEquals(staged, zipped);
    }
    if (!report.releaseNeeds().isEmpty()) {
      System.out.println("central bundle: a release still needs " + report.releaseNeeds());
    }
  }

  /** What the BOM pins, the BOM itself, and the parent its modules name. */
  private static Set<String> published() throws Exception {
    Element bom =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(ROOT.resolve("bom/pom.xml").toFile())
            .getDocumentElement();
    Set<String> names = new TreeSet<>(Set.of("ralph-resume-bom", "ralph-resume-parent"));
    NodeList dependencies = bom.getElementsByTagName("dependency");
    for (int i = 0; i < dependencies.getLength(); i++) {
      names.add(
          ((Element) dependencies.item(i))
              .getElementsByTagName("artifactId")
              .item(0)
              .getTextContent()
              .trim());
    }
    return names;
  }

  private static Set<String> artifacts() throws Exception {
    try (Stream<Path> dirs = Files.list(STAGING.resolve("io/github/ralphresume"))) {
      return dirs.map(dir -> dir.getFileName().toString())
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }
}
