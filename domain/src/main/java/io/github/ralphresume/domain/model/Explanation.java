package io.github.ralphresume.domain.model;

import io.github.ralphresume.domain.json.JsonArray;
import io.github.ralphresume.domain.json.JsonObject;
import io.github.ralphresume.domain.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  /**
   * The object {@code ralph-resume explain --json} prints (and {@code GET /v1/explain} answers):
   * {@code dryRun}, {@code lockHeld}, {@code currentSession}, {@code payload}, {@code thresholdMs},
   * {@code recovery} when one would run first, {@code currentDocument}, {@code priors}, {@code
   * pane} when the reconcile looked for one, {@code reason}, {@code result} (the line {@code
   * reconcile --json} would print) and {@code writes}, in that order.
   *
   * @param lockHeld whether another process held the resume lock when the explanation was made
   * @param pane the pane lookup, when the reconcile asked for the pane
   * @return the object
   */
  public JsonObject toJson(boolean lockHeld, Optional<PaneSearch> pane) {
    Map<String, JsonValue> root = new LinkedHashMap<>();
    root.put("dryRun", JsonValue.TRUE);
    root.put("lockHeld", JsonValue.of(lockHeld));
    root.put("currentSession", currentSessionJson(currentSession));
    Map<String, JsonValue> payload = new LinkedHashMap<>();
    payload.put("codexSessionId", JsonValue.of(payloadCodexSessionId));
    payload.put("threadId", JsonValue.of(payloadCodexThreadId));
    root.put("payload", new JsonObject(payload));
    root.put("thresholdMs", JsonValue.of(thresholdMillis));
    outcome.recovery().ifPresent(recovery -> root.put("recovery", recovery.toJson()));
    root.put(
        "currentDocument",
        currentDocument
            .<JsonValue>map(
                current ->
                    documentJson(
                        current.session().value(),
                        current.path(),
                        current.verdict().wireName(),
                        current.stored(),
                        current.freshness()))
            .orElse(JsonValue.NULL));
    List<JsonValue> priorList = new ArrayList<>();
    for (Prior prior : priors) {
      priorList.add(
          documentJson(
              prior.session().value(),
              prior.path(),
              prior.verdict().wireName(),
              prior.stored(),
              prior.freshness()));
    }
    root.put("priors", new JsonArray(priorList));
    pane.ifPresent(
        search -> {
          Map<String, JsonValue> described = new LinkedHashMap<>();
          described.put(
              "id",
              search.pane().<JsonValue>map(p -> JsonValue.of(p.value())).orElse(JsonValue.NULL));
          described.put(
              "notes", new JsonArray(search.notes().stream().map(JsonValue::of).toList()));
          root.put("pane", new JsonObject(described));
        });
    root.put("reason", JsonValue.of(outcome.reason().wireName()));
    root.put("result", outcome.toJson());
    List<JsonValue> writeList = new ArrayList<>();
    for (PlannedWrite write : writes) {
      Map<String, JsonValue> described = new LinkedHashMap<>();
      described.put("action", JsonValue.of(write.action().wireName()));
      described.put("session", JsonValue.of(write.session().value()));
      described.put("path", JsonValue.of(write.path()));
      described.put("document", write.after().map(RalphDocument::root).orElse(JsonValue.NULL));
      writeList.add(new JsonObject(described));
    }
    root.put("writes", new JsonArray(writeList));
    return new JsonObject(root);
  }

  private static JsonObject currentSessionJson(CurrentSession current) {
    Map<String, JsonValue> described = new LinkedHashMap<>();
    described.put(
        "id",
        current.idOrNull() == null ? JsonValue.NULL : JsonValue.of(current.idOrNull().value()));
    if (current instanceof CurrentSession.FromEnvironment e) {
      described.put("foundBy", JsonValue.of("environment"));
      described.put("variable", JsonValue.of(e.variable()));
    } else if (current instanceof CurrentSession.FromSessionFile) {
      described.put("foundBy", JsonValue.of("session.json"));
    } else {
      described.put("foundBy", JsonValue.of("none"));
      described.put("why", JsonValue.of(((CurrentSession.None) current).why()));
    }
    return new JsonObject(described);
  }

  private static JsonObject documentJson(
      String session,
      String path,
      String verdict,
      StoredDocument stored,
      Optional<Freshness> freshness) {
    Map<String, JsonValue> described = new LinkedHashMap<>();
    described.put("session", JsonValue.of(session));
    described.put("path", JsonValue.of(path));
    described.put("verdict", JsonValue.of(verdict));
    if (stored instanceof StoredDocument.Missing) {
      described.put("document", JsonValue.of("missing"));
    } else if (stored instanceof StoredDocument.Unreadable unreadable) {
      described.put("document", JsonValue.of("unreadable"));
      described.put("unreadableWhy", JsonValue.of(unreadable.why()));
    } else {
      RalphDocument document = ((StoredDocument.Present) stored).document();
      described.put("document", JsonValue.of("present"));
      described.put("active", JsonValue.of(document.isActive()));
      described.put("phase", JsonValue.of(document.text(RalphDocument.CURRENT_PHASE)));
      described.put(
          "ownerOmxSessionId", JsonValue.of(document.text(RalphDocument.OWNER_OMX_SESSION_ID)));
      described.put(
          "ownerCodexSessionId", JsonValue.of(document.text(RalphDocument.OWNER_CODEX_SESSION_ID)));
      described.put(
          "ownerCodexThreadId", JsonValue.of(document.text(RalphDocument.OWNER_CODEX_THREAD_ID)));
    }
    freshness.ifPresent(f -> described.put("freshness", freshnessJson(f)));
    return new JsonObject(described);
  }

  /** A freshness check as {@code explain --json} and {@code sweep --json} print it. */
  static JsonObject freshnessJson(Freshness freshness) {
    Map<String, JsonValue> f = new LinkedHashMap<>();
    f.put("ageMs", JsonValue.of(freshness.ageMillis()));
    f.put("thresholdMs", JsonValue.of(freshness.thresholdMillis()));
    f.put("source", JsonValue.of(freshness.source().wireName()));
    f.put("stale", JsonValue.of(freshness.stale()));
    return new JsonObject(f);
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
