package io.github.ralphresume.domain.model;

/**
 * Why a reconcile ended as it did. The wire names are the original tool's reason strings.
 *
 * @since 0.1.0
 */
public enum ResumeReason {
  /** No current OMX session could be established (env ids and session.json both failed). */
  CURRENT_OMX_SESSION_MISSING("current_omx_session_missing"),
  /** The current session's active Ralph was stale and has been abandoned. */
  CURRENT_RALPH_ABANDONED_STALE("current_ralph_abandoned_stale"),
  /** The current session already runs a Ralph loop; its owners and pane were refreshed. */
  CURRENT_RALPH_ACTIVE("current_ralph_active"),
  /** The current session has an inactive Ralph document, which blocks resuming. */
  CURRENT_RALPH_PRESENT("current_ralph_present"),
  /** The current session's Ralph document cannot be parsed, which blocks resuming. */
  CURRENT_RALPH_UNREADABLE("current_ralph_unreadable"),
  /** The payload named neither a Codex session nor a thread. */
  PAYLOAD_CODEX_IDENTITY_MISSING("payload_codex_identity_missing"),
  /** Every matching prior Ralph was stale and has been abandoned. */
  MATCHING_PRIOR_RALPH_ABANDONED_STALE("matching_prior_ralph_abandoned_stale"),
  /** No prior session has an active Ralph owned by this Codex session or thread. */
  NO_MATCHING_PRIOR_RALPH("no_matching_prior_ralph"),
  /** More than one prior Ralph matches; refusing to guess. */
  MULTIPLE_MATCHING_PRIOR_RALPHS("multiple_matching_prior_ralphs"),
  /** The prior Ralph loop now belongs to the current session. */
  RESUMED_SAME_CODEX_SESSION("resumed_same_codex_session"),
  /** Another process held the resume lock for longer than the timeout. */
  RESUME_LOCK_TIMEOUT("resume_lock_timeout");

  private final String wireName;

  ResumeReason(String wireName) {
    this.wireName = wireName;
  }

  /** {@return the reason string as the original tool writes it} */
  public String wireName() {
    return wireName;
  }

  /**
   * The reason with this wire name.
   *
   * @param wireName e.g. {@code resumed_same_codex_session}
   * @return the reason
   * @throws IllegalArgumentException when no reason has that name
   */
  public static ResumeReason fromWireName(String wireName) {
    for (ResumeReason reason : values()) {
      if (reason.wireName.equals(wireName)) return reason;
    }
    throw new IllegalArgumentException("unknown reason \"" + wireName + "\"");
  }
}
