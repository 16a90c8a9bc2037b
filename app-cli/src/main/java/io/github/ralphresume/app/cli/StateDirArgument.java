package io.github.ralphresume.app.cli;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Checks a state dir given on the command line before anything touches it. */
final class StateDirArgument {
  private StateDirArgument() {}

  /**
   * The state dir, or a usage error naming what is wrong with it. Nothing is created: a missing
   * state dir means OMX never ran here, and making one would hide a wrong path.
   */
  static Path validate(String text) {
    if (text == null || text.isBlank()) throw new UsageException("--state-dir is empty");
    Path path;
    try {
      // Normalised as text first, as Node's path.join does: "a/missing/../state" is "a/state".
      path = Path.of(text).normalize();
    } catch (InvalidPathException invalid) {
      throw new UsageException("state dir \"" + text + "\" is not a valid path");
    }
    if (path.toString().isEmpty()) path = Path.of(".");
    if (Files.isSymbolicLink(path)) {
      throw new UsageException(
          "state dir " + text + " is a symbolic link; pass the directory it points to");
    }
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      throw new UsageException("state dir " + text + " does not exist");
    }
    if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      throw new UsageException("state dir " + text + " is not a directory");
    }
    return path;
  }
}
