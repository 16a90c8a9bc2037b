package io.github.ralphresume.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The public API of every module with exports, against the listing committed in {@code
 * api/ralph-resume-<module>.api}: an API change is a deliberate, reviewed diff of that file. With
 * {@code -Dralph.api.update=true} (profile {@code api-update}) the listings are written instead.
 */
class ApiBaselineTest {
  static final String REGENERATE =
      "./mvnw -q -Papi-update -pl architecture-tests -am test -Dtest=ApiBaselineTest"
          + " -Dsurefire.failIfNoSpecifiedTests=false";

  static final Path API_DIR =
      Path.of(System.getProperty("ralph.api.dir", "../api")).toAbsolutePath().normalize();
  static final boolean UPDATE = Boolean.getBoolean("ralph.api.update");

  static Stream<String> modulesWithExports() {
    return OurModules.ALL.stream()
        .filter(name -> !ApiListing.apiPackages(OurModules.named(name).descriptor()).isEmpty());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("modulesWithExports")
  void theApiIsTheCommittedOne(String moduleName) throws IOException {
    ModuleReference module = OurModules.named(moduleName);
    String actual = ApiListing.of(module, REGENERATE);
    Path file = API_DIR.resolve(OurModules.artifactId(moduleName) + ".api");
    if (UPDATE) {
      Files.createDirectories(API_DIR);
      Files.writeString(file, actual, StandardCharsets.UTF_8);
      System.out.println("api-update: wrote " + file);
      return;
    }
    if (!Files.exists(file)) {
      fail(
          file
              + " is missing. The module "
              + moduleName
              + " exports packages; generate its"
              + " listing with\n  "
              + REGENERATE
              + "\nand commit it.");
    }
    String expected = Files.readString(file, StandardCharsets.UTF_8);
    if (!expected.equals(actual)) {
      fail(
          "The public API of "
              + moduleName
              + " differs from "
              + API_DIR.getParent().relativize(file)
              + " (- committed, + code):\n"
              + diff(expected, actual)
              + "\nIf the change is intended, regenerate the listing and commit it with the change:\n  "
              + REGENERATE
              + "\n");
    }
  }

  @Test
  void everyListingBelongsToAModuleWithExports() throws IOException {
    Set<String> expected = new TreeSet<>();
    modulesWithExports().forEach(name -> expected.add(OurModules.artifactId(name) + ".api"));
    Set<String> present = new TreeSet<>();
    if (Files.isDirectory(API_DIR)) {
      try (Stream<Path> files = Files.list(API_DIR)) {
        files
            .map(path -> path.getFileName().toString())
            .filter(name -> name.endsWith(".api"))
            .forEach(present::add);
      }
    }
    if (UPDATE) return;
    assertEquals(expected, present, "api/ holds exactly one listing per module with exports");
  }

  @Test
  void theAppsExportNothing() {
    for (String app : List.of(OurModules.PREFIX + "app.cli", OurModules.PREFIX + "app.http")) {
      assertEquals(Set.of(), OurModules.named(app).descriptor().exports(), app);
    }
  }

  /** A line diff (longest common subsequence) showing changed lines with two lines of context. */
  static String diff(String expected, String actual) {
    String[] a = expected.split("\n", -1);
    String[] b = actual.split("\n", -1);
    int[][] lcs = new int[a.length + 1][b.length + 1];
    for (int i = a.length - 1; i >= 0; i--) {
      for (int j = b.length - 1; j >= 0; j--) {
        lcs[i][j] =
            a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<String> lines = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < a.length || j < b.length) {
      if (i < a.length && j < b.length && a[i].equals(b[j])) {
        lines.add("  " + a[i]);
        i++;
        j++;
      } else if (i < a.length && (j == b.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
        lines.add("- " + a[i++]);
      } else {
        lines.add("+ " + b[j++]);
      }
    }
    StringBuilder out = new StringBuilder();
    int lastShown = -1;
    for (int k = 0; k < lines.size(); k++) {
      if (lines.get(k).startsWith("  ")) continue;
      int from = Math.max(lastShown + 1, k - 2);
      if (lastShown >= 0 && from > lastShown + 1) out.append("  …\n");
      int to = Math.min(lines.size() - 1, k + 2);
      for (int n = from; n <= to; n++) out.append(lines.get(n)).append('\n');
      lastShown = Math.max(lastShown, to);
    }
    return out.toString();
  }
}
