package io.github.ralphresume.domain.model;

import io.github.ralphresume.domain.js.JsStrings;
import io.github.ralphresume.domain.json.JsonObject;
import io.github.ralphresume.domain.json.JsonStrings;
import io.github.ralphresume.domain.json.JsonText;
import io.github.ralphresume.domain.json.JsonValue;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One {@code ralph-state.json} as parsed: any JSON value (only an object can be an active loop),
 * with typed readers for the fields the rules use. Every other field belongs to other OMX
 * components and is carried along untouched, in its position.
 *
 * <p>A store may hand out a document {@linkplain #deferred read for judging}: the members the rules
 * read ({@link #RULE_FIELDS}) are parsed up front and the rest only when the document is rewritten,
 * compared or asked for its {@link #root()}. Most prior sessions a scan reads are only judged,
 * never rewritten, so their other members are never built. Both forms behave the same; two
 * documents are equal when their roots are.
 *
 * @since 0.1.0
 */
public final class RalphDocument {

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
   * Every field a rule, {@code status} or {@code explain} reads: what a {@linkplain #deferred
   * deferred} document must have parsed up front.
   */
  public static final Set<String> RULE_FIELDS =
      Set.of(
          ACTIVE,
          CURRENT_PHASE,
          ITERATION,
          MAX_ITERATIONS,
          COMPLETED_AT,
          STOP_REASON,
          OWNER_OMX_SESSION_ID,
          OWNER_CODEX_SESSION_ID,
          OWNER_CODEX_THREAD_ID,
          TMUX_PANE_ID,
          TMUX_PANE_SET_AT,
          ABANDONED_AT,
          STALE_RESUME_AGE_MS,
          STALE_RESUME_THRESHOLD_MS,
          STALE_RESUME_TIMESTAMP_SOURCE,
          // Freshness reads these with TMUX_PANE_SET_AT (TimestampSource.documentFields()).
          "updated_at",
          "last_turn_at");

  // Set once parsed; until then a deferred document answers rule fields from ruleMembers.
  private volatile JsonValue root;
  private final Map<String, JsonValue> ruleMembers;
  private final Supplier<JsonObject> wholeObject;

  /**
   * A document.
   *
   * @param root the parsed document, any JSON value
   */
  public RalphDocument(JsonValue root) {
    this.root = Objects.requireNonNull(root, "root");
    this.ruleMembers = null;
    this.wholeObject = null;
  }

  private RalphDocument(Map<String, JsonValue> ruleMembers, Supplier<JsonObject> wholeObject) {
    this.ruleMembers = Map.copyOf(ruleMembers);
    this.wholeObject = wholeObject;
  }

  /**
   * An object document whose rule fields are known and whose other members are parsed on first
   * need. The caller guarantees that {@code wholeObject} succeeds (the text was already validated)
   * and agrees with {@code ruleMembers}.
   *
   * @param ruleMembers the object's members named in {@link #RULE_FIELDS} (a missing key is an
   *     absent member)
   * @param wholeObject parses the whole object, called at most once in the usual case
   * @return the document
   * @throws IllegalArgumentException when {@code ruleMembers} names a field outside {@link
   *     #RULE_FIELDS}
   */
  public static RalphDocument deferred(
      Map<String, JsonValue> ruleMembers, Supplier<JsonObject> wholeObject) {
    Objects.requireNonNull(wholeObject, "wholeObject");
    for (String key : ruleMembers.keySet()) {
      if (!RULE_FIELDS.contains(key)) {
        throw new IllegalArgumentException(key + " is not a rule field");
      }
    }
    return new RalphDocument(ruleMembers, wholeObject);
  }

  /** {@return the parsed document, any JSON value; a deferred document is parsed now} */
  public JsonValue root() {
    JsonValue parsed = root;
    if (parsed == null) {
      // Parsing twice in a race yields equal values, so no lock is needed.
      parsed = Objects.requireNonNull(wholeObject.get(), "the deferred document parsed to null");
      root = parsed;
    }
    return parsed;
  }

  /** {@return whether the document is a JSON object, the only kind that can be a loop} */
  public boolean isObject() {
    return root == null || root instanceof JsonObject;
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
    return root() instanceof JsonObject o ? Optional.of(o) : Optional.empty();
  }

  /**
   * A member of an object document; nothing for other documents, as JavaScript reads them.
   *
   * @param key the member's name
   * @return its value, if present
   */
  public Optional<JsonValue> member(String key) {
    if (root == null && RULE_FIELDS.contains(key)) {
      return Optional.ofNullable(ruleMembers.get(key));
    }
    return root() instanceof JsonObject o ? o.get(key) : Optional.empty();
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
    return JsonText.compact(root()).equals(JsonText.compact(other.root()));
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
    if (root() instanceof JsonObject o) return o;
    throw new IllegalStateException("a Ralph document that is not a JSON object cannot be edited");
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RalphDocument document && root().equals(document.root());
  }

  @Override
  public int hashCode() {
    return root().hashCode();
  }

  @Override
  public String toString() {
    return "RalphDocument[root=" + root() + "]";
  }
}
