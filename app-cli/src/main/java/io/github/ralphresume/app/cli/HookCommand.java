package io.github.ralphresume.app.cli;

import io.github.ralphresume.adapters.fs.JavaScriptJson;
import io.github.ralphresume.domain.js.JsDates;
import io.github.ralphresume.domain.js.JsStrings;
import io.github.ralphresume.domain.json.JsonObject;
import io.github.ralphresume.domain.json.JsonStrings;
import io.github.ralphresume.domain.json.JsonText;
import io.github.ralphresume.domain.json.JsonValue;
import io.github.ralphresume.domain.model.Environment;
import io.github.ralphresume.domain.model.ReconcileOutcome;
import io.github.ralphresume.domain.model.Recovery;
import io.github.ralphresume.domain.port.PaneLocator;
import io.github.ralphresume.domain.usecase.ReconcileRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hook}: the Codex {@code notify} entry point. It never fails the agent's turn: whatever
 * happens, it exits 0, reporting problems on stderr and in the notify-hook event log.
 */
@Command(
    name = "hook",
    mixinStandardHelpOptions = true,
    description = {
      "Reconciles after a Codex turn. Codex passes the turn's JSON payload as the last argument;",
      "without one, the payload is read from stdin. Always exits 0.",
      "",
      "Example (~/.codex/config.toml):",
      "  notify = [\"/path/to/ralph-resume/bin/ralph-resume\", \"hook\"]",
      "With pane-locator plugins:",
      "  notify = [\"ralph-resume\", \"hook\", \"--plugin-path\", \"/opt/ralph-plugins\"]"
    })
final class HookCommand implements Callable<Integer> {
  /** The original caps the payload argument at 64 KiB. */
  static final int MAX_PAYLOAD_BYTES = 64 * 1024;

  private final CliContext context;

  @Parameters(arity = "0..1", paramLabel = "PAYLOAD", description = "The notify payload (JSON).")
  String payloadArgument;

  @Option(
      names = "--plugin-path",
      paramLabel = "DIR",
      description =
          "Directories of pane-locator plugin jars, separated by ':'"
              + " (default: $RALPH_RESUME_PLUGIN_PATH).")
  String pluginPath;

  HookCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Optional<String> raw = readPayload();
    if (raw.isEmpty()) return RalphResumeCli.EXIT_OK;
    Optional<JsonValue> parsed = JavaScriptJson.parse(raw.get());
    if (parsed.isEmpty() || !(parsed.get() instanceof JsonObject payload)) {
      warn("the payload is not a JSON object; nothing was reconciled");
      return RalphResumeCli.EXIT_OK;
    }
    String cwd = stringMember(payload, "cwd").orElse(Path.of("").toAbsolutePath().toString());
    Path stateDir = stateDir(cwd);
    if (!Files.isDirectory(stateDir)) {
      // OMX has not run in this project: there is no loop to keep, and nothing is created.
      return RalphResumeCli.EXIT_OK;
    }
    String sessionId = firstTruthy(payload, "session_id", "session-id");
    String threadId = firstTruthy(payload, "thread-id", "thread_id");
    Path logsDir = Path.of(cwd, ".omx", "logs");
    try {
      PaneLocator panes = Composition.paneLocator(context.environment(), pluginPath, this::warn);
      ReconcileOutcome outcome =
          Composition.reconcile(stateDir, context.environment(), panes)
              .reconcile(
                  new ReconcileRequest(
                      sessionId, threadId, Environment.ofProcess(context.environment())));
      outcome.recovery().ifPresent(recovery -> log(logsDir, recoveryEvent(recovery)));
      if (outcome.resumed() || outcome.updatedCurrentOwner()) {
        log(logsDir, resumeEvent(outcome, sessionId));
      }
    } catch (RuntimeException failure) {
      warn("reconcile failed: " + RalphResumeCli.oneLine(failure));
      log(logsDir, failureEvent(sessionId, failure));
    }
    return RalphResumeCli.EXIT_OK;
  }

  private Optional<String> readPayload() {
    byte[] bytes;
    if (payloadArgument != null) {
      bytes = payloadArgument.getBytes(StandardCharsets.UTF_8);
    } else {
      try {
        bytes = readAtMost(context.in(), MAX_PAYLOAD_BYTES + 1);
      } catch (IOException unreadable) {
        warn("cannot read the payload from stdin: " + unreadable.getMessage());
        return Optional.empty();
      }
    }
    if (bytes.length > MAX_PAYLOAD_BYTES) {
      warn("the payload is larger than 64 KiB; nothing was reconciled");
      return Optional.empty();
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (JsStrings.trim(text).isEmpty()) {
      warn("the payload is empty; nothing was reconciled");
      return Optional.empty();
    }
    return Optional.of(text);
  }

  private static byte[] readAtMost(InputStream in, int limit) throws IOException {
    return in.readNBytes(limit);
  }

  /** {@code $OMX_ROOT/.omx/state}, else {@code $OMX_STATE_ROOT/.omx/state}, else the project's. */
  private Path stateDir(String cwd) {
    for (String variable : new String[] {"OMX_ROOT", "OMX_STATE_ROOT"}) {
      String override = JsStrings.trim(context.environment().getOrDefault(variable, ""));
      if (!override.isEmpty()) {
        return Path.of(override).toAbsolutePath().resolve(".omx").resolve("state");
      }
    }
    return Path.of(cwd, ".omx", "state");
  }

  private static Optional<String> stringMember(JsonObject payload, String key) {
    return payload
        .get(key)
        .filter(JsonValue.Str.class::isInstance)
        .map(value -> ((JsonValue.Str) value).value())
        .filter(value -> !value.isEmpty());
  }

  /** {@code safeString(payload[a] || payload[b] || '')}. */
  private static String firstTruthy(JsonObject payload, String first, String second) {
    for (String key : new String[] {first, second}) {
      Optional<JsonValue> value = payload.get(key).filter(JsonValue::truthy);
      if (value.isPresent()) return JsonStrings.safeString(value.get());
    }
    return "";
  }

  private static JsonObject resumeEvent(ReconcileOutcome outcome, String payloadSessionId) {
    Map<String, JsonValue> event = new LinkedHashMap<>();
    event.put("timestamp", JsonValue.of(JsDates.toIsoString(System.currentTimeMillis())));
    event.put("type", JsonValue.of("ralph_session_resume"));
    event.put("reason", JsonValue.of(outcome.reason().wireName()));
    event.put("current_omx_session_id", orNull(outcome.currentOmxSessionId()));
    event.put("payload_codex_session_id", orNull(payloadSessionId));
    event.put("source_path", orNull(outcome.sourcePath().orElse("")));
    event.put("target_path", orNull(outcome.targetPath().orElse("")));
    event.put("owner_updated", JsonValue.of(outcome.updatedCurrentOwner()));
    event.put("resumed", JsonValue.of(outcome.resumed()));
    return new JsonObject(event);
  }

  /** Not in the original's log: it has no journal. Says what recovery did, and to which loop. */
  private static JsonObject recoveryEvent(Recovery recovery) {
    Map<String, JsonValue> event = new LinkedHashMap<>();
    event.put("timestamp", JsonValue.of(JsDates.toIsoString(System.currentTimeMillis())));
    event.put("type", JsonValue.of("ralph_session_resume_recovery"));
    event.put("transfer_id", JsonValue.of(recovery.transferId()));
    event.put("action", JsonValue.of(recovery.action().wireName()));
    event.put("source_omx_session_id", JsonValue.of(recovery.source().value()));
    event.put("target_omx_session_id", JsonValue.of(recovery.target().value()));
    return new JsonObject(event);
  }

  private static JsonObject failureEvent(String payloadSessionId, RuntimeException failure) {
    Map<String, JsonValue> event = new LinkedHashMap<>();
    event.put("timestamp", JsonValue.of(JsDates.toIsoString(System.currentTimeMillis())));
    event.put("level", JsonValue.of("warn"));
    event.put("type", JsonValue.of("ralph_session_resume_failure"));
    event.put("payload_codex_session_id", orNull(payloadSessionId));
    event.put("error", JsonValue.of(RalphResumeCli.oneLine(failure)));
    return new JsonObject(event);
  }

  private static JsonValue orNull(String value) {
    return value.isEmpty() ? JsonValue.NULL : JsonValue.of(value);
  }

  /** Appends one line to {@code notify-hook-<date>.jsonl}, as OMX's own hook does. */
  private void log(Path logsDir, JsonObject event) {
    String day = JsDates.toIsoString(System.currentTimeMillis()).substring(0, 10);
    Path file = logsDir.resolve("notify-hook-" + day + ".jsonl");
    try {
      Files.createDirectories(logsDir);
      Files.writeString(
          file,
          JsonText.compact(event) + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException unwritable) {
      warn("cannot write the event log " + file + ": " + unwritable.getMessage());
    }
  }

  private void warn(String message) {
    context.err().println("ralph-resume hook: " + message);
  }
}
