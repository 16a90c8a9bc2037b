package io.github.ralphresume.domain.wire;

import io.github.ralphresume.domain.json.JsonArray;
import io.github.ralphresume.domain.json.JsonObject;
import io.github.ralphresume.domain.json.JsonValue;
import io.github.ralphresume.domain.model.CurrentSession;
import io.github.ralphresume.domain.model.Explanation;
import io.github.ralphresume.domain.model.Freshness;
import io.github.ralphresume.domain.model.Inspection;
import io.github.ralphresume.domain.model.RalphDocument;
import io.github.ralphresume.domain.model.ReconcileOutcome;
import io.github.ralphresume.domain.model.Recovery;
import io.github.ralphresume.domain.model.SessionSummary;
import io.github.ralphresume.domain.model.StoredDocument;
import io.github.ralphresume.domain.model.SweepReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How ralph-resume writes its facts as JSON: the one definition behind the command line's {@code
 * --json} outputs and the HTTP service's bodies, so that a fact is spelled the same everywhere.
 *
 * <p>The spelling: member names are camelCase; values that name a kind of thing are the model's
 * wire names, in snake_case ({@code session_file}, {@code updated_at}, {@code rolled_forward});
 * durations are milliseconds in members ending in {@code Ms}; members are written in the order
 * documented on each method; a fact that does not apply is left out, except where a member is
 * documented as {@code null}. The reconcile result keeps the original tool's spelling (its {@code
 * --json} line is compared byte for byte with the original's).
 *
 * @since 0.1.0
 */
public final class WireFormat {
  private WireFormat() {}

  /**
   * The original's result object, keys in its order: {@code currentOmxSessionId}, {@code resumed},
   * {@code updatedCurrentOwner}, {@code reason}, then {@code sourcePath} and {@code targetPath}
   * when set, and {@link #recovery recovery} when one happened first (not in the original's
   * result). This is the line {@code reconcile --json} prints and {@code POST /v1/reconcile}
   * answers.
   *
   * @param outcome the reconcile's outcome
   * @return the result object
   */
  public static JsonObject reconcileResult(ReconcileOutcome outcome) {
    Map<String, JsonValue> members = new LinkedHashMap<>();
    members.put("currentOmxSessionId", JsonValue.of(outcome.currentOmxSessionId()));
    members.put("resumed", JsonValue.of(outcome.resumed()));
    members.put("updatedCurrentOwner", JsonValue.of(outcome.updatedCurrentOwner()));
    members.put("reason", JsonValue.of(outcome.reason().wireName()));
    outcome.sourcePath().ifPresent(path -> members.put("sourcePath", JsonValue.of(path)));
    outcome.targetPath().ifPresent(path -> members.put("targetPath", JsonValue.of(path)));
    outcome.recovery().ifPresent(done -> members.put("recovery", recovery(done)));
    return new JsonObject(members);
  }

  /**
   * A recovery of an interrupted transfer: {@code transferId}, {@code action} ({@code
   * rolled_forward}, {@code rolled_back}, {@code left_for_operator}), {@code source} and {@code
   * target} (OMX session ids), and what recovery found in each document file, {@code foundAtSource}
   * and {@code foundAtTarget} ({@code missing}, {@code unreadable}, {@code original_source}, {@code
   * retired_source}, {@code next_target}, {@code foreign}).
   *
   * @param recovery the recovery
   * @return the object
   */
  public static JsonObject recovery(Recovery recovery) {
    Map<String, JsonValue> members = new LinkedHashMap<>();
    members.put("transferId", JsonValue.of(recovery.transferId()));
    members.put("action", JsonValue.of(recovery.action().wireName()));
    members.put("source", JsonValue.of(recovery.source().value()));
    members.put("target", JsonValue.of(recovery.target().value()));
    members.put("foundAtSource", JsonValue.of(recovery.atSource().wireName()));
    members.put("foundAtTarget", JsonValue.of(recovery.atTarget().wireName()));
    return new JsonObject(members);
  }

  /**
   * A freshness check: {@code ageMs}, {@code thresholdMs}, {@code source} (the timestamp it came
   * from: {@code updated_at}, {@code last_turn_at}, {@code tmux_pane_set_at}, {@code mtime} or
   * {@code missing_mtime}) and {@code stale}.
   *
   * @param freshness the check
   * @return the object
   */
  public static JsonObject freshness(Freshness freshness) {
    Map<String, JsonValue> members = new LinkedHashMap<>();
    members.put("ageMs", JsonValue.of(freshness.ageMillis()));
    members.put("thresholdMs", JsonValue.of(freshness.thresholdMillis()));
    members.put("source", JsonValue.of(freshness.source().wireName()));
    members.put("stale", JsonValue.of(freshness.stale()));
    return new JsonObject(members);
  }

  /**
   * The current OMX session and how it was found: {@code id} ({@code null} when there is none),
   * {@code foundBy} ({@code environment}, {@code session_file} or {@code none}), then {@code
   * variable} (the environment variable that named it) or {@code why} (what was tried, when none
   * was found).
   *
   * @param current the current session
   * @return the object
   */
  public static JsonObject currentSession(CurrentSession current) {
    Map<String, JsonValue> members = new LinkedHashMap<>();
    members.put(
        "id",
        current.idOrNull() == null ? JsonValue.NULL : JsonValue.of(current.idOrNull().value()));
    if (current instanceof CurrentSession.FromEnvironment fromEnvironment) {
      members.put("foundBy", JsonValue.of("environment"));
      members.put("variable", JsonValue.of(fromEnvironment.variable()));
    } else if (current instanceof CurrentSession.FromSessionFile) {
      members.put("foundBy", JsonValue.of("session_file"));
    } else {
      members.put("foundBy", JsonValue.of("none"));
      members.put("why", JsonValue.of(((CurrentSession.None) current).why()));
    }
    return new JsonObject(members);
  }

  /**
   * Every session's loop, as {@code status --json} prints it and {@code GET /v1/sessions} answers
   * it: {@link #currentSession currentSession} and {@code sessions}, each a {@link #session
   * session}, newest activity first.
   *
   * @param inspection the sessions
   * @return the object
   */
  public static JsonObject sessions(Inspection inspection) {
    Map<String, JsonValue> members = new LinkedHashMap<>();
    members.put("currentSession", currentSession(inspection.current()));
    List<JsonValue> sessions = new ArrayList<>();
    for (SessionSummary summary : inspection.sessions()) sessions.add(session(summary));
    members.put("sessions", new JsonArray(sessions));
    return new JsonObject(members);
  }

  /**
   * One session's loop: {@code id}, {@code current} (whether it is the current session), {@code
   * document} ({@code present}, {@code missing} or {@code unreadable}, with {@code unreadableWhy}),
   * {@code active}, {@code phase}, {@code iteration}, {@code maxIterations}, the owners {@code
   * ownerOmxSessionId}, {@code ownerCodexSessionId} and {@code ownerCodexThreadId}, {@code pane}
   * (strings, {@code ""} when the document has no such member) and, for a document that is a JSON
   * object, its {@link #freshness freshness}.
   *
   * @param summary the session
   * @return the object
   */
  public static JsonObject session(SessionSummary summary) {
    Map<String, JsonValue> members = new LinkedHashMap<>();
    members.put("id", JsonValue.of(summary.session().value()));
    members.put("current", JsonValue.of(summary.current()));
    members.put("document", JsonValue.of(summary.document().wireName()));
    if (summary.document() == SessionSummary.Document.UNREADABLE) {
      members.put("unreadableWhy", JsonValue.of(summary.unreadableWhy()));
    }
    members.put("active", JsonValue.of(summary.active()));
    members.put("phase", JsonValue.of(summary.phase()));
    members.put("iteration", JsonValue.of(summary.iteration()));
    members.put("maxIterations", JsonValue.of(summary.maxIterations()));
    putOwners(
        members,
        summary.ownerOmxSessionId(),
        summary.ownerCodexSessionId(),
        summary.ownerCodexThreadId());
    members.put("pane", JsonValue.of(summary.pane()));
    summary.freshness().ifPresent(f -> members.put("freshness", freshness(f)));
    return new JsonObject(members);
  }

  /**
   * What {@code reconcile} would do now, as {@code explain --json} prints it and {@code GET
   * /v1/explain} answers it: {@code dryRun} ({@code true}), {@code lockHeld}, {@link
   * #currentSession currentSession}, {@code payload} ({@code codexSessionId}, {@code threadId}),
   * {@code thresholdMs}, {@link #recovery recovery} when one would run first, {@code
   * currentDocument} ({@code null} without a current session), {@code priors}, {@code pane} when
   * the reconcile looked for one ({@code id}, {@code null} when none was found, and {@code notes}),
   * {@code reason}, {@code result} (the {@link #reconcileResult line} {@code reconcile --json}
   * would print) and {@code writes} ({@code action}, {@code session}, {@code path}, and the {@code
   * document} it would write, {@code null} for a removal).
   *
   * <p>The current document and each prior: {@code session}, {@code path}, {@code verdict}, {@code
   * document} as in {@link #session}; for a present one {@code active}, {@code phase} and the
   * owners, also as there; and {@link #freshness freshness} when it was checked.
   *
   * @param explanation the explanation
   * @param lockHeld whether another process held the resume lock when it was made
   * @param pane the pane lookup, when the reconcile asked for the pane
   * @return the object
   */
  public static JsonObject explanation(
      Explanation explanation, boolean lockHeld, Optional<Explanation.PaneSearch> pane) {
    Map<String, JsonValue> root = new LinkedHashMap<>();
    root.put("dryRun", JsonValue.TRUE);
    root.put("lockHeld", JsonValue.of(lockHeld));
    root.put("currentSession", currentSession(explanation.currentSession()));
    Map<String, JsonValue> payload = new LinkedHashMap<>();
    payload.put("codexSessionId", JsonValue.of(explanation.payloadCodexSessionId()));
    payload.put("threadId", JsonValue.of(explanation.payloadCodexThreadId()));
    root.put("payload", new JsonObject(payload));
    root.put("thresholdMs", JsonValue.of(explanation.thresholdMillis()));
    explanation.outcome().recovery().ifPresent(done -> root.put("recovery", recovery(done)));
    root.put(
        "currentDocument",
        explanation
            .currentDocument()
            .<JsonValue>map(
                current ->
                    judged(
                        current.session().value(),
                        current.path(),
                        current.verdict().wireName(),
                        current.stored(),
                        current.freshness()))
            .orElse(JsonValue.NULL));
    List<JsonValue> priors = new ArrayList<>();
    for (Explanation.Prior prior : explanation.priors()) {
      priors.add(
          judged(
              prior.session().value(),
              prior.path(),
              prior.verdict().wireName(),
              prior.stored(),
              prior.freshness()));
    }
    root.put("priors", new JsonArray(priors));
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
    root.put("reason", JsonValue.of(explanation.outcome().reason().wireName()));
    root.put("result", reconcileResult(explanation.outcome()));
    List<JsonValue> writes = new ArrayList<>();
    for (Explanation.PlannedWrite write : explanation.writes()) {
      Map<String, JsonValue> described = new LinkedHashMap<>();
      described.put("action", JsonValue.of(write.action().wireName()));
      described.put("session", JsonValue.of(write.session().value()));
      described.put("path", JsonValue.of(write.path()));
      described.put("document", write.after().map(RalphDocument::root).orElse(JsonValue.NULL));
      writes.add(new JsonObject(described));
    }
    root.put("writes", new JsonArray(writes));
    return new JsonObject(root);
  }

  /**
   * What a sweep found and did, as {@code sweep --json} prints it and {@code POST /v1/sweep}
   * answers it: {@code outcome} ({@code dry_run}, {@code applied}, {@code resume_lock_timeout},
   * {@code transfer_pending}), {@code thresholdMs}, {@code transferPending}, {@code deadSession}
   * ({@code session}, {@code pid}) when one was found, and {@code loops}, each with its {@code
   * session}, {@code path}, {@code why} ({@code stale} or {@code dead_owner}), {@link #freshness
   * freshness} and whether it was {@code abandoned}.
   *
   * @param report the sweep's report
   * @return the object
   */
  public static JsonObject sweep(SweepReport report) {
    Map<String, JsonValue> root = new LinkedHashMap<>();
    root.put("outcome", JsonValue.of(report.outcome().wireName()));
    root.put("thresholdMs", JsonValue.of(report.thresholdMillis()));
    root.put("transferPending", JsonValue.of(report.transferPending()));
    report
        .deadSession()
        .ifPresent(
            dead -> {
              Map<String, JsonValue> described = new LinkedHashMap<>();
              described.put("session", JsonValue.of(dead.session().value()));
              described.put("pid", JsonValue.of(dead.pid()));
              root.put("deadSession", new JsonObject(described));
            });
    List<JsonValue> loops = new ArrayList<>();
    for (SweepReport.Loop loop : report.loops()) {
      Map<String, JsonValue> members = new LinkedHashMap<>();
      members.put("session", JsonValue.of(loop.session().value()));
      members.put("path", JsonValue.of(loop.path()));
      members.put("why", JsonValue.of(loop.why().wireName()));
      members.put("freshness", freshness(loop.abandonment().why()));
      members.put("abandoned", JsonValue.of(loop.written()));
      loops.add(new JsonObject(members));
    }
    root.put("loops", new JsonArray(loops));
    return new JsonObject(root);
  }

  /** A document the reconcile judged, with its verdict. */
  private static JsonObject judged(
      String session,
      String path,
      String verdict,
      StoredDocument stored,
      Optional<Freshness> checked) {
    Map<String, JsonValue> members = new LinkedHashMap<>();
    members.put("session", JsonValue.of(session));
    members.put("path", JsonValue.of(path));
    members.put("verdict", JsonValue.of(verdict));
    putDocument(members, stored);
    if (stored instanceof StoredDocument.Present present) {
      RalphDocument document = present.document();
      members.put("active", JsonValue.of(document.isActive()));
      members.put("phase", JsonValue.of(document.text(RalphDocument.CURRENT_PHASE)));
      putOwners(
          members,
          document.text(RalphDocument.OWNER_OMX_SESSION_ID),
          document.text(RalphDocument.OWNER_CODEX_SESSION_ID),
          document.text(RalphDocument.OWNER_CODEX_THREAD_ID));
    }
    checked.ifPresent(f -> members.put("freshness", freshness(f)));
    return new JsonObject(members);
  }

  /** {@code document}, and {@code unreadableWhy} for an unreadable one. */
  private static void putDocument(Map<String, JsonValue> members, StoredDocument stored) {
    members.put("document", JsonValue.of(SessionSummary.Document.of(stored).wireName()));
    if (stored instanceof StoredDocument.Unreadable unreadable) {
      members.put("unreadableWhy", JsonValue.of(unreadable.why()));
    }
  }

  private static void putOwners(
      Map<String, JsonValue> members, String omxSession, String codexSession, String codexThread) {
    members.put("ownerOmxSessionId", JsonValue.of(omxSession));
    members.put("ownerCodexSessionId", JsonValue.of(codexSession));
    members.put("ownerCodexThreadId", JsonValue.of(codexThread));
  }
}
