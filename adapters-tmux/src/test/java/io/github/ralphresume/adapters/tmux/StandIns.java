package io.github.ralphresume.adapters.tmux;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Stand-in programs for the tmux tests. The real Codex CLI is a node script, so tmux shows its
 * pane's command as {@code node} while the start command says {@code codex}; the stand-ins do the
 * same with {@code exec -a node}.
 */
final class StandIns {
  private StandIns() {}

  /** {@code DIR/bin/codex}: shows up as {@code node}, started as {@code …/codex}. */
  static Path codex(Path dir) {
    return script(dir.resolve("bin/codex"), "exec -a node sleep 600");
  }

  /**
   * {@code DIR/oh-my-codex/bin/omx}, to be started as {@code omx hud --watch}: the OMX HUD also
   * runs under node and its path names codex, so only the HUD check tells it apart.
   */
  static Path omx(Path dir) {
    return script(dir.resolve("oh-my-codex/bin/omx"), "exec -a node sleep 600");
  }

  /**
   * {@code DIR/agent/codex}: an agent (shown as {@code node}) that first runs {@code commandLine}
   * as its child, then idles. The child shares the pane's terminal unless it redirects.
   */
  static Path codexRunning(Path dir, String commandLine) {
    Path body = script(dir.resolve("agent/body.sh"), commandLine + "\nexec -a node sleep 600");
    return script(dir.resolve("agent/codex"), "exec -a node /bin/bash " + body);
  }

  /**
   * {@code DIR/hud/oh-my-codex/bin/omx}, to be started as {@code omx hud --watch}: shown as {@code
   * node}, runs {@code commandLine} as its child first.
   */
  static Path omxRunning(Path dir, String commandLine) {
    Path body = script(dir.resolve("hud/body.sh"), commandLine + "\nexec -a node sleep 600");
    return script(dir.resolve("hud/oh-my-codex/bin/omx"), "exec -a node /bin/bash " + body);
  }

  /** A shell script that runs {@code commandLine} as its child, then idles; shown as bash. */
  static Path shellRunning(Path dir, String commandLine) {
    return script(dir.resolve("shell/run.sh"), commandLine + "\nexec sleep 600");
  }

  /** A fake {@code tmux}: a script with the given body. */
  static Path fakeTmux(Path dir, String body) {
    return script(dir.resolve("fake/tmux"), body);
  }

  /** The command line that runs {@link PaneProbe} with this JVM and the test class path. */
  static String probe(Path out, String... scenarios) {
    StringBuilder line = new StringBuilder();
    line.append(quote(Path.of(System.getProperty("java.home"), "bin", "java").toString()))
        .append(" -cp ")
        .append(quote(testClassPath()))
        .append(' ')
        .append(PaneProbe.class.getName())
        .append(' ')
        .append(quote(out.toString()));
    for (String scenario : scenarios) line.append(' ').append(quote(scenario));
    return line.toString();
  }

  private static String testClassPath() {
    // Surefire and Failsafe may launch through a manifest-only jar; this property has the real one.
    String classPath = System.getProperty("surefire.test.class.path");
    if (classPath == null || classPath.isBlank()) classPath = System.getProperty("java.class.path");
    return classPath.replace(File.pathSeparatorChar, ':');
  }

  static String quote(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }

  private static Path script(Path file, String body) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, "#!/bin/bash\n" + body + "\n");
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
