package io.github.ralphresume.adapters.tmux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TmuxBinaryTest {
  @TempDir Path dir;

  @Test
  void givenTmuxInSecondPathEntry_resolve_findsIt() throws IOException {
    Path tmux = executable(dir.resolve("b/tmux"));
    Files.createDirectories(dir.resolve("a"));

    assertEquals(
        Optional.of(tmux),
        TmuxBinary.resolve("tmux", dir.resolve("a") + ":" + " " + ":" + dir.resolve("b")));
  }

  @Test
  void givenNonExecutableFileFirst_resolve_skipsIt() throws IOException {
    Files.createDirectories(dir.resolve("a"));
    Files.writeString(dir.resolve("a/tmux"), "not a program");
    Path tmux = executable(dir.resolve("b/tmux"));

    assertEquals(
        Optional.of(tmux), TmuxBinary.resolve("tmux", dir.resolve("a") + ":" + dir.resolve("b")));
  }

  @Test
  void givenNoTmuxOnPath_resolve_findsNothing() throws IOException {
    Files.createDirectories(dir.resolve("tmux"));

    assertEquals(Optional.empty(), TmuxBinary.resolve("tmux", dir.toString()));
    assertEquals(Optional.empty(), TmuxBinary.resolve("tmux", ""));
  }

  @Test
  void givenPath_resolve_usesItWithoutSearching() throws IOException {
    Path fake = executable(dir.resolve("fake/tmux-3.4"));

    assertEquals(Optional.of(fake), TmuxBinary.resolve(fake.toString(), "/usr/bin:/bin"));
    assertEquals(
        Optional.empty(), TmuxBinary.resolve(dir.resolve("missing").toString(), "/usr/bin"));
  }

  private static Path executable(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, "#!/bin/sh\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    return file;
  }
}
