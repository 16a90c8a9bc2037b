package io.github.ralphresume.adapters.tmux;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the tmux executable the way the reference's {@code resolveTmuxBinaryForPlatform} does on
 * POSIX: a name with a {@code /} is a path, anything else is searched on {@code PATH}. Looking it
 * up ourselves (rather than letting the OS do it) makes the settings' {@code PATH} the one that
 * counts, which is what lets a caller, or a test, say "tmux is not installed".
 */
final class TmuxBinary {
  private TmuxBinary() {}

  static Optional<Path> resolve(String command, String searchPath) {
    String name = command.trim();
    if (name.isEmpty()) return Optional.empty();
    if (name.contains("/")) return executable(name, null);
    for (String entry : searchPath.split(File.pathSeparator, -1)) {
      String directory = entry.trim();
      if (directory.isEmpty()) continue;
      Optional<Path> found = executable(directory, name);
      if (found.isPresent()) return found;
    }
    return Optional.empty();
  }

  private static Optional<Path> executable(String first, String second) {
    try {
      Path candidate = (second == null ? Path.of(first) : Path.of(first, second)).toAbsolutePath();
      return Files.isRegularFile(candidate) && Files.isExecutable(candidate)
          ? Optional.of(candidate)
          : Optional.empty();
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }
}
