package io.github.ralphresume.app.cli;

import io.github.ralphresume.adapters.fs.FileTransferJournal;
import io.github.ralphresume.adapters.tmux.PaneLookup;
import io.github.ralphresume.domain.js.JsStrings;
import io.github.ralphresume.domain.json.JsonObject;
import io.github.ralphresume.domain.json.JsonText;
import io.github.ralphresume.domain.json.JsonValue;
import io.github.ralphresume.domain.model.CandidateQuery;
import io.github.ralphresume.domain.model.CandidateVerdict;
import io.github.ralphresume.domain.model.CurrentSession;
import io.github.ralphresume.domain.model.Explanation;
import io.github.ralphresume.domain.model.Explanation.PlannedWrite;
import io.github.ralphresume.domain.model.Explanation.WriteAction;
import io.github.ralphresume.domain.model.Freshness;
import io.github.ralphresume.domain.model.RalphDocument;
import io.github.ralphresume.domain.model.ReconcileOutcome;
import io.github.ralphresume.domain.model.Recovery;
import io.github.ralphresume.domain.model.StoredDocument;
import io.github.ralphresume.domain.model.TimestampSource;
import io.github.ralphresume.domain.wire.WireFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code explain}'s output: numbered steps for people, one JSON object for scripts. */
final class ExplanationText {
  private ExplanationText() {}

  /** Longest JSON value shown in a field change before it is cut short. */
  private static final int MAX_VALUE_CHARS = 80;

  /**
   * The steps, the reason and the writes.
   *
   * @param pane the pane lookup, when the reconcile asked for the pane
   * @param journalFile where a transfer would be journaled
   * @param lockHeld whether another process holds the resume lock right now
   */
  static String text(
      Explanation explanation, Optional<PaneLookup> pane, Path journalFile, boolean lockHeld) {
    Steps steps = new Steps();
    ReconcileOutcome outcome = explanation.outcome();
    outcome.recovery().ifPresent(recovery -> steps.add(recoveryStep(recovery, journalFile)));
    steps.add(currentSessionStep(explanation.currentSession()));
    explanation
        .currentDocument()
        .ifPresent(current -> steps.add(currentDocumentStep(current, explanation)));
    boolean lookedForPriors =
        explanation
            .currentDocument()
            .map(current -> current.verdict() == Explanation.CurrentVerdict.MISSING)
            .orElse(false);
    if (lookedForPriors) {
      String sessionId = JsStrings.trim(explanation.payloadCodexSessionId());
      String threadId = JsStrings.trim(explanation.payloadCodexThreadId());
      if (sessionId.isEmpty() && threadId.isEmpty()) {
        steps.add(
            "Payload: no Codex session id and no thread id; nothing to match a prior loop"
                + " with.");
      } else {
        steps.add(
            "Payload: Codex session " + orNone(sessionId) + ", thread " + orNone(threadId) + ".");
        steps.add(priorsStep(explanation, sessionId, threadId));
        steps.add(decisionStep(explanation));
      }
    }
    pane.ifPresent(lookup -> steps.add(paneStep(lookup)));

    StringBuilder out = new StringBuilder();
    out.append("Dry run of reconcile (no lock taken, nothing written). Stale threshold: ")
        .append(StatusCommand.age(explanation.thresholdMillis()))
        .append(" (")
        .append(number(explanation.thresholdMillis()))
        .append(" ms).\n");
    out.append(steps.text());
    if (lockHeld) {
      out.append(
          "Note: another process holds the resume lock right now; a reconcile would wait"
              + " for it (up to 5 s) and decide on what it finds then.\n");
    }
    out.append("Reason: ")
        .append(outcome.reason().wireName())
        .append(" (resumed: ")
        .append(outcome.resumed())
        .append(", updatedCurrentOwner: ")
        .append(outcome.updatedCurrentOwner())
        .append(")\n");
    out.append(writes(explanation.writes(), journalFile));
    return out.toString();
  }

  private static String recoveryStep(Recovery recovery, Path journalFile) {
    String what =
        switch (recovery.action()) {
          case ROLLED_FORWARD ->
              recovery.atTarget() == Recovery.Found.MISSING
                  ? "complete it (roll forward): write the target from the journal"
                  : "complete it (roll forward): only the journal is left to remove";
          case ROLLED_BACK ->
              recovery.atTarget() == Recovery.Found.NEXT_TARGET
                  ? "undo it (roll back): the source still holds the loop, so the transfer's"
                      + " target is removed"
                  : "undo it (roll back): nothing was changed yet";
          case LEFT_FOR_OPERATOR ->
              "leave every document as it is: another writer (the TypeScript original, another"
                  + " OMX component, a person) changed them after the transfer began; the"
                  + " journal is kept as "
                  + new FileTransferJournal(journalFile.getParent()).leftFile(recovery.transferId())
                  + " for you to decide";
        };
    return "Interrupted transfer "
        + recovery.transferId()
        + " ("
        + recovery.source()
        + " -> "
        + recovery.target()
        + ") is pending in the journal. Found: source "
        + found(recovery.atSource())
        + ", target "
        + found(recovery.atTarget())
        + ". Recovery would first "
        + what
        + ".";
  }

  /** What recovery found, in words. */
  static String found(Recovery.Found found) {
    return switch (found) {
      case MISSING -> "no document";
      case UNREADABLE -> "unreadable";
      case ORIGINAL_SOURCE -> "the loop as before the transfer";
      case RETIRED_SOURCE -> "retired by this transfer";
      case NEXT_TARGET -> "the loop as this transfer writes it";
      case FOREIGN -> "a document this transfer did not write";
    };
  }

  static String currentSessionStep(CurrentSession current) {
    if (current instanceof CurrentSession.FromEnvironment e) {
      return "Current session: "
          + e.id()
          + ", named by "
          + e.variable()
          + " (its session directory exists).";
    }
    if (current instanceof CurrentSession.FromSessionFile f) {
      return "Current session: "
          + f.id()
          + ", named by session.json (no session variable named"
          + " an existing session directory, and the file is usable: its cwd is this project and"
          + " the process it records, if any, still runs).";
    }
    return "No current session: "
        + ((CurrentSession.None) current).why()
        + ". Nothing else is looked at.";
  }

  private static String currentDocumentStep(
      Explanation.CurrentDocument current, Explanation explanation) {
    String head = "Current document " + current.path() + ": ";
    return switch (current.verdict()) {
      case MISSING -> head + "none, so a prior loop may move in.";
      case UNREADABLE ->
          head + "unreadable (" + unreadableWhy(current.stored()) + "); it blocks resuming.";
      case INACTIVE -> head + notActive(current.stored()) + "; it blocks resuming.";
      case STALE ->
          head
              + "an active loop, "
              + activity(current.freshness())
              + ", over the "
              + threshold(current.freshness())
              + "; it is abandoned.";
      case ACTIVE ->
          head
              + "an active loop, "
              + activity(current.freshness())
              + ", within the "
              + threshold(current.freshness())
              + "; its owners and pane "
              + (explanation.writes().stream().anyMatch(w -> w.action() == WriteAction.REBIND)
                  ? "are brought up to date."
                  : "are already up to date.");
    };
  }

  private static String priorsStep(Explanation explanation, String sessionId, String threadId) {
    if (explanation.priors().isEmpty()) return "Prior sessions: none.";
    StringBuilder out = new StringBuilder("Prior sessions (" + explanation.priors().size() + "):");
    for (Explanation.Prior prior : explanation.priors()) {
      out.append("\n     - ")
          .append(prior.session())
          .append(": ")
          .append(priorText(prior, sessionId, threadId));
    }
    return out.toString();
  }

  static String priorText(
      Explanation.Prior prior, String payloadSessionId, String payloadThreadId) {
    RalphDocument document =
        prior.stored() instanceof StoredDocument.Present present ? present.document() : null;
    String ownerSession =
        document == null ? "" : document.text(RalphDocument.OWNER_CODEX_SESSION_ID);
    String ownerThread = document == null ? "" : document.text(RalphDocument.OWNER_CODEX_THREAD_ID);
    return switch (prior.verdict()) {
      case MISSING -> "not a candidate: no ralph-state.json.";
      case UNREADABLE -> "not a candidate: unreadable (" + unreadableWhy(prior.stored()) + ").";
      case INACTIVE -> "not a candidate: " + notActive(prior.stored()) + ".";
      case TERMINAL_PHASE ->
          "not a candidate: active, but in the terminal phase \""
              + document.text(RalphDocument.CURRENT_PHASE)
              + "\".";
      case OWNER_SESSION_MISMATCH ->
          "not a candidate: owned by Codex session "
              + ownerSession
              + (payloadSessionId.isEmpty()
                  ? ", and the payload names no session."
                  : ", not " + payloadSessionId + ".");
      case OWNER_THREAD_MISMATCH ->
          "not a candidate: "
              + (ownerThread.isEmpty()
                  ? "it names no Codex owner (neither session nor thread)."
                  : "owned by thread "
                      + ownerThread
                      + (payloadThreadId.isEmpty()
                          ? " (legacy), and the payload names no thread."
                          : " (legacy), not " + payloadThreadId + "."));
      case STALE ->
          "owned by this conversation ("
              + matchedBy(
                  CandidateVerdict.ownership(
                      prior.stored(), new CandidateQuery(payloadSessionId, payloadThreadId)))
              + "), but "
              + activity(prior.freshness())
              + ", over the "
              + threshold(prior.freshness())
              + ": abandoned, not resumed.";
      case MATCHED_BY_SESSION ->
          "a candidate: owned by Codex session "
              + ownerSession
              + ", "
              + activity(prior.freshness())
              + ".";
      case MATCHED_BY_THREAD ->
          "a candidate: owned by thread "
              + ownerThread
              + " (legacy), "
              + activity(prior.freshness())
              + ".";
    };
  }

  private static String matchedBy(CandidateVerdict verdict) {
    return verdict == CandidateVerdict.MATCHED_BY_THREAD ? "by thread" : "by session";
  }

  private static String decisionStep(Explanation explanation) {
    List<Explanation.Prior> candidates = new ArrayList<>();
    int abandoned = 0;
    for (Explanation.Prior prior : explanation.priors()) {
      if (prior.verdict() == CandidateVerdict.STALE) abandoned++;
      if (prior.verdict() == CandidateVerdict.MATCHED_BY_SESSION
          || prior.verdict() == CandidateVerdict.MATCHED_BY_THREAD) {
        candidates.add(prior);
      }
    }
    if (candidates.size() == 1) {
      return "Decision: one candidate, "
          + candidates.get(0).session()
          + "; its loop moves to the current session.";
    }
    if (candidates.size() > 1) {
      return "Decision: " + candidates.size() + " candidates; refusing to guess, nothing moves.";
    }
    return abandoned > 0
        ? "Decision: no fresh loop of this conversation; "
            + abandoned
            + " stale one"
            + (abandoned == 1 ? " is" : "s are")
            + " abandoned."
        : "Decision: no prior session has an active loop of this conversation.";
  }

  private static String paneStep(PaneLookup lookup) {
    String notes = lookup.notes().isEmpty() ? "" : " (" + String.join("; ", lookup.notes()) + ")";
    return "Pane: " + lookup.pane().map(p -> p.value()).orElse("none found") + notes + ".";
  }

  private static String writes(List<PlannedWrite> writes, Path journalFile) {
    if (writes.isEmpty()) return "Writes: none.\n";
    StringBuilder out = new StringBuilder("Writes, in order, under the resume lock:\n");
    if (writes.stream().anyMatch(w -> w.action() == WriteAction.RETIRE_SOURCE)) {
      out.append("  (the transfer is journaled in ")
          .append(journalFile)
          .append(" first and removed once it completes)\n");
    }
    Optional<RalphDocument> transferSource = Optional.empty();
    int n = 0;
    for (PlannedWrite write : writes) {
      out.append("  ")
          .append(++n)
          .append(". ")
          .append(actionText(write.action()))
          .append(": ")
          .append(write.path())
          .append('\n');
      if (write.action() == WriteAction.RETIRE_SOURCE) transferSource = write.before();
      if (write.after().isEmpty()) continue;
      Optional<RalphDocument> base = write.before();
      if (base.isEmpty() && write.action() == WriteAction.TRANSFER_TARGET) {
        // A new document: show it as the source's loop, changed.
        base = transferSource;
        out.append("     (a new document: the source's loop with these changes)\n");
      }
      for (String change : changes(base, write.after().get())) {
        out.append("     ").append(change).append('\n');
      }
    }
    return out.toString();
  }

  private static String actionText(WriteAction action) {
    return switch (action) {
      case ABANDON_STALE -> "abandon the stale loop";
      case REBIND -> "rebind owners and pane";
      case RETIRE_SOURCE -> "retire the transfer's source";
      case TRANSFER_TARGET -> "write the transfer's target";
      case RECOVER_TARGET -> "recovery: complete the interrupted transfer's target";
      case RESTORE_SOURCE -> "restore the source's loop";
      case REMOVE_TARGET -> "recovery: remove the interrupted transfer's target";
    };
  }

  /** Field by field: changed ({@code a -> b}), added ({@code +}), removed ({@code -}). */
  static List<String> changes(Optional<RalphDocument> before, RalphDocument after) {
    Map<String, JsonValue> old =
        before.flatMap(RalphDocument::object).map(JsonObject::members).orElse(Map.of());
    Map<String, JsonValue> next = after.object().map(JsonObject::members).orElse(Map.of());
    List<String> lines = new ArrayList<>();
    for (Map.Entry<String, JsonValue> member : next.entrySet()) {
      JsonValue previous = old.get(member.getKey());
      if (previous == null) {
        lines.add("+ " + member.getKey() + ": " + value(member.getValue()));
      } else if (!previous.equals(member.getValue())) {
        lines.add(
            "  " + member.getKey() + ": " + value(previous) + " -> " + value(member.getValue()));
      }
    }
    for (Map.Entry<String, JsonValue> member : old.entrySet()) {
      if (!next.containsKey(member.getKey())) {
        lines.add("- " + member.getKey() + " (was " + value(member.getValue()) + ")");
      }
    }
    return lines;
  }

  /** The value's JSON, cut short: only its beginning is produced, however large it is. */
  private static String value(JsonValue value) {
    StringBuilder text = new StringBuilder();
    try {
      JsonText.compact(
          value,
          new java.io.Writer() {
            @Override
            public void write(char[] chars, int offset, int length) throws java.io.IOException {
              text.append(chars, offset, Math.min(length, MAX_VALUE_CHARS + 1));
              if (text.length() > MAX_VALUE_CHARS) throw new java.io.EOFException();
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
          });
    } catch (java.io.IOException enough) {
      // Thrown above once the beginning is there: the rest is not needed.
    }
    return text.length() <= MAX_VALUE_CHARS
        ? text.toString()
        : text.substring(0, MAX_VALUE_CHARS - 1) + "…";
  }

  private static String activity(Optional<Freshness> freshness) {
    if (freshness.isEmpty()) return "activity unknown";
    Freshness f = freshness.get();
    if (f.source() == TimestampSource.MISSING_MTIME) {
      return "with no timestamp and no file time (age 0)";
    }
    String from = f.source() == TimestampSource.MTIME ? "the file's mtime" : f.source().wireName();
    return "last active " + StatusCommand.age(f.ageMillis()) + " ago (" + from + ")";
  }

  private static String threshold(Optional<Freshness> freshness) {
    return freshness
        .map(f -> StatusCommand.age(f.thresholdMillis()) + " threshold")
        .orElse("threshold");
  }

  private static String notActive(StoredDocument stored) {
    RalphDocument document = ((StoredDocument.Present) stored).document();
    if (!document.isObject()) return "not a JSON object";
    String active = document.member(RalphDocument.ACTIVE).map(JsonText::compact).orElse("absent");
    String phase = document.text(RalphDocument.CURRENT_PHASE);
    return "not an active loop (active is "
        + active
        + (phase.isEmpty() ? "" : ", phase \"" + phase + "\"")
        + ")";
  }

  private static String unreadableWhy(StoredDocument stored) {
    return stored instanceof StoredDocument.Unreadable unreadable ? unreadable.why() : "unreadable";
  }

  private static String orNone(String value) {
    return value.isEmpty() ? "(none)" : value;
  }

  private static String number(double value) {
    return JsonText.compact(JsonValue.of(value));
  }

  /** Numbered lines; a step's continuation lines are already indented. */
  private static final class Steps {
    private final StringBuilder out = new StringBuilder();
    private int count;

    void add(String step) {
      out.append(String.format("%2d. ", ++count)).append(step).append('\n');
    }

    String text() {
      return out.toString();
    }
  }

  /** The JSON object, in the wire format, with the CLI's pane lookup. */
  static JsonObject json(Explanation explanation, Optional<PaneLookup> pane, boolean lockHeld) {
    return WireFormat.explanation(
        explanation,
        lockHeld,
        pane.map(lookup -> new Explanation.PaneSearch(lookup.pane(), lookup.notes())));
  }
}
