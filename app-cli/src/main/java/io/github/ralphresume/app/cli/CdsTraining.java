package io.github.ralphresume.app.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The workload {@code bin/ralph-resume} records its class-data archive from: every path a hook
 * takes, run in this JVM on a throwaway state dir. An archive recorded from the user's first real
 * run held only that run's classes (a first run with no loop left the pane lookup, the transfer and
 * the JSON writer out, and every later turn loaded them from the jars). Nothing outside the
 * temporary directory is read or written, and tmux is pointed at a socket no server listens on.
 */
final class CdsTraining {
  /** The hidden argument the launcher passes, alone, to run this instead of a command. */
  static final String ARGUMENT = "--cds-training";

  private static final String CODEX = "codex-training";
  private static final String CURRENT = "sess-current";

  /** Enough prior sessions for several parallel read batches. */
  private static final int PRIOR_SESSIONS = 300;

  private CdsTraining() {}

  /** Runs the workload; the status is non-zero only when a command misbehaved. */
  static int run() {
    Path root;
    try {
      root = Files.createTempDirectory("ralph-resume-cds-");
    } catch (IOException e) {
      System.err.println("ralph-resume: cds training: cannot create a temporary directory: " + e);
      return 1;
    }
    try {
      return train(root);
    } catch (IOException | RuntimeException e) {
      System.err.println("ralph-resume: cds training failed: " + e);
      return 1;
    } finally {
      deleteRecursively(root);
    }
  }

  private static int train(Path root) throws IOException {
    Path project = root.resolve("project");
    Path state = project.resolve(".omx").resolve("state");
    Path sessions = state.resolve("sessions");
    Files.createDirectories(sessions.resolve(CURRENT));
    writePriors(sessions);
    String stateDir = state.toString();

    Map<String, String> inSession = new HashMap<>();
    inSession.put("OMX_SESSION_ID", CURRENT);
    inSession.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    inSession.put("RALPH_RESUME_TMUX_SOCKET", root.resolve("no-tmux-server").toString());
    Map<String, String> inPane = new HashMap<>(inSession);
    inPane.put("TMUX_PANE", "%0");
    String payload =
        "{\"type\":\"agent-turn-complete\",\"cwd\":"
            + quoted(project.toString())
            + ",\"session_id\":\""
            + CODEX
            + "\",\"thread-id\":\"thread-training\"}";

    String sessionStart =
        "{\"session_id\":\""
            + CODEX
            + "\",\"cwd\":"
            + quoted(project.toString())
            + ",\"hook_event_name\":\"SessionStart\",\"source\":\"resume\"}";

    List<Integer> statuses = new ArrayList<>();
    ProcessStdin.isClosed();
    // A turn whose conversation owns no loop: every prior session is read and judged.
    statuses.add(
        cli(
            inSession,
            "reconcile",
            "--state-dir",
            stateDir,
            "--codex-session-id",
            "codex-nobody",
            "--json"));
    // `codex resume`: Codex's SessionStart hook gets the event on stdin; the loop moves (journal,
    // durable writes), a stale one is retired, the pane is verified with tmux, and the hook logs
    // the event.
    statuses.add(cliWithStdin(inPane, sessionStart, "hook"));
    // Every later turn: the current session holds the loop; owners and pane are checked (here as
    // the legacy notify command, the payload as an argument).
    statuses.add(cli(inPane, "hook", payload));
    // The same without TMUX_PANE: the terminal and ancestry fallbacks.
    statuses.add(
        cli(
            inSession,
            "reconcile",
            "--state-dir",
            stateDir,
            "--codex-session-id",
            CODEX,
            "--json"));
    statuses.add(cli(inSession, "reconcile", "--state-dir", stateDir, "--codex-session-id", CODEX));
    // The current session named by session.json instead of the environment.
    Map<String, String> bySessionFile = new HashMap<>(inSession);
    bySessionFile.remove("OMX_SESSION_ID");
    Files.writeString(
        state.resolve("session.json"),
        "{\"session_id\":\""
            + CURRENT
            + "\",\"cwd\":"
            + quoted(project.toString())
            + ",\"pid\":"
            + ProcessHandle.current().pid()
            + "}");
    statuses.add(
        cli(
            bySessionFile,
            "reconcile",
            "--state-dir",
            stateDir,
            "--codex-session-id",
            CODEX,
            "--json"));
    // A state dir without any session: the shortest run.
    Files.delete(state.resolve("session.json"));
    statuses.add(
        cli(
            bySessionFile,
            "reconcile",
            "--state-dir",
            stateDir,
            "--codex-session-id",
            CODEX,
            "--json"));
    return statuses.stream().allMatch(status -> status == 0) ? 0 : 1;
  }

  /** Prior sessions of every kind a scan meets, one of them this conversation's fresh loop. */
  private static void writePriors(Path sessions) throws IOException {
    String now = java.time.Instant.now().toString();
    for (int i = 0; i < PRIOR_SESSIONS; i++) {
      String owner = i % 3 == 0 ? "codex-other-" + i : "codex-elsewhere";
      String document =
          switch (i % 7) {
            case 0 -> "{\"active\":false,\"current_phase\":\"complete\",\"iteration\":3}";
            case 1 -> "{ not json";
            case 2 ->
                "{\"active\":true,\"current_phase\":\"exécution ✓\","
                    + "\"owner_codex_session_id\":\""
                    + owner
                    + "\",\"updated_at\":\""
                    + now
                    + "\"}";
            case 3 ->
                "{\"active\":true,\"owner_codex_thread_id\":\"thread-"
                    + i
                    + "\","
                    + "\"updated_at\":\"2026-01-01 10:00:00\"}";
            case 4 -> "[1,2,3]";
            default ->
                "{\"active\":true,\"current_phase\":\"executing\",\"owner_codex_session_id\":\""
                    + owner
                    + "\",\"iteration\":"
                    + i
                    + ",\"notes\":{\"a\":[1,2.5,null,true]},"
                    + "\"updated_at\":\""
                    + now
                    + "\"}";
          };
      write(sessions.resolve("prior-" + i), document);
    }
    write(
        sessions.resolve("prior-fresh"),
        "{\"active\":true,\"iteration\":2,\"max_iterations\":10,\"current_phase\":\"executing\","
            + "\"owner_codex_session_id\":\""
            + CODEX
            + "\",\"tmux_pane_id\":\"%9\","
            + "\"updated_at\":\""
            + now
            + "\"}");
    write(
        sessions.resolve("prior-stale"),
        "{\"active\":true,\"current_phase\":\"executing\",\"owner_codex_session_id\":\""
            + CODEX
            + "\",\"updated_at\":\"2020-01-01T00:00:00\"}");
  }

  private static void write(Path sessionDir, String document) throws IOException {
    Files.createDirectories(sessionDir);
    Files.writeString(sessionDir.resolve("ralph-state.json"), document);
  }

  private static int cli(Map<String, String> environment, String... args) {
    return cliWithStdin(environment, "", args);
  }

  private static int cliWithStdin(Map<String, String> environment, String stdin, String... args) {
    PrintStream discard =
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    CliContext context =
        new CliContext(
            environment,
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            discard,
            discard);
    return Main.run(context, args);
  }

  private static String quoted(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static void deleteRecursively(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      System.err.println("ralph-resume: cds training: cannot remove " + root + ": " + e);
    }
  }
}
