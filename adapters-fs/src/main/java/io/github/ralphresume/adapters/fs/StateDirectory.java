package io.github.ralphresume.adapters.fs;

import io.github.ralphresume.domain.js.JsStrings;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the apps accept as a state dir, checked before anything touches it: it must exist, be a
 * directory and not be a symbolic link. Nothing is created: a missing state dir means OMX never ran
 * there, and making one would hide a wrong path.
 *
 * @since 0.1.0
 */
public final class StateDirectory {
  private StateDirectory() {}

  /** A state dir that cannot be used, with a one-line reason naming it. */
  public static final class InvalidException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * A rejected state dir.
     *
     * @param message the one-line reason
     */
    public InvalidException(String message) {
      super(message);
    }
  }

  /**
   * The state dir OMX keeps for a project, found as the original's hook finds it: {@code
   * $OMX_ROOT/.omx/state}, else {@code $OMX_STATE_ROOT/.omx/state}, else {@code
   * <project>/.omx/state}. Nothing is checked or created.
   *
   * @param project the project directory (a hook payload's {@code cwd})
   * @param environment the process's environment
   * @return the state dir
   */
  public static Path ofProject(Path project, Map<String, String> environment) {
    for (String variable : new String[] {"OMX_ROOT", "OMX_STATE_ROOT"}) {
      String override = JsStrings.trim(environment.getOrDefault(variable, ""));
      if (!override.isEmpty()) {
        return Path.of(override).toAbsolutePath().resolve(".omx").resolve("state");
      }
    }
    return project.resolve(".omx").resolve("state");
  }

  /**
   * The state dir {@code text} names, normalised as text first as Node's {@code path.join} does
   * ({@code a/missing/../state} is {@code a/state}), so paths mean what they mean to the original.
   *
   * @param text the path as the user gave it
   * @param origin appended to the path in messages, e.g. {@code " (from --project X)"}; may be
   *     empty
   * @return the state dir
   * @throws InvalidException when it is empty, not a path, missing, a link or not a directory
   */
  public static Path validate(String text, String origin) {
    if (text == null || text.isBlank()) throw new InvalidException("the state dir is empty");
    Path path;
    try {
      path = Path.of(text).normalize();
    } catch (InvalidPathException invalid) {
      if (!isAscii(text)) {
        // The JVM decodes arguments and file names with the locale's charset (JDK 17).
        throw new InvalidException(
            "state dir \""
                + text
                + "\""
                + origin
                + " cannot be a file name in this locale's charset ("
                + System.getProperty("sun.jnu.encoding", "unknown")
                + "); run with a UTF-8 locale, e.g. LANG=C.UTF-8");
      }
      throw new InvalidException("state dir \"" + text + "\"" + origin + " is not a valid path");
    }
    if (path.toString().isEmpty()) path = Path.of(".");
    String named = "state dir " + text + origin;
    if (Files.isSymbolicLink(path)) {
      throw new InvalidException(named + " is a symbolic link; pass the directory it points to");
    }
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      if (existsWithBytesThatAreNotUtf8(path)) {
        throw new InvalidException(
            named
                + " exists, but its name has bytes that are not valid UTF-8 (each shown as"
                + " U+FFFD); ralph-resume opens UTF-8 paths only: rename the directory");
      }
      throw new InvalidException(named + " does not exist");
    }
    if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      throw new InvalidException(named + " is not a directory");
    }
    return path;
  }

  private static boolean isAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) > 0x7F) return false;
    }
    return true;
  }

  /**
   * Whether the path is missing only because a component's real name has bytes that are not UTF-8:
   * the JVM decoded each such byte of the argument to U+FFFD, and a name with U+FFFD is another
   * name. The first missing component is looked for among its parent's entries, whose names are
   * decoded the same way.
   */
  private static boolean existsWithBytesThatAreNotUtf8(Path path) {
    if (path.toString().indexOf('\uFFFD') < 0) return false;
    Path absolute = path.toAbsolutePath();
    Path reached = absolute.getRoot();
    for (Path component : absolute) {
      Path next = reached == null ? component : reached.resolve(component);
      if (!Files.exists(next, LinkOption.NOFOLLOW_LINKS)) {
        if (reached == null || component.toString().indexOf('\uFFFD') < 0) return false;
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(reached)) {
          for (Path sibling : siblings) {
            // The entry keeps its real bytes; only its decoded name shows U+FFFD.
            if (sibling.getFileName().toString().equals(component.toString())) return true;
          }
        } catch (IOException unreadable) {
          return false;
        }
        return false;
      }
      reached = next;
    }
    return false;
  }
}
