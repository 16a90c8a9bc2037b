package io.github.ralphresume.domain.model;

/**
 * Why a prior session's Ralph document is, or is not, the loop the payload's Codex conversation
 * owns. The order of the checks is the original's.
 *
 * @since 0.1.0
 */
public enum CandidateVerdict {
  /** No ralph-state.json in that session. */
  MISSING("missing"),
  /** The document does not parse, or is not a JSON object. */
  UNREADABLE("unreadable"),
  /** {@code active} is not {@code true}. */
  INACTIVE("inactive"),
  /** Active, but its phase is terminal. */
  TERMINAL_PHASE("terminal_phase"),
  /** Owned by another Codex session (or the payload has no session id). */
  OWNER_SESSION_MISMATCH("owner_session_mismatch"),
  /** A legacy thread-owned loop whose thread is missing or differs from the payload's. */
  OWNER_THREAD_MISMATCH("owner_thread_mismatch"),
  /** Matches, but its last activity is stale: it is abandoned, not resumed. */
  STALE("stale"),
  /** Matches by Codex session id. */
  MATCHED_BY_SESSION("matched_by_session"),
  /** Matches by legacy Codex thread id. */
  MATCHED_BY_THREAD("matched_by_thread");

  private final String wireName;

  CandidateVerdict(String wireName) {
    this.wireName = wireName;
  }

  /** {@return the verdict as printed by {@code explain --json}} */
  public String wireName() {
    return wireName;
  }

  /** {@return whether the document belongs to the payload's conversation (stale or not)} */
  public boolean owned() {
    return this == STALE || this == MATCHED_BY_SESSION || this == MATCHED_BY_THREAD;
  }

  /**
   * The ownership part of the verdict, before freshness is considered: only an active loop in a
   * non-terminal phase whose {@link OwnerKey} the payload {@linkplain CandidateQuery#claims claims}
   * is owned.
   *
   * @param stored what the session holds
   * @param query the payload's ids
   * @return the verdict; {@link #STALE} is never returned here
   */
  public static CandidateVerdict ownership(StoredDocument stored, CandidateQuery query) {
    if (stored instanceof StoredDocument.Missing) return MISSING;
    if (!(stored instanceof StoredDocument.Present present)) return UNREADABLE;
    RalphDocument document = present.document();
    if (!document.isObject()) return INACTIVE;
    if (!document.isActive()) return INACTIVE;
    if (document.isTerminalPhase()) return TERMINAL_PHASE;
    OwnerKey owner = OwnerKey.of(document).orElse(null);
    if (owner instanceof OwnerKey.CodexSession) {
      return query.claims(owner) ? MATCHED_BY_SESSION : OWNER_SESSION_MISMATCH;
    }
    // Only a loop without a Codex session owner is matched by thread; one without any owner is
    // nobody's.
    return owner != null && query.claims(owner) ? MATCHED_BY_THREAD : OWNER_THREAD_MISMATCH;
  }
}
