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
 * components and is carried along untouched, in its position. A plain immutable value: two
 * documents are equal when their roots are.
 *
 * @param root the parsed document, any JSON value
 * @since 0.1.0
 */
public record RalphDocument(JsonValue root) {

  // Field names the rules read or write.

  /** Field {@value}: only the JSON value {@code true} makes a loop active. */
  public static final String ACTIVE = "active";

  /** Field {@value}: the loop's phase; a terminal one ends it. */
  public static final String CURRENT_PHASE = "current_phase";

  /** Field {@value}: the loop's iteration count. */
  public static final String ITERATION = "iteration";

  /** Field {@value}: the most iterations the loop may run. */
  public static final String MAX_ITERATIONS = "max_iterations";

  /** Field {@value}: when the loop ended; written when a stale loop is abandoned. */
  public static final String COMPLETED_AT = "completed_at";

  /** Field {@value}: why the loop ended. */
  public static final String STOP_REASON = "stop_reason";

  /** Field {@value}: the OMX session that owns the loop. */
  public static final String OWNER_OMX_SESSION_ID = "owner_omx_session_id";

  /** Field {@value}: the Codex session that owns the loop. */
  public static final String OWNER_CODEX_SESSION_ID = "owner_codex_session_id";

  /** Field {@value}: the Codex thread that owns the loop (legacy owners). */
  public static final String OWNER_CODEX_THREAD_ID = "owner_codex_thread_id";

  /** Field {@value}: the tmux pane the loop's nudges go to. */
  public static final String TMUX_PANE_ID = "tmux_pane_id";

  /** Field {@value}: when {@link #TMUX_PANE_ID} was last set. */
  public static final String TMUX_PANE_SET_AT = "tmux_pane_set_at";

  /** Field {@value}: when a stale loop was abandoned. */
  public static final String ABANDONED_AT = "abandoned_at";

  /** Field {@value}: how old an abandoned loop's last activity was, in milliseconds. */
  public static final String STALE_RESUME_AGE_MS = "stale_resume_age_ms";

  /** Field {@value}: the stale threshold an abandoned loop was judged by, in milliseconds. */
  public static final String STALE_RESUME_THRESHOLD_MS = "stale_resume_threshold_ms";

  /** Field {@value}: which timestamp an abandoned loop's age was measured from. */
  public static final String STALE_RESUME_TIMESTAMP_SOURCE = "stale_resume_timestamp_source";

  private static final Set<String> TERMINAL_PHASES =
      Set.of("blocked_on_user", "complete", "failed", "cancelled", "interrupted");

  /**
   * A document.
   *
   * @param root the parsed document, any JSON value
   */
  public RalphDocument {
    Objects.requireNonNull(root, "root");
  }

  /** {@return whether the document is a JSON object, the only kind that can be a loop} */
  public boolean isObject() {
    return root instanceof JsonObject;
  }

  /**
   * An object document.
   *
   * @param object the document's members
   * @return the document
   */
  public static RalphDocument of(JsonObject object) {
    return new RalphDocument(object);
  }

  /** {@return the document as an object, if it is one} */
  public Optional<JsonObject> object() {
    return root instanceof JsonObject o ? Optional.of(o) : Optional.empty();
  }

  /**
   * A member of an object document; nothing for other documents, as JavaScript reads them.
   *
   * @param key the member's name
   * @return its value, if present
   */
  public Optional<JsonValue> member(String key) {
    return root instanceof JsonObject o ? o.get(key) : Optional.empty();
  }

  /**
   * {@code safeString(doc[key]).trim()}: the text the original compares ids and phases by.
   *
   * @param key the member's name
   * @return the member as trimmed text; {@code ""} when it is missing or not a string
   */
  public String text(String key) {
    return JsStrings.trim(JsonStrings.safeString(member(key).orElse(null)));
  }

  /** {@return whether the loop is active: only the JSON value {@code true} makes it so} */
  public boolean isActive() {
    return member(ACTIVE).orElse(null) instanceof JsonValue.Bool b && b.value();
  }

  /** {@return whether {@code current_phase} is terminal, compared after trim and lower-case} */
  public boolean isTerminalPhase() {
    return TERMINAL_PHASES.contains(JsStrings.toLowerCase(text(CURRENT_PHASE)));
  }

  /**
   * {@return whether this is an active loop in a non-terminal phase, the only kind that can be
   * resumed}
   */
  public boolean isActiveCandidate() {
    return isActive() && !isTerminalPhase();
  }

  /**
   * Whether the member is present and a JSON string ({@code typeof v === 'string'}).
   *
   * @param key the member's name
   * @return whether it is a string
   */
  public boolean hasStringMember(String key) {
    return member(key).orElse(null) instanceof JsonValue.Str;
  }

  /**
   * Whether both documents serialise to the same bytes (member order included).
   *
   * @param other the document to compare with
   * @return whether their bytes are equal
   */
  public boolean sameBytesAs(RalphDocument other) {
    // Compact text is enough: the indentation of the pretty text depends on the structure alone.
    return JsonText.compact(root).equals(JsonText.compact(other.root));
  }

  /**
   * A copy with {@code key} set; the document must be an object.
   *
   * @param key the member's name
   * @param value its new value
   * @return the copy
   * @throws IllegalStateException when the document is not an object
   */
  public RalphDocument with(String key, JsonValue value) {
    return new RalphDocument(requireObject().with(key, value));
  }

  /**
   * A copy with {@code key} set to a string; the document must be an object.
   *
   * @param key the member's name
   * @param value its new value
   * @return the copy
   * @throws IllegalStateException when the document is not an object
   */
  public RalphDocument with(String key, String value) {
    return with(key, JsonValue.of(value));
  }

  /**
   * A copy without {@code key}; the document must be an object.
   *
   * @param key the member's name
   * @return the copy
   * @throws IllegalStateException when the document is not an object
   */
  public RalphDocument without(String key) {
    return new RalphDocument(requireObject().without(key));
  }

  private JsonObject requireObject() {
    if (root instanceof JsonObject o) return o;
    throw new IllegalStateException("a Ralph document that is not a JSON object cannot be edited");
  }
}
