package io.github.ralphresume.domain.model;

import io.github.ralphresume.domain.js.JsStrings;
import io.github.ralphresume.domain.json.JsonObject;
import io.github.ralphresume.domain.json.JsonStrings;
import io.github.ralphresume.domain.json.JsonText;
import io.github.ralphresume.domain.json.JsonValue;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One {@code ralph-state.json} as parsed: any JSON value (only an object can be an active loop),
 * with typed readers for the fields the rules use. Every other field belongs to other OMX
 * components and is carried along untouched, in its position.
 *
 * @param root the parsed document
 * @since 0.1.0
 */
public record RalphDocument(JsonValue root) {

  /** Field names the rules read or write. */
  public static final String ACTIVE = "active";
  public static final String CURRENT_PHASE = "current_phase";
  public static final String ITERATION = "iteration";
  public static final String MAX_ITERATIONS = "max_iterations";
  public static final String COMPLETED_AT = "completed_at";
  public static final String STOP_REASON = "stop_reason";
  public static final String OWNER_OMX_SESSION_ID = "owner_omx_session_id";
  public static final String OWNER_CODEX_SESSION_ID = "owner_codex_session_id";
  public static final String OWNER_CODEX_THREAD_ID = "owner_codex_thread_id";
  public static final String TMUX_PANE_ID = "tmux_pane_id";
  public static final String TMUX_PANE_SET_AT = "tmux_pane_set_at";
  public static final String ABANDONED_AT = "abandoned_at";
  public static final String STALE_RESUME_AGE_MS = "stale_resume_age_ms";
  public static final String STALE_RESUME_THRESHOLD_MS = "stale_resume_threshold_ms";
  public static final String STALE_RESUME_TIMESTAMP_SOURCE = "stale_resume_timestamp_source";

  private static final Set<String> TERMINAL_PHASES =
      Set.of("blocked_on_user", "complete", "failed", "cancelled", "interrupted");

  public RalphDocument {
    Objects.requireNonNull(root, "root");
  }

  /** An object document. */
  public static RalphDocument of(JsonObject object) {
    return new RalphDocument(object);
  }

  /** The document as an object, if it is one. */
  public Optional<JsonObject> object() {
    return root instanceof JsonObject o ? Optional.of(o) : Optional.empty();
  }

  /** A member of an object document; nothing for other documents, as JavaScript reads them. */
  public Optional<JsonValue> member(String key) {
    return root instanceof JsonObject o ? o.get(key) : Optional.empty();
  }

  /** {@code safeString(doc[key]).trim()}: the text the original compares ids and phases by. */
  public String text(String key) {
    return JsStrings.trim(JsonStrings.safeString(member(key).orElse(null)));
  }

  /** Only the JSON value {@code true} makes a loop active. */
  public boolean isActive() {
    return member(ACTIVE).orElse(null) instanceof JsonValue.Bool b && b.value();
  }

  /** Whether {@code current_phase} is terminal, compared after trim and lower-case. */
  public boolean isTerminalPhase() {
    return TERMINAL_PHASES.contains(JsStrings.toLowerCase(text(CURRENT_PHASE)));
  }

  /** An active loop in a non-terminal phase: the only kind that can be resumed. */
  public boolean isActiveCandidate() {
    return isActive() && !isTerminalPhase();
  }

  /** Whether the member is present and a JSON string ({@code typeof v === 'string'}). */
  public boolean hasStringMember(String key) {
    return member(key).orElse(null) instanceof JsonValue.Str;
  }

  /** Whether both documents serialise to the same bytes (member order included). */
  public boolean sameBytesAs(RalphDocument other) {
    return JsonText.pretty(root)
        .equals(JsonText.pretty(other.root));
  }

  /** A copy with {@code key} set; the document must be an object. */
  public RalphDocument with(String key, JsonValue value) {
    return new RalphDocument(requireObject().with(key, value));
  }

  /** A copy with {@code key} set to a string. */
  public RalphDocument with(String key, String value) {
    return with(key, JsonValue.of(value));
  }

  /** A copy without {@code key}. */
  public RalphDocument without(String key) {
    return new RalphDocument(requireObject().without(key));
  }

  private JsonObject requireObject() {
    if (root instanceof JsonObject o) return o;
    throw new IllegalStateException("a Ralph document that is not a JSON object cannot be edited");
  }
}
