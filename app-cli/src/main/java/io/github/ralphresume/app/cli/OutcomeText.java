package io.github.ralphresume.app.cli;

import io.github.ralphresume.domain.model.ReconcileOutcome;

/** One sentence per outcome, for people reading a terminal. */
final class OutcomeText {
  private OutcomeText() {}

  static String describe(ReconcileOutcome outcome) {
    String current = outcome.currentOmxSessionId();
    String target = outcome.targetPath().orElse("");
    String sentence =
        switch (outcome.reason()) {
          case CURRENT_OMX_SESSION_MISSING ->
              "No current OMX session: no session id in the environment names an existing"
                  + " session, and session.json is missing or not usable.";
          case CURRENT_RALPH_ABANDONED_STALE ->
              "Session "
                  + current
                  + " had a stale active Ralph loop; it was abandoned ("
                  + target
                  + ").";
          case CURRENT_RALPH_ACTIVE ->
              outcome.updatedCurrentOwner()
                  ? "Session "
                      + current
                      + " owns the active Ralph loop; its owners and pane were"
                      + " updated ("
                      + target
                      + ")."
                  : "Session " + current + " owns the active Ralph loop; nothing to change.";
          case CURRENT_RALPH_PRESENT ->
              "Session "
                  + current
                  + " has an inactive Ralph document, which blocks resuming ("
                  + target
                  + ").";
          case CURRENT_RALPH_UNREADABLE ->
              "Session "
                  + current
                  + " has an unreadable Ralph document, which blocks resuming ("
                  + target
                  + ").";
          case PAYLOAD_CODEX_IDENTITY_MISSING ->
              "No Codex session id or thread id given: nothing to match a prior loop with.";
          case MATCHING_PRIOR_RALPH_ABANDONED_STALE ->
              "The matching prior Ralph loop was stale; it was abandoned, not resumed.";
          case NO_MATCHING_PRIOR_RALPH ->
              "No prior session has an active Ralph loop owned by this Codex conversation.";
          case MULTIPLE_MATCHING_PRIOR_RALPHS ->
              "More than one prior Ralph loop matches this Codex conversation; none was moved.";
          case RESUMED_SAME_CODEX_SESSION ->
              "Resumed: the Ralph loop moved from "
                  + outcome.sourcePath().orElse("?")
                  + " to "
                  + target
                  + " (session "
                  + current
                  + ").";
          case RESUME_LOCK_TIMEOUT ->
              "Another process held the resume lock for more than 5 s; nothing was changed.";
        };
    return sentence + " [" + outcome.reason().wireName() + "]";
  }
}
