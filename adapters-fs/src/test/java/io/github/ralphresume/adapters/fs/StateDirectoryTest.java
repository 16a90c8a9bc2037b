package io.github.ralphresume.adapters.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
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
}
