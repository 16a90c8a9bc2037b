package io.github.ralphresume.adapters.fs;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;

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
      throw new InvalidException("state dir \"" + text + "\"" + origin + " is not a valid path");
    }
    if (path.toString().isEmpty()) path = Path.of(".");
    String named = "state dir " + text + origin;
    if (Files.isSymbolicLink(path)) {
      throw new InvalidException(named + " is a symbolic link; pass the directory it points to");
    }
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      throw new InvalidException(named + " does not exist");
    }
    if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      throw new InvalidException(named + " is not a directory");
    }
    return path;
  }
}
