package io.github.ralphresume.domain.model;

import io.github.ralphresume.domain.json.JsonValue;
import java.util.Optional;

/**
 * A loop moving from a prior OMX session to the current one: the document the current session takes
 * over, and what the prior session keeps.
 *
 * @param source the prior session
 * @param original the prior session's document as read
 * @param nextTarget the current session's new document: the loop, re-owned and re-pointed
 * @param previousSource the prior session's document afterwards: inactive, cancelled, transferred
 * @since 0.1.0
 */
public record Transfer(
    OmxSessionId source,
    RalphDocument original,
    RalphDocument nextTarget,
    RalphDocument previousSource) {

  /**
   * Builds the transfer of {@code candidate} to {@code currentSession}.
   *
   * @param candidate the prior loop to move
   * @param currentSession the session it moves to
   * @param payloadSessionId the payload's Codex session id, trimmed; empty for none
   * @param pane the pane the agent runs in, if found
   * @param nowIso the reconcile's time
   * @return the retired source and the next target
   */
  public static Transfer of(
      Candidate candidate,
      OmxSessionId currentSession,
      String payloadSessionId,
      Optional<String> pane,
      String nowIso) {
    RalphDocument original = candidate.document();
    RalphDocument next = original.with(RalphDocument.OWNER_OMX_SESSION_ID, currentSession.value());
    if (!payloadSessionId.isEmpty()) {
      next = next.with(RalphDocument.OWNER_CODEX_SESSION_ID, payloadSessionId);
    }
    if (pane.isPresent()) {
      next = Rebind.bindPane(next, pane.get(), nowIso);
    }
    if (!next.text(RalphDocument.OWNER_CODEX_SESSION_ID).isEmpty()) {
      next = next.without(RalphDocument.OWNER_CODEX_THREAD_ID);
    }
    next = next.without(RalphDocument.COMPLETED_AT).without(RalphDocument.STOP_REASON);
    RalphDocument previous =
        original
            .with(RalphDocument.ACTIVE, JsonValue.FALSE)
            .with(RalphDocument.CURRENT_PHASE, "cancelled")
            .with(RalphDocument.COMPLETED_AT, nowIso)
            .with(RalphDocument.STOP_REASON, "ownership_transferred");
    return new Transfer(candidate.sessionId(), original, next, previous);
  }
}
