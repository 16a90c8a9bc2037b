package io.github.ralphresume.adapters.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one rule both apps apply to a state dir given to them. */
class StateDirectoryTest {
  @TempDir Path root;

  @Test
  void givenDotDotThroughAMissingDirectory_validate_resolvesItAsTextLikeNode() throws Exception {
    Path state = Files.createDirectories(root.resolve("proj/.omx/state"));

    Path valid = StateDirectory.validate(root + "/proj/missing/../.omx/state", "");

    assertEquals(state, valid);
  }

  @Test
  void givenAMissingDirectory_validate_namesItAndCreatesNothing() {
    Path missing = root.resolve("nope/state");

    StateDirectory.InvalidException invalid =
        assertThrows(
            StateDirectory.InvalidException.class,
            () -> StateDirectory.validate(missing.toString(), " (from --project X)"));

    assertEquals(
        "state dir " + missing + " (from --project X) does not exist", invalid.getMessage());
    assertEquals(false, Files.exists(root.resolve("nope")));
  }

  @Test
  void givenALinkOrAFile_validate_refusesIt() throws Exception {
    Path state = Files.createDirectories(root.resolve("state"));
    Path link = Files.createSymbolicLink(root.resolve("link"), state);
    Path file = Files.writeString(root.resolve("file"), "x");

    assertEquals(
        "state dir " + link + " is a symbolic link; pass the directory it points to",
        assertThrows(
                StateDirectory.InvalidException.class,
                () -> StateDirectory.validate(link.toString(), ""))
            .getMessage());
    assertEquals(
        "state dir " + file + " is not a directory",
        assertThrows(
                StateDirectory.InvalidException.class,
                () -> StateDirectory.validate(file.toString(), ""))
            .getMessage());
  }

  @Test
  void givenADirectoryWhoseNameIsNotUtf8_validate_saysSoInsteadOfMissing() throws Exception {
    // bin/ralph-resume always runs the JVM in a UTF-8 locale; CliTest runs this through the CLI.
    org.junit.jupiter.api.Assumptions.assumeTrue(
        "UTF-8".equals(System.getProperty("sun.jnu.encoding")),
        "file names are decoded as " + System.getProperty("sun.jnu.encoding"));
    // The JVM decodes each invalid byte of an argument to U+FFFD; the directory's real name has
    // the byte 0xFF (made by the shell, as Java cannot spell it in a UTF-8 locale).
    Process mkdir =
        new ProcessBuilder("sh", "-c", "mkdir \"$1/st$(printf '\\377')ate\"", "sh", root.toString())
            .inheritIO()
            .start();
    assertEquals(0, mkdir.waitFor());
    String asTheJvmSeesIt = root + "/st\uFFFDate";

    StateDirectory.InvalidException invalid =
        assertThrows(
            StateDirectory.InvalidException.class,
            () -> StateDirectory.validate(asTheJvmSeesIt, ""));

    assertEquals(
        "state dir "
            + asTheJvmSeesIt
            + " exists, but its name has bytes that are not valid UTF-8 (each shown as U+FFFD);"
            + " ralph-resume opens UTF-8 paths only: rename the directory",
        invalid.getMessage());
    assertEquals(
        "state dir " + root + "/other\uFFFD does not exist",
        assertThrows(
                StateDirectory.InvalidException.class,
                () -> StateDirectory.validate(root + "/other\uFFFD", ""))
            .getMessage());
  }

  @Test
  void ofProject_isTheProjectsUnlessOmxRootOrOmxStateRootNameAnother() {
    Path project = root.resolve("project");

    assertEquals(project.resolve(".omx/state"), StateDirectory.ofProject(project, Map.of()));
    assertEquals(
        root.resolve("shared/.omx/state"),
        StateDirectory.ofProject(
            project, Map.of("OMX_STATE_ROOT", root + "/shared", "OMX_ROOT", " \t")));
    assertEquals(
        root.resolve("first/.omx/state"),
        StateDirectory.ofProject(
            project, Map.of("OMX_ROOT", root + "/first", "OMX_STATE_ROOT", root + "/shared")));
  }
}
