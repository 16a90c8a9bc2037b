package io.github.ralphresume.app.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The real Codex CLI ({@code @openai/codex} {@value #VERSION} from the npm registry), run offline
 * against a {@link MockResponsesApi} with a throwaway {@code CODEX_HOME}.
 *
 * <p>Found at {@code $RALPH_RESUME_CODEX}, else where {@code .ci/run} installs it ({@value
 * #INSTALL_HINT}). In CI ({@code CI} set) a missing binary fails the build; on a developer machine
 * the tests are skipped with a message saying how to get it.
 */
final class RealCodex {
  static final String VERSION = "0.171.0";

  static final String INSTALL_HINT =
      "npm install --prefix \"${XDG_CACHE_HOME:-$HOME/.cache}/ralph-resume-ci/codex-"
          + VERSION
          + "\" @openai/codex@"
          + VERSION;

  /** The binary every test runs; looked up once. */
  private static Path binary;

  private RealCodex() {}

  /** The codex binary, or the test is failed (CI) or skipped (elsewhere) saying how to get it. */
  static synchronized Path binary() {
    if (binary != null) return binary;
    String given = System.getenv().getOrDefault("RALPH_RESUME_CODEX", "");
    String cache = System.getenv().getOrDefault("XDG_CACHE_HOME", "");
    if (cache.isEmpty()) cache = System.getProperty("user.home") + File.separator + ".cache";
    Path candidate =
        given.isEmpty()
            ? Path.of(cache, "ralph-resume-ci", "codex-" + VERSION, "node_modules", ".bin", "codex")
            : Path.of(given);
    String version = version(candidate);
    if (version == null) {
      String message =
          "these end-to-end tests need the real Codex CLI "
              + VERSION
              + ", not found at "
              + candidate
              + (given.isEmpty() ? "" : " (RALPH_RESUME_CODEX)")
              + ". Install it with: "
              + INSTALL_HINT
              + " (or run .ci/run), or point RALPH_RESUME_CODEX at a codex binary.";
      boolean ci = !System.getenv().getOrDefault("CI", "").isEmpty();
      if (ci || !given.isEmpty()) fail(message);
      System.err.println("SKIPPED: " + message);
      Assumptions.abort(message);
    }
    if (!version.equals("codex-cli " + VERSION)) {
      System.err.println(
          "warning: the end-to-end tests were written against codex-cli "
              + VERSION
              + "; running "
              + version);
    }
    binary = candidate;
    return binary;
  }

  /** {@code codex --version}, or null when it cannot run. */
  private static String version(Path codex) {
    if (!Files.isExecutable(codex)) return null;
    try {
      Process process =
          new ProcessBuilder(codex.toString(), "--version")
              .redirectErrorStream(true)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) return null;
      return out.trim();
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /**
   * A throwaway {@code CODEX_HOME} whose config sends every turn to {@code api} (no login, no
   * retries, no network look-ups), with hooks on as they are by default.
   */
  static Path home(Path dir, MockResponsesApi api) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve("config.toml"),
        "model = \"mock-model\"\n"
            + "model_provider = \"mock\"\n"
            + "approval_policy = \"never\"\n"
            + "sandbox_mode = \"read-only\"\n"
            + "\n"
            + "[model_providers.mock]\n"
            + "name = \"mock\"\n"
            + "base_url = \"http://127.0.0.1:"
            + api.port()
            + "/v1\"\n"
            + "wire_api = \"responses\"\n"
            + "requires_openai_auth = false\n"
            + "request_max_retries = 0\n"
            + "stream_max_retries = 0\n"
            + "\n"
            + "[features]\n"
            + "unbounded_connection_retries = false\n"
            + "plugins = false\n"
            + "remote_plugin = false\n"
            + "apps = false\n"
            + "\n"
            + "[analytics]\n"
            + "enabled = false\n");
    return dir;
  }

  /** What one {@code codex exec} printed. */
  record Turn(int status, List<String> events, String stderr) {
    /** The {@code thread.started} event's id: the Codex session id. */
    String threadId() {
      String first = events.isEmpty() ? "" : events.get(0);
      String marker = "\"thread_id\":\"";
      int at = first.indexOf(marker);
      assertTrue(first.contains("\"type\":\"thread.started\"") && at >= 0, first);
      return first.substring(at + marker.length(), first.indexOf('"', at + marker.length()));
    }

    /** The agent's messages, as {@code exec --json} reports them. */
    List<String> answers() {
      List<String> answers = new ArrayList<>();
      String marker = "\"type\":\"agent_message\",\"text\":\"";
      for (String event : events) {
        int at = event.indexOf(marker);
        if (at >= 0) {
          int start = at + marker.length();
          answers.add(event.substring(start, event.indexOf('"', start)));
        }
      }
      return answers;
    }
  }

  /**
   * Runs {@code codex exec --json … PROMPT} in {@code project} (stdin closed, as {@code codex exec}
   * needs), with exactly {@code environment} plus {@code PATH}; {@code resume} is a session id or
   * null for a new conversation.
   */
  static Turn exec(Path project, Map<String, String> environment, String resume, String prompt)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                binary().toString(),
                "exec",
                "--json",
                "--skip-git-repo-check",
                "--dangerously-bypass-hook-trust"));
    if (resume != null) command.addAll(List.of("resume", resume));
    command.add(prompt);
    ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile());
    builder.environment().clear();
    Map<String, String> env = new HashMap<>(environment);
    env.putIfAbsent("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    builder.environment().putAll(env);
    Path out = Files.createTempFile("codex-exec-", ".out");
    Path err = Files.createTempFile("codex-exec-", ".err");
    builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.redirectOutput(out.toFile());
    builder.redirectError(err.toFile());
    Process process = builder.start();
    try {
      // A guard against a hung turn, not a timing assertion.
      if (!process.waitFor(180, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        fail("codex exec did not finish: " + Files.readString(err));
      }
      List<String> events = new ArrayList<>();
      for (String line : Files.readAllLines(out)) {
        if (!line.isBlank()) events.add(line);
      }
      return new Turn(process.exitValue(), events, Files.readString(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
