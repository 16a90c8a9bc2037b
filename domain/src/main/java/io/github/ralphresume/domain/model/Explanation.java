package io.github.ralphresume.domain.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A reconcile that was decided but not carried out: every step of the decision, traced from the
 * same code that reconciles, and the writes it would have made.
 *
 * @param currentSession the current OMX session and how it was found
 * @param payloadCodexSessionId the payload's Codex session id, as given
 * @param payloadCodexThreadId the payload's Codex thread id, as given
 * @param thresholdMillis the stale threshold the environment selects
 * @param currentDocument the current session's document and its verdict; empty when there is no
 *     current session
 * @param priors every prior session the reconcile judged, by id; empty when it never looked
 * @param outcome the result the reconcile would return (with the recovery it would do first)
 * @param writes the documents it would write or remove, in order
 * @since 0.1.0
 */
public record Explanation(
    CurrentSession currentSession,
    String payloadCodexSessionId,
    String payloadCodexThreadId,
    double thresholdMillis,
    Optional<CurrentDocument> currentDocument,
    List<Prior> priors,
    ReconcileOutcome outcome,
    List<PlannedWrite> writes) {

  /**
   * Checks and normalises the components.
   *
   * @param currentSession the current OMX session and how it was found
   * @param payloadCodexSessionId the payload's Codex session id, as given
   * @param payloadCodexThreadId the payload's Codex thread id, as given
   * @param thresholdMillis the stale threshold the environment selects
   * @param currentDocument the current session's document and its verdict; empty when there is no
   *     current session
   * @param priors every prior session the reconcile judged, by id; empty when it never looked
   * @param outcome the result the reconcile would return (with the recovery it would do first)
   * @param writes the documents it would write or remove, in order
   */
  public Explanation {
    Objects.requireNonNull(currentSession, "currentSession");
    Objects.requireNonNull(payloadCodexSessionId, "payloadCodexSessionId");
    Objects.requireNonNull(payloadCodexThreadId, "payloadCodexThreadId");
    Objects.requireNonNull(currentDocument, "currentDocument");
    Objects.requireNonNull(outcome, "outcome");
    priors = List.copyOf(priors);
    writes = List.copyOf(writes);
  }

  /**
   * How the reconcile's pane lookup went, as {@code explain --json} shows it. The lookup itself
   * belongs to the app (tmux for the CLI, the request's {@code tmuxPane} for the HTTP service), so
   * the app hands it in.
   *
   * @param pane the pane found, if any
   * @param notes one-line remarks on the lookup, in the order they arose
   */
  public record PaneSearch(Optional<PaneId> pane, List<String> notes) {
    /**
     * Checks and normalises the components.
     *
     * @param pane the pane found, if any
     * @param notes one-line remarks on the lookup, in the order they arose
     */
    public PaneSearch {
      Objects.requireNonNull(pane, "pane");
      notes = List.copyOf(notes);
    }
  }

  /** What the reconcile made of the current session's document. */
  public enum CurrentVerdict {
    /** No document: the reconcile goes on to look for a prior loop. */
    MISSING("missing"),
    /** It does not parse (or is not a document): it blocks resuming. */
    UNREADABLE("unreadable"),
    /** A document that is not an active loop: it blocks resuming. */
    INACTIVE("inactive"),
    /** An active loop past the threshold: it is abandoned. */
    STALE("stale"),
    /** A fresh active loop: its owners and pane are brought up to date. */
    ACTIVE("active");

    private final String wireName;

    CurrentVerdict(String wireName) {
      this.wireName = wireName;
    }

    /** {@return the verdict as printed by {@code explain --json}} */
    public String wireName() {
      return wireName;
    }
  }

  /**
   * The current session's document.
   *
   * @param session the current session
   * @param path the document's path
   * @param verdict what the reconcile made of it
   * @param stored what was read
   * @param freshness the freshness check, for active loops
   */
  public record CurrentDocument(
      OmxSessionId session,
      String path,
      CurrentVerdict verdict,
      StoredDocument stored,
      Optional<Freshness> freshness) {
    /**
     * Checks and normalises the components.
     *
     * @param session the current session
     * @param path the document's path
     * @param verdict what the reconcile made of it
     * @param stored what was read
     * @param freshness the freshness check, for active loops
     */
    public CurrentDocument {
      Objects.requireNonNull(session, "session");
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(verdict, "verdict");
      Objects.requireNonNull(stored, "stored");
      Objects.requireNonNull(freshness, "freshness");
    }
  }

  /**
   * A prior session's document and why it is, or is not, the loop to resume.
   *
   * @param session the prior session
   * @param path the document's path
   * @param verdict the verdict
   * @param stored what was read
   * @param freshness the freshness check, made only for documents the payload owns
   */
  public record Prior(
      OmxSessionId session,
      String path,
      CandidateVerdict verdict,
      StoredDocument stored,
      Optional<Freshness> freshness) {
    /**
     * Checks and normalises the components.
     *
     * @param session the prior session
     * @param path the document's path
     * @param verdict the verdict
     * @param stored what was read
     * @param freshness the freshness check, made only for documents the payload owns
     */
    public Prior {
      Objects.requireNonNull(session, "session");
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(verdict, "verdict");
      Objects.requireNonNull(stored, "stored");
      Objects.requireNonNull(freshness, "freshness");
    }
  }

  /** Why a document would be written or removed. */
  public enum WriteAction {
    /** A stale active loop retired ({@code stale_active_state}). */
    ABANDON_STALE("abandon_stale"),
    /** The current loop's owners and pane brought up to date. */
    REBIND("rebind"),
    /** The transfer's source retired ({@code ownership_transferred}). */
    RETIRE_SOURCE("retire_source"),
    /** The transfer's target: the loop, re-owned and re-pointed. */
    TRANSFER_TARGET("transfer_target"),
    /** Recovery completing an interrupted transfer's target. */
    RECOVER_TARGET("recover_target"),
    /** Recovery (or a failed transfer) giving the source its loop back. */
    RESTORE_SOURCE("restore_source"),
    /** Recovery removing the target an interrupted transfer wrote. */
    REMOVE_TARGET("remove_target");

    private final String wireName;

    WriteAction(String wireName) {
      this.wireName = wireName;
    }

    /** {@return the action as printed by {@code explain --json}} */
    public String wireName() {
      return wireName;
    }
  }

  /**
   * One document the reconcile would write or remove.
   *
   * @param action why
   * @param session whose document
   * @param path the document's path
   * @param before what the document held at that point, if anything
   * @param after what it would hold; empty when it would be removed
   */
  public record PlannedWrite(
      WriteAction action,
      OmxSessionId session,
      String path,
      Optional<RalphDocument> before,
      Optional<RalphDocument> after) {
    /**
     * Checks and normalises the components.
     *
     * @param action why
     * @param session whose document
     * @param path the document's path
     * @param before what the document held at that point, if anything
     * @param after what it would hold; empty when it would be removed
     */
    public PlannedWrite {
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(session, "session");
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(before, "before");
      Objects.requireNonNull(after, "after");
    }
  }
}
