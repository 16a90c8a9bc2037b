package io.github.ralphresume.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check the bundle is held to must itself reject what Central rejects: a small bundle (a parent
 * and one jar module) that passes, then broken one way at a time.
 */
class CentralRequirementsTest {
  private static final String PARENT_METADATA =
      "<url>https://example.org/x</url>"
          + "<licenses><license><name>MIT</name><url>https://example.org/mit</url></license>"
          + "</licenses>"
          + "<developers><developer><name>Someone</name></developer></developers>"
          + "<scm><connection>scm:git:https://example.org/x.git</connection>"
          + "<url>https://example.org/x</url></scm>";

  @TempDir Path staging;

  @BeforeEach
  void setUp() throws IOException {
    bundle("1.0.0", PARENT_METADATA, true);
  }

  @Test
  void aCompleteSignedRelease_passes() throws IOException {
    CentralRequirements.Report report = CentralRequirements.check(staging, true);
    assertEquals(List.of(), report.problems());
    assertEquals(Set.of(), report.releaseNeeds());
  }

  @Test
  void aMissingSourcesOrJavadocJar_isAProblem() throws IOException {
    for (String jar : List.of("lib-1.0.0-sources.jar", "lib-1.0.0-javadoc.jar")) {
      for (String suffix : List.of("", ".md5", ".sha1", ".asc")) {
        Files.delete(module("1.0.0").resolve(jar + suffix));
      }
    }
    assertProblems("lib: no lib-1.0.0-sources.jar", "lib: no lib-1.0.0-javadoc.jar");
  }

  @Test
  void aChecksumThatDoesNotMatch_isAProblem() throws IOException {
    Files.writeString(module("1.0.0").resolve("lib-1.0.0.jar.sha1"), "0".repeat(40));
    assertProblems("lib: lib-1.0.0.jar.sha1 does not match the file");
  }

  @Test
  void metadataMissingFromThePomAndItsParent_isAProblem() throws IOException {
    clear();
    bundle("1.0.0", "<url>https://example.org/x</url>", true);
    assertProblems(
        "lib: no <licenses><license>",
        "lib: no <developers><developer>",
        "lib: no <scm> with <url> and <connection>",
        "parent: no <licenses><license>",
        "parent: no <developers><developer>",
        "parent: no <scm> with <url> and <connection>");
  }

  @Test
  void aFileTheBundleMustNotHold_isAProblem() throws IOException {
    Files.writeString(module("1.0.0").resolve("maven-metadata-local.xml"), "<metadata/>");
    List<String> problems = CentralRequirements.check(staging, true).problems();
    assertTrue(
        problems.contains("lib: maven-metadata-local.xml is not part of lib-1.0.0"),
        problems.toString());
  }

  @Test
  void aSnapshot_isARehearsal_whoseReleaseNeedsAreListed() throws IOException {
    clear();
    bundle(
        "1.0.0-SNAPSHOT",
        PARENT_METADATA.replace("<name>MIT</name>", "<name>LICENSE-PLACEHOLDER</name>"),
        false);
    CentralRequirements.Report report = CentralRequirements.check(staging, false);
    assertEquals(List.of(), report.problems());
    assertEquals(
        Set.of(
            "a release version (not 1.0.0-SNAPSHOT)",
            "a license chosen",
            "GPG signatures (.asc) of every file"),
        report.releaseNeeds());
  }

  @Test
  void aRelease_withThePlaceholderLicenseOrWithoutSignatures_isRefused() throws IOException {
    clear();
    bundle(
        "1.0.0",
        PARENT_METADATA.replace("<name>MIT</name>", "<name>LICENSE-PLACEHOLDER</name>"),
        false);
    List<String> problems = CentralRequirements.check(staging, false).problems();
    assertTrue(problems.contains("parent: needs a license chosen"), problems.toString());
    assertTrue(
        problems.contains("lib: needs GPG signatures (.asc) of every file"), problems.toString());
  }

  private void assertProblems(String... expected) throws IOException {
    assertEquals(List.of(expected), CentralRequirements.check(staging, true).problems());
  }

  private Path module(String version) {
    return staging.resolve("org/example/lib").resolve(version);
  }

  private void clear() throws IOException {
    try (Stream<Path> walk = Files.walk(staging)) {
      for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        if (!path.equals(staging)) Files.delete(path);
      }
    }
  }

  /** A parent POM with {@code metadata} and a jar module inheriting it, with checksums. */
  private void bundle(String version, String metadata, boolean signed) throws IOException {
    Path parent = Files.createDirectories(staging.resolve("org/example/parent").resolve(version));
    write(
        parent.resolve("parent-" + version + ".pom"),
        "<project><modelVersion>4.0.0</modelVersion><groupId>org.example</groupId>"
            + "<artifactId>parent</artifactId><version>"
            + version
            + "</version><packaging>pom</packaging><name>Parent</name>"
            + "<description>The parent.</description>"
            + metadata
            + "</project>",
        signed);
    Path lib = Files.createDirectories(module(version));
    write(
        lib.resolve("lib-" + version + ".pom"),
        "<project><modelVersion>4.0.0</modelVersion><parent><groupId>org.example</groupId>"
            + "<artifactId>parent</artifactId><version>"
            + version
            + "</version></parent><artifactId>lib</artifactId><name>Lib</name>"
            + "<description>A library.</description></project>",
        signed);
    jar(lib.resolve("lib-" + version + ".jar"), "org/example/Lib.class", signed);
    jar(lib.resolve("lib-" + version + "-sources.jar"), "org/example/Lib.java", signed);
    jar(lib.resolve("lib-" + version + "-javadoc.jar"), "index.html", signed);
  }

  private static void jar(Path file, String entry, boolean signed) throws IOException {
    try (OutputStream out = Files.newOutputStream(file);
        JarOutputStream jar = new JarOutputStream(out)) {
      jar.putNextEntry(new JarEntry(entry));
      jar.write(entry.getBytes(StandardCharsets.UTF_8));
      jar.closeEntry();
    }
    sums(file, signed);
  }

  private static void write(Path file, String text, boolean signed) throws IOException {
    Files.writeString(file, text);
    sums(file, signed);
  }

  private static void sums(Path file, boolean signed) throws IOException {
    Files.writeString(
        file.resolveSibling(file.getFileName() + ".md5"), CentralRequirements.digest(file, "MD5"));
    Files.writeString(
        file.resolveSibling(file.getFileName() + ".sha1"),
        CentralRequirements.digest(file, "SHA-1"));
    if (signed) {
      // The check looks for a signature file; verifying it needs the signer's public key.
      Files.writeString(
          file.resolveSibling(file.getFileName() + ".asc"), "-----BEGIN PGP SIGNATURE-----");
    }
  }
}
