package io.github.ralphresume.app.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where Codex keeps its hooks and settings for a scope, where this installation's launcher is, and
 * how a hooks file is replaced: shared by {@code install codex}, {@code uninstall codex} and {@code
 * doctor}.
 */
final class CodexInstallation {
  /**
   * The system property the launchers set to their own absolute path, so that {@code install codex}
   * can write a command that runs this installation.
   */
  static final String LAUNCHER_PROPERTY = "ralph.resume.launcher";

  /** {@return the launcher this JVM was started by, or "" when not through bin/ralph-resume} */
  static String startedLauncher() {
    return System.getProperty(LAUNCHER_PROPERTY, "");
  }

  /** {@return this installation's hook command, or "" when its launcher is not known} */
  static String installedCommand() {
    String launcher = startedLauncher();
    return launcher.isEmpty() ? "" : CodexHooks.command(launcher);
  }

  /** The two places Codex reads a {@code hooks.json} from. */
  enum Scope {
    USER,
    PROJECT;

    static Scope parse(String text) {
      return switch (text) {
        case "user" -> USER;
        case "project" -> PROJECT;
        default ->
            throw new UsageException("unknown scope \"" + text + "\": expected user or project");
      };
    }
  }

  private CodexInstallation() {}

  /** {@code $CODEX_HOME}, else {@code ~/.codex}. */
  static Path codexHome(Map<String, String> environment) {
    String home = environment.getOrDefault("CODEX_HOME", "").trim();
    if (!home.isEmpty()) return absolute(home, "CODEX_HOME");
    String user = environment.getOrDefault("HOME", "").trim();
    if (user.isEmpty()) user = System.getProperty("user.home");
    return absolute(user, "HOME").resolve(".codex");
  }

  /** The project directory: {@code --project DIR}, else the current directory. */
  static Path project(String option) {
    Path dir = absolute(option == null ? "" : option, "--project");
    if (!Files.isDirectory(dir)) {
      throw new UsageException("project " + dir + " is not a directory");
    }
    return dir;
  }

  /** The folder Codex reads {@code hooks.json} and {@code config.toml} from for a scope. */
  static Path configFolder(Scope scope, Map<String, String> environment, Path project) {
    return scope == Scope.USER ? codexHome(environment) : project.resolve(".codex");
  }

  private static Path absolute(String text, String origin) {
    try {
      return Path.of(text).toAbsolutePath().normalize();
    } catch (InvalidPathException invalid) {
      throw new UsageException(origin + " \"" + text + "\" is not a valid path");
    }
  }

  /**
   * The launcher the hooks will run: {@code --command}, else the one this process was started by.
   */
  static String launcher(String commandOption) {
    if (commandOption != null) {
      Path path;
      try {
        path = Path.of(commandOption);
      } catch (InvalidPathException invalid) {
        throw new UsageException("--command \"" + commandOption + "\" is not a valid path");
      }
      if (!path.isAbsolute()) {
        throw new UsageException(
            "--command must be an absolute path (Codex runs hooks from the project directory)");
      }
      if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
        throw new UsageException("--command " + path + " is not an executable file");
      }
      return path.normalize().toString();
    }
    String started = startedLauncher();
    if (started.isEmpty()) {
      throw new UsageException(
          "cannot tell where this installation's launcher is (it was not started through"
              + " bin/ralph-resume): run bin/ralph-resume install codex, or pass --command"
              + " /absolute/path/to/bin/ralph-resume");
    }
    Path path = Path.of(started);
    if (!Files.isExecutable(path)) {
      throw new UsageException(
          "the launcher " + path + " is not an executable file; pass --command PATH");
    }
    return started;
  }

  /** The file's text, or empty when there is no file. */
  static Optional<String> read(Path file) {
    try {
      return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException missing) {
      return Optional.empty();
    } catch (java.nio.charset.CharacterCodingException notUtf8) {
      throw new UsageException(file + " is not UTF-8 text; nothing changed");
    } catch (IOException unreadable) {
      throw new IllegalStateException(
          "cannot read " + file + ": " + describe(unreadable) + "; nothing changed", unreadable);
    }
  }

  /**
   * Replaces {@code file} with {@code text}, atomically and durably; the previous text, if any, is
   * kept as {@code <file>.bak} first. A file that is a symbolic link (a dotfiles repository, say)
   * is written where it points, and stays a link. Nothing changes when any step fails.
   *
   * @return the backup, if one was written
   */
  static Optional<Path> replace(Path file, String text, Optional<String> previous) {
    Path target = file;
    List<Path> temps = new ArrayList<>();
    try {
      if (Files.isSymbolicLink(file)) target = file.toRealPath();
      Path dir = target.getParent();
      if (!Files.isDirectory(dir)) Files.createDirectories(dir);
      Path temp = writeTemp(target, text.getBytes(StandardCharsets.UTF_8), temps);
      Optional<Path> backup = Optional.empty();
      if (previous.isPresent()) {
        Path bak = file.resolveSibling(file.getFileName() + ".bak");
        Path bakTemp = writeTemp(bak, previous.get().getBytes(StandardCharsets.UTF_8), temps);
        Files.move(
            bakTemp, bak, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        temps.remove(bakTemp);
        backup = Optional.of(bak);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      temps.remove(temp);
      syncDirectory(dir);
      return backup;
    } catch (IOException failure) {
      throw new IllegalStateException(
          "cannot write " + target + ": " + describe(failure) + "; nothing changed", failure);
    } finally {
      for (Path temp : temps) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // The message above already says the write failed; a stray temp file is only litter.
        }
      }
    }
  }

  /** A synced temp file next to {@code target}, with the target's permissions when it has some. */
  private static Path writeTemp(Path target, byte[] bytes, List<Path> temps) throws IOException {
    Path temp =
        target.resolveSibling(
            target.getFileName()
                + ".tmp-"
                + ProcessHandle.current().pid()
                + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 12));
    try (FileChannel channel =
        FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      temps.add(temp);
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) channel.write(buffer);
      channel.force(true);
    }
    try {
      Set<PosixFilePermission> permissions =
          Files.getPosixFilePermissions(target, LinkOption.NOFOLLOW_LINKS);
      Files.setPosixFilePermissions(temp, permissions);
    } catch (NoSuchFileException | UnsupportedOperationException nothingToKeep) {
      // A new file keeps the default permissions.
    }
    return temp;
  }

  private static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException unsupported) {
      // Not every platform syncs a directory; the rename is atomic all the same.
    }
  }

  private static String describe(IOException failure) {
    if (failure instanceof AccessDeniedException) return "permission denied";
    if (failure instanceof NoSuchFileException) return "no such file or directory";
    if (failure instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason().toLowerCase(java.util.Locale.ROOT);
    }
    return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
  }
}
