package io.github.ralphresume.adapters.tmux;

import static org.junit.jupiter.api.Assertions.fail;

import io.github.ralphresume.domain.model.PaneId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A private tmux server for one test: its own {@code -L} socket, no config file ({@code -f
 * /dev/null}), one session {@code main} whose first pane runs the default shell.
 */
final class TmuxTestServer implements AutoCloseable {
  static final String TMUX = "/usr/bin/tmux";

  private final String socket;
  private final Path socketPath;
  private final PaneId firstPane;

  private TmuxTestServer(String socket, Path socketPath, PaneId firstPane) {
    this.socket = socket;
    this.socketPath = socketPath;
    this.firstPane = firstPane;
  }

  static TmuxTestServer start() {
    String socket = "ralph-resume-it-" + UUID.randomUUID().toString().substring(0, 8);
    String pane =
        tmux(
            socket,
            "new-session",
            "-d",
            "-s",
            "main",
            "-x",
            "160",
            "-y",
            "40",
            "-P",
            "-F",
            "#{pane_id}");
    Path socketPath = Path.of(tmux(socket, "display-message", "-p", "#{socket_path}").trim());
    return new TmuxTestServer(socket, socketPath, new PaneId(pane.trim()));
  }

  String socket() {
    return socket;
  }

  /** The first pane of session {@code main}: an interactive shell. */
  PaneId shellPane() {
    return firstPane;
  }

  /**
   * A new window in {@code session} running {@code argv} directly (tmux execs a command given as
   * several arguments without a shell, so the pane's first process is exactly this program).
   */
  PaneId newWindow(String session, String... argv) {
    List<String> args =
        new ArrayList<>(
            List.of("new-window", "-d", "-t", session + ":", "-P", "-F", "#{pane_id}", "--"));
    args.addAll(List.of(argv));
    return new PaneId(tmux(socket, args.toArray(String[]::new)).trim());
  }

  /** A new session whose first pane runs {@code argv} directly. */
  PaneId newSession(String session, String... argv) {
    List<String> args =
        new ArrayList<>(
            List.of("new-session", "-d", "-s", session, "-P", "-F", "#{pane_id}", "--"));
    args.addAll(List.of(argv));
    return new PaneId(tmux(socket, args.toArray(String[]::new)).trim());
  }

  String format(PaneId pane, String format) {
    return tmux(socket, "display-message", "-t", pane.value(), "-p", format).trim();
  }

  /** Waits until tmux reports {@code expected} as the pane's current command. */
  void awaitCurrentCommand(PaneId pane, String expected) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    String seen = "";
    while (System.nanoTime() < deadline) {
      seen = format(pane, "#{pane_current_command}");
      if (seen.equals(expected)) return;
      sleep(50);
    }
    fail("pane " + pane + " runs " + seen + ", expected " + expected);
  }

  /** Settings that point the locators at this server. */
  Map<String, String> settings() {
    Map<String, String> settings = new HashMap<>();
    settings.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    settings.put(PaneLookupSettings.TMUX_SOCKET, socket);
    return settings;
  }

  @Override
  public void close() {
    try {
      tmux(socket, "kill-server");
    } catch (AssertionError alreadyGone) {
      // A test may have stopped the server on purpose.
    }
    try {
      // tmux leaves its socket file behind; one per test would pile up in /tmp.
      Files.deleteIfExists(socketPath);
    } catch (IOException e) {
      // Only litter.
    }
  }

  static String tmux(String socket, String... args) {
    List<String> command = new ArrayList<>(List.of(TMUX, "-L", socket, "-f", "/dev/null"));
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return fail("tmux " + args[0] + " hung");
      }
      if (process.exitValue() != 0) return fail(command + " failed: " + output);
      return output;
    } catch (IOException e) {
      return fail("cannot run " + TMUX + " (the tmux tests need tmux installed): " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail("interrupted");
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
