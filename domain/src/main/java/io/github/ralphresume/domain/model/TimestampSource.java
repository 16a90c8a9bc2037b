package io.github.ralphresume.domain.model;

/**
 * Where a Ralph document's activity time came from; the wire name is written into {@code
 * stale_resume_timestamp_source} when a stale loop is abandoned.
 *
 * @since 0.1.0
 */
public enum TimestampSource {
  /** The document's {@code updated_at}. */
  UPDATED_AT("updated_at"),
  /** The document's {@code last_turn_at}. */
  LAST_TURN_AT("last_turn_at"),
  /** The document's {@code tmux_pane_set_at}. */
  TMUX_PANE_SET_AT("tmux_pane_set_at"),
  /** No usable timestamp field: the file's modification time. */
  MTIME("mtime"),
  /** Neither a timestamp nor a modification time: the check time itself (age 0). */
  MISSING_MTIME("missing_mtime");

  private final String wireName;

  TimestampSource(String wireName) {
    this.wireName = wireName;
  }

  /** {@return the name as written into documents} */
  public String wireName() {
    return wireName;
  }

  /** {@return the fields read for activity, in the order the newest-timestamp rule visits them} */
  public static TimestampSource[] documentFields() {
    return new TimestampSource[] {UPDATED_AT, LAST_TURN_AT, TMUX_PANE_SET_AT};
  }
}
