package io.github.ralphresume.domain.model;

import java.util.Optional;

/**
 * What an operator wants to see of one session's Ralph loop.
 *
 * @param session the session
 * @param current whether it is the current OMX session
 * @param document whether its ralph-state.json is there and readable (the summary keeps the fields
 *     below, not the document: a listing of many sessions must not hold them all)
 * @param unreadableWhy why it cannot be read ({@code ""} unless {@link Document#UNREADABLE})
 * @param active whether the loop is active ({@code active: true})
 * @param phase {@code current_phase}, trimmed ("" when absent)
 * @param iteration {@code iteration} as text ("" when absent)
 * @param maxIterations {@code max_iterations} as text ("" when absent)
 * @param ownerOmxSessionId {@code owner_omx_session_id} ("" when absent)
 * @param ownerCodexSessionId {@code owner_codex_session_id} ("" when absent)
 * @param ownerCodexThreadId {@code owner_codex_thread_id}, the legacy owner ("" when absent)
 * @param pane {@code tmux_pane_id} ("" when absent)
 * @param freshness the freshness rule's verdict, for documents that are JSON objects
 * @since 0.1.0
 */
public record SessionSummary(
    OmxSessionId session,
    boolean current,
    Document document,
    String unreadableWhy,
    boolean active,
    String phase,
    String iteration,
    String maxIterations,
    String ownerOmxSessionId,
    String ownerCodexSessionId,
    String ownerCodexThreadId,
    String pane,
    Optional<Freshness> freshness) {

  /** What a session's ralph-state.json is, as a summary tells it. */
  public enum Document {
    /** A document that parsed (whatever JSON it holds). */
    PRESENT("present"),
    /** No document file. */
    MISSING("missing"),
    /** A file that cannot be read or parsed; {@link #unreadableWhy()} says why. */
    UNREADABLE("unreadable");

    private final String wireName;

    Document(String wireName) {
      this.wireName = wireName;
    }

    /** {@return its name in JSON outputs} */
    public String wireName() {
      return wireName;
    }

    /**
     * What {@code stored} is.
     *
     * @param stored a document as read
     * @return present, missing or unreadable
     */
    public static Document of(StoredDocument stored) {
      if (stored instanceof StoredDocument.Present) return PRESENT;
      if (stored instanceof StoredDocument.Unreadable) return UNREADABLE;
      return MISSING;
    }
  }

  /**
   * {@return the epoch ms of the loop's last activity, for sorting newest first; absent sorts last}
   */
  public double activityMillis() {
    return freshness.map(f -> f.checkedAtMillis() - f.ageMillis()).orElse(Double.NEGATIVE_INFINITY);
  }

  /**
   * Summarises {@code stored}; {@code freshness} is computed only for object documents.
   *
   * @param session the session
   * @param current whether it is the current OMX session
   * @param stored what its ralph-state.json holds
   * @param freshness the freshness verdict, for object documents
   * @return the summary
   */
  public static SessionSummary of(
      OmxSessionId session, boolean current, StoredDocument stored, Optional<Freshness> freshness) {
    if (stored instanceof StoredDocument.Unreadable unreadable) {
      return withoutDocument(session, current, Document.UNREADABLE, unreadable.why());
    }
    if (!(stored instanceof StoredDocument.Present present)) {
      return withoutDocument(session, current, Document.MISSING, "");
    }
    RalphDocument document = present.document();
    return new SessionSummary(
        session,
        current,
        Document.PRESENT,
        "",
        document.isActive(),
        document.text(RalphDocument.CURRENT_PHASE),
        document.text(RalphDocument.ITERATION),
        document.text(RalphDocument.MAX_ITERATIONS),
        document.text(RalphDocument.OWNER_OMX_SESSION_ID),
        document.text(RalphDocument.OWNER_CODEX_SESSION_ID),
        document.text(RalphDocument.OWNER_CODEX_THREAD_ID),
        document.text(RalphDocument.TMUX_PANE_ID),
        freshness);
  }

  private static SessionSummary withoutDocument(
      OmxSessionId session, boolean current, Document document, String unreadableWhy) {
    return new SessionSummary(
        session,
        current,
        document,
        unreadableWhy,
        false,
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        Optional.empty());
  }
}
