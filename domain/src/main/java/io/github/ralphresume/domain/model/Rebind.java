package io.github.ralphresume.domain.model;

import io.github.ralphresume.domain.js.JsStrings;
import java.util.Optional;

/**
 * The current session's active loop made to name its owners and the pane the agent runs in now.
 *
 * @param updated the document, equal to the input when nothing changed
 * @param changed whether it must be written
 * @since 0.1.0
 */
public record Rebind(RalphDocument updated, boolean changed) {

  /**
   * Applies the original's rules in its order.
   *
   * @param current the current session's active document
   * @param currentSession the current OMX session
   * @param rawPayloadSessionId the payload's Codex session id as given; the original tests it
   *     untrimmed here, so {@code " "} counts as present
   * @param payloadThreadId the payload's thread id, trimmed
   * @param pane the pane the agent runs in, if found
   * @param nowIso the reconcile's time, for {@code tmux_pane_set_at}
   * @return the rebound document, and whether it differs from {@code current}
   */
  public static Rebind of(
      RalphDocument current,
      OmxSessionId currentSession,
      String rawPayloadSessionId,
      String payloadThreadId,
      Optional<String> pane,
      String nowIso) {
    RalphDocument updated = current;
    boolean changed = false;
    if (!updated.text(RalphDocument.OWNER_OMX_SESSION_ID).equals(currentSession.value())) {
      updated = updated.with(RalphDocument.OWNER_OMX_SESSION_ID, currentSession.value());
      changed = true;
    }
    if (!rawPayloadSessionId.isEmpty()
        && updated.text(RalphDocument.OWNER_CODEX_SESSION_ID).isEmpty()) {
      updated = updated.with(RalphDocument.OWNER_CODEX_SESSION_ID, rawPayloadSessionId);
      changed = true;
    }
    if (updated.text(RalphDocument.OWNER_CODEX_SESSION_ID).isEmpty()
        && !payloadThreadId.isEmpty()
        && !updated.text(RalphDocument.OWNER_CODEX_THREAD_ID).equals(payloadThreadId)) {
      updated = updated.with(RalphDocument.OWNER_CODEX_THREAD_ID, payloadThreadId);
      changed = true;
    }
    // A loop owned by a Codex session no longer needs the legacy thread owner.
    if (updated.hasStringMember(RalphDocument.OWNER_CODEX_THREAD_ID)
        && !updated.text(RalphDocument.OWNER_CODEX_SESSION_ID).isEmpty()) {
      updated = updated.without(RalphDocument.OWNER_CODEX_THREAD_ID);
      changed = true;
    }
    // Read whether or not there is a pane, as the original reads it (its String() can throw).
    String statePane = JsStrings.trim(updated.text(RalphDocument.TMUX_PANE_ID));
    if (pane.isPresent() && !pane.get().equals(statePane)) {
      updated = bindPane(updated, pane.get(), nowIso);
      changed = true;
    }
    return new Rebind(updated, changed);
  }

  /** Points the loop at {@code pane}, stamping when that happened. */
  static RalphDocument bindPane(RalphDocument document, String pane, String nowIso) {
    return document
        .with(RalphDocument.TMUX_PANE_ID, pane)
        .with(RalphDocument.TMUX_PANE_SET_AT, nowIso);
  }
}
