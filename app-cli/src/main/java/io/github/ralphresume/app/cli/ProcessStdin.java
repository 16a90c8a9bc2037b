package io.github.ralphresume.app.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** What this process's stdin (file descriptor 0) really is. */
final class ProcessStdin {
  private static final Path FD_DIR = Path.of("/proc/self/fd");

  private ProcessStdin() {}

  /**
   * Whether the process was started with stdin closed ({@code hook <&-}). The JVM then takes
   * descriptor 0 for the first file it opens itself (its {@code lib/modules}), and reading "stdin"
   * would read that file. Told on Linux from {@code /proc/self/fd/0}; elsewhere, or when it cannot
   * be told, false.
   */
  static boolean isClosed() {
    Path target;
    try {
      target = Files.readSymbolicLink(FD_DIR.resolve("0"));
    } catch (NoSuchFileException notOpen) {
      return Files.isDirectory(FD_DIR);
    } catch (IOException | UnsupportedOperationException | SecurityException cannotTell) {
      return false;
    }
    if (!target.isAbsolute()) return false; // pipe:[…], socket:[…], anon_inode:…
    if (target.startsWith(Path.of(System.getProperty("java.home")))) return true;
    if (target.getFileName() != null && target.getFileName().toString().endsWith(".jsa")) {
      return true; // a class-data archive
    }
    String classPath = System.getProperty("java.class.path", "");
    for (String entry : classPath.split(File.pathSeparator)) {
      if (!entry.isEmpty() && Path.of(entry).toAbsolutePath().normalize().equals(target)) {
        return true;
      }
    }
    return false;
  }
}
