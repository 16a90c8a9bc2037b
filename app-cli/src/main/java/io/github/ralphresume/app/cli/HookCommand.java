package io.github.ralphresume.app.cli;

import io.github.ralphresume.adapters.fs.JavaScriptJson;
import io.github.ralphresume.adapters.fs.StateDirectory;
import io.github.ralphresume.domain.js.JsDates;
import io.github.ralphresume.domain.js.JsStrings;
import io.github.ralphresume.domain.json.JsonObject;
import io.github.ralphresume.domain.json.JsonStrings;
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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code hook}: the entry point Codex runs, as a lifecycle hook (SessionStart, UserPromptSubmit,
 * Stop: the event's JSON on stdin) or as the legacy {@code notify} command (the payload as the last
 * argument). It never fails the agent's turn: whatever happens, it exits 0 and prints nothing on
 * stdout (SessionStart's stdout would reach the model, Stop's must be JSON), reporting problems on
 * stderr and in the notify-hook event log.
 */
@Command(
    name = "hook",
    mixinStandardHelpOptions = true,
    description = {
      "What Codex runs to reconcile each turn. Prints nothing on stdout; exits 0.",
      "As a Codex lifecycle hook (what `install codex` sets up) the event's JSON",
      "arrives on stdin; as the legacy notify command, the payload is the last",
      "argument.",
      "",
      "Example (what `ralph-resume install codex` puts in ~/.codex/hooks.json):",
      "  {\"type\": \"command\", \"command\": \"/path/to/bin/ralph-resume hook\"}",
      "Legacy (~/.codex/config.toml; cannot resume loops owned by a Codex session):",
      "  notify = [\"/path/to/ralph-resume/bin/ralph-resume\", \"hook\"]"
    })
final class HookCommand implements Callable<Integer> {
  /** The original caps the payload argument at 64 KiB. */
  static final int MAX_PAYLOAD_BYTES = 64 * 1024;

  /**
   * How long stdin may take to deliver the whole payload. Codex writes it into the pipe as it
   * starts the hook and then closes the pipe, so it is there before the JVM is; a stdin that stays
   * open and silent (a terminal, a writer that never closes) must not hold the turn.
   */
  static final long STDIN_DEADLINE_MILLIS = 2_000;

  private final CliContext context;

  @Parameters(arity = "0..1", paramLabel = "PAYLOAD", description = "The notify payload (JSON).")
  String payloadArgument;

  @Mixin SharedOptions.PluginPath pluginPath = new SharedOptions.PluginPath();

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
    String cwd =
        stringMember(payload, "cwd").orElseGet(() -> Path.of("").toAbsolutePath().toString());
    Path stateDir = StateDirectory.ofProject(Path.of(cwd), context.environment());
    if (!Files.isDirectory(stateDir)) {
      // OMX has not run in this project: there is no loop to keep, and nothing is created.
      return RalphResumeCli.EXIT_OK;
    }
    // A lifecycle hook's session_id is the Codex session id, which is also its thread id (notify's
    // thread-id carries the same value). notify payloads keep the original's reading exactly.
    String event = stringMember(payload, "hook_event_name").orElse("");
    String sessionId = firstTruthy(payload, "session_id", "session-id");
    String threadId = event.isEmpty() ? firstTruthy(payload, "thread-id", "thread_id") : sessionId;
    Path logsDir = Path.of(cwd, ".omx", "logs");
    try {
      PaneLocator panes =
          Composition.paneLocator(context.environment(), pluginPath.value, this::warn);
      ReconcileOutcome outcome =
          context
              .composition()
              .reconcile(stateDir, panes, DeadlineReconcile.HOOK_DEADLINE)
              .reconcile(
                  new ReconcileRequest(
                      sessionId, threadId, Environment.ofProcess(context.environment())));
      outcome.recovery().ifPresent(recovery -> log(logsDir, recoveryEvent(recovery, event)));
      if (outcome.resumed() || outcome.updatedCurrentOwner()) {
        log(logsDir, resumeEvent(outcome, sessionId, event));
      }
    } catch (RuntimeException failure) {
      warn("reconcile failed: " + RalphResumeCli.oneLine(failure));
      log(logsDir, failureEvent(sessionId, failure, event));
    }
    return RalphResumeCli.EXIT_OK;
  }

  private Optional<String> readPayload() {
    byte[] bytes;
    if (payloadArgument != null) {
      bytes = payloadArgument.getBytes(StandardCharsets.UTF_8);
    } else {
      StdinPayload stdin = StdinPayload.read(context.in(), STDIN_DEADLINE_MILLIS);
      if (stdin.problem != null) {
        warn(stdin.problem + "; nothing was reconciled");
        return Optional.empty();
      }
      bytes = stdin.bytes;
    }
    if (bytes.length > MAX_PAYLOAD_BYTES) {
      warn("the payload is larger than 64 KiB; nothing was reconciled");
      return Optional.empty();
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (JsStrings.trim(text).isEmpty()) {
      warn(
          payloadArgument != null
              ? "no payload: the argument is empty; nothing was reconciled"
              : "no payload: stdin is empty; nothing was reconciled");
      return Optional.empty();
    }
    return Optional.of(text);
  }

  /**
   * The payload on stdin, read on a thread of its own so that a stdin that stays open and silent
   * costs the deadline, not the turn. Beyond 64 KiB the rest is read and dropped until the end, so
   * the writer (Codex writes the whole event before it waits for the hook) is never left blocked on
   * a full pipe.
   */
  static final class StdinPayload implements Runnable {
    private final InputStream in;
    private final byte[] buffer = new byte[MAX_PAYLOAD_BYTES + 1];
    private volatile int length;
    private volatile boolean ended;
    private volatile IOException failure;

    /** The payload's bytes (64 KiB + 1 of them when it is too large); null when there is none. */
    byte[] bytes;

    /** Why there is no payload, in words for the warning; null when there is one. */
    String problem;

    private StdinPayload(InputStream in) {
      this.in = in;
    }

    static StdinPayload read(InputStream in, long deadlineMillis) {
      StdinPayload payload = new StdinPayload(in);
      if (in == System.in && ProcessStdin.isClosed()) {
        payload.problem = "no payload: stdin is closed and no payload argument was given";
        return payload;
      }
      Thread reader = new Thread(payload, "ralph-resume-stdin");
      reader.setDaemon(true); // a reader still blocked at the deadline must not keep the JVM up
      reader.start();
      try {
        reader.join(deadlineMillis);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      }
      payload.settle(deadlineMillis);
      return payload;
    }

    @Override
    public void run() {
      try {
        int n = 0;
        while (length < buffer.length
            && (n = in.read(buffer, length, buffer.length - length)) >= 0) {
          length += n;
        }
        if (n >= 0) {
          byte[] drain = new byte[8192];
          while (in.read(drain) >= 0) {
            // Too large: only drained.
          }
        }
        ended = true;
      } catch (IOException unreadable) {
        failure = unreadable;
      }
    }

    private void settle(long deadlineMillis) {
      int read = length;
      if (failure != null) {
        problem = "cannot read the payload from stdin: " + failure.getMessage();
      } else if (read > MAX_PAYLOAD_BYTES) {
        bytes = buffer; // too large, whether or not it ended: reported by the caller
      } else if (!ended) {
        long seconds = deadlineMillis / 1000;
        problem =
            read == 0
                ? "no payload: nothing arrived on stdin within " + seconds + " s"
                : "no payload: stdin stayed open " + seconds + " s after " + read + " bytes";
      } else {
        bytes = Arrays.copyOf(buffer, read);
      }
    }
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

  /**
   * The original's line; a lifecycle hook's adds {@code hook_event_name} after {@code type} (notify
   * payloads keep the original's line exactly).
   */
  private static JsonObject resumeEvent(
      ReconcileOutcome outcome, String payloadSessionId, String hookEvent) {
    Map<String, JsonValue> event = new LinkedHashMap<>();
    event.put("timestamp", JsonValue.of(JsDates.toIsoString(System.currentTimeMillis())));
    event.put("type", JsonValue.of("ralph_session_resume"));
    putHookEvent(event, hookEvent);
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
  private static JsonObject recoveryEvent(Recovery recovery, String hookEvent) {
    Map<String, JsonValue> event = new LinkedHashMap<>();
    event.put("timestamp", JsonValue.of(JsDates.toIsoString(System.currentTimeMillis())));
    event.put("type", JsonValue.of("ralph_session_resume_recovery"));
    putHookEvent(event, hookEvent);
    event.put("transfer_id", JsonValue.of(recovery.transferId()));
    event.put("action", JsonValue.of(recovery.action().wireName()));
    event.put("source_omx_session_id", JsonValue.of(recovery.source().value()));
    event.put("target_omx_session_id", JsonValue.of(recovery.target().value()));
    event.put("found_at_source", JsonValue.of(recovery.atSource().wireName()));
    event.put("found_at_target", JsonValue.of(recovery.atTarget().wireName()));
    return new JsonObject(event);
  }

  private static JsonObject failureEvent(
      String payloadSessionId, RuntimeException failure, String hookEvent) {
    Map<String, JsonValue> event = new LinkedHashMap<>();
    event.put("timestamp", JsonValue.of(JsDates.toIsoString(System.currentTimeMillis())));
    event.put("level", JsonValue.of("warn"));
    event.put("type", JsonValue.of("ralph_session_resume_failure"));
    putHookEvent(event, hookEvent);
    event.put("payload_codex_session_id", orNull(payloadSessionId));
    event.put("error", JsonValue.of(RalphResumeCli.oneLine(failure)));
    return new JsonObject(event);
  }

  private static JsonValue orNull(String value) {
    return value.isEmpty() ? JsonValue.NULL : JsonValue.of(value);
  }

  /** Most turns log nothing, so the log's classes are loaded only for an event. */
  private void log(Path logsDir, JsonObject event) {
    new EventLog(logsDir, this::warn).append(event);
  }

  private static void putHookEvent(Map<String, JsonValue> event, String hookEvent) {
    if (!hookEvent.isEmpty()) event.put("hook_event_name", JsonValue.of(hookEvent));
  }

  private void warn(String message) {
    context.err().println("ralph-resume hook: " + message);
  }
}
