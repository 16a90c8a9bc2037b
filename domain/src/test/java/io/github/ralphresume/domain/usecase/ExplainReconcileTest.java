package io.github.ralphresume.domain.usecase;

import static io.github.ralphresume.domain.usecase.InMemoryStateStore.document;
import static io.github.ralphresume.domain.usecase.InMemoryStateStore.id;
import static io.github.ralphresume.domain.usecase.InMemoryStateStore.ralph;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ralphresume.domain.model.Candidate;
import io.github.ralphresume.domain.model.CandidateVerdict;
import io.github.ralphresume.domain.model.CurrentSession;
import io.github.ralphresume.domain.model.Environment;
import io.github.ralphresume.domain.model.Explanation;
import io.github.ralphresume.domain.model.Explanation.WriteAction;
import io.github.ralphresume.domain.model.JournalEntry;
import io.github.ralphresume.domain.model.PaneId;
import io.github.ralphresume.domain.model.RalphDocument;
import io.github.ralphresume.domain.model.Recovery;
import io.github.ralphresume.domain.model.ResumeReason;
import io.github.ralphresume.domain.model.StoredDocument;
import io.github.ralphresume.domain.model.Transfer;
import io.github.ralphresume.domain.port.CurrentSessionLocator;
import io.github.ralphresume.domain.port.PaneLocator;
import io.github.ralphresume.domain.port.ResumeLock;
import io.github.ralphresume.domain.port.TransferJournal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The dry run tells what the reconcile decides, and changes nothing while doing so. */
class ExplainReconcileTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-02-22T12:00:00.000Z"), ZoneOffset.UTC);
  static final String FRESH = "2026-02-22T11:59:00.000Z";
  static final String OLD = "2026-02-20T00:00:00.000Z";
  static final String CODEX = "codex-session-1";

  final InMemoryStateStore store = new InMemoryStateStore().session("sess-current");
  final CurrentSessionLocator locator =
      environment -> new CurrentSession.FromEnvironment(id("sess-current"), "OMX_SESSION_ID");
  final PaneLocator pane = environment -> Optional.of(new PaneId("%7"));

  Explanation explain(TransferJournal journal, String codexSessionId, String threadId) {
    return new ExplainReconcile(store, locator, pane, journal, CLOCK)
        .explain(new ReconcileRequest(codexSessionId, threadId, Environment.injected(Map.of())));
  }

  static Map<String, CandidateVerdict> verdicts(Explanation explanation) {
    Map<String, CandidateVerdict> verdicts = new LinkedHashMap<>();
    explanation.priors().forEach(prior -> verdicts.put(prior.session().value(), prior.verdict()));
    return verdicts;
  }

  @Test
  void givenAResumableLoop_explain_reportsTheTransferAndChangesNothing() {
    store.put("sess-prior", ralph("owner_codex_session_id", CODEX, "updated_at", FRESH));
    Map<Object, StoredDocument> before = new LinkedHashMap<>(store.documents);

    Explanation explanation = explain(TransferJournal.NONE, CODEX, "");

    assertEquals(ResumeReason.RESUMED_SAME_CODEX_SESSION, explanation.outcome().reason());
    assertEquals(
        Explanation.CurrentVerdict.MISSING, explanation.currentDocument().orElseThrow().verdict());
    assertEquals(Map.of("sess-prior", CandidateVerdict.MATCHED_BY_SESSION), verdicts(explanation));
    assertEquals(
        List.of(WriteAction.RETIRE_SOURCE, WriteAction.TRANSFER_TARGET),
        explanation.writes().stream().map(Explanation.PlannedWrite::action).toList());
    assertEquals(Optional.empty(), explanation.writes().get(1).before());
    assertEquals(
        Optional.of("%7"),
        explanation.writes().get(1).after().map(target -> target.text(RalphDocument.TMUX_PANE_ID)));
    assertEquals(List.of(), store.changes);
    assertEquals(before, store.documents);
  }

  @Test
  void givenPriorsOfEveryKind_explain_givesEachTheReconcilesVerdict() {
    store
        .session("p-missing")
        .unreadable("p-unreadable")
        .put("p-inactive", document("active", false, "owner_codex_session_id", CODEX))
        .put("p-terminal", ralph("current_phase", "complete", "owner_codex_session_id", CODEX))
        .put("p-other", ralph("owner_codex_session_id", "codex-2", "updated_at", FRESH))
        .put("p-thread-other", ralph("owner_codex_thread_id", "t-9", "updated_at", FRESH))
        .put("p-stale", ralph("owner_codex_session_id", CODEX, "updated_at", OLD))
        .put("p-thread", ralph("owner_codex_thread_id", "t-1", "updated_at", FRESH))
        .put("p-session", ralph("owner_codex_session_id", CODEX, "updated_at", FRESH));

    Explanation explanation = explain(TransferJournal.NONE, CODEX, "t-1");

    Map<String, CandidateVerdict> expected = new LinkedHashMap<>();
    expected.put("p-inactive", CandidateVerdict.INACTIVE);
    expected.put("p-missing", CandidateVerdict.MISSING);
    expected.put("p-other", CandidateVerdict.OWNER_SESSION_MISMATCH);
    expected.put("p-session", CandidateVerdict.MATCHED_BY_SESSION);
    expected.put("p-stale", CandidateVerdict.STALE);
    expected.put("p-terminal", CandidateVerdict.TERMINAL_PHASE);
    expected.put("p-thread", CandidateVerdict.MATCHED_BY_THREAD);
    expected.put("p-thread-other", CandidateVerdict.OWNER_THREAD_MISMATCH);
    expected.put("p-unreadable", CandidateVerdict.UNREADABLE);
    assertEquals(expected, verdicts(explanation));
    assertEquals(
        new ArrayList<>(expected.keySet()),
        new ArrayList<>(verdicts(explanation).keySet()),
        "priors are listed by id");
    assertEquals(ResumeReason.MULTIPLE_MATCHING_PRIOR_RALPHS, explanation.outcome().reason());
    Explanation.PlannedWrite abandon = explanation.writes().get(0);
    assertEquals(WriteAction.ABANDON_STALE, abandon.action());
    assertEquals("p-stale", abandon.session().value());
    assertTrue(
        explanation.priors().stream()
            .filter(prior -> prior.verdict() == CandidateVerdict.STALE)
            .allMatch(prior -> prior.freshness().orElseThrow().stale()));
    assertEquals(List.of(), store.changes);
  }

  @Test
  void givenAStaleCurrentLoop_explain_saysItIsAbandoned() {
    store.put("sess-current", ralph("updated_at", OLD));

    Explanation explanation = explain(TransferJournal.NONE, CODEX, "");

    assertEquals(ResumeReason.CURRENT_RALPH_ABANDONED_STALE, explanation.outcome().reason());
    assertEquals(
        Explanation.CurrentVerdict.STALE, explanation.currentDocument().orElseThrow().verdict());
    assertEquals(List.of(), explanation.priors());
    assertEquals(WriteAction.ABANDON_STALE, explanation.writes().get(0).action());
    assertEquals(List.of(), store.changes);
  }

  @Test
  void givenNoCurrentSession_explain_stopsThereWithTheLocatorsReason() {
    Explanation explanation =
        new ExplainReconcile(
                store,
                environment -> new CurrentSession.None("no session.json"),
                pane,
                TransferJournal.NONE,
                CLOCK)
            .explain(new ReconcileRequest(CODEX, "", Environment.injected(Map.of())));

    assertEquals(ResumeReason.CURRENT_OMX_SESSION_MISSING, explanation.outcome().reason());
    assertEquals(new CurrentSession.None("no session.json"), explanation.currentSession());
    assertEquals(Optional.empty(), explanation.currentDocument());
  }

  @Test
  void givenAnInterruptedTransfer_explain_recoversItInMemoryThenDecidesLikeTheReconcile() {
    RalphDocument original = ralph("owner_codex_session_id", CODEX, "updated_at", FRESH);
    Transfer transfer =
        Transfer.of(
            new Candidate(id("sess-prior"), original, CandidateVerdict.MATCHED_BY_SESSION),
            id("sess-current"),
            CODEX,
            Optional.of("%7"),
            "2026-02-22T11:59:30.000Z");
    JournalEntry entry = JournalEntry.of("t-1", transfer, id("sess-current"), Optional.empty());
    store.put("sess-prior", transfer.previousSource());
    RecordingJournal journal = new RecordingJournal(entry);
    InMemoryStateStore twin = new InMemoryStateStore();
    twin.documents.putAll(store.documents);

    Explanation explanation = explain(journal, CODEX, "");

    assertEquals(
        Recovery.Action.ROLLED_FORWARD, explanation.outcome().recovery().orElseThrow().action());
    assertEquals(WriteAction.RECOVER_TARGET, explanation.writes().get(0).action());
    // The recovered target is what the decision then reads: an active loop, already bound.
    assertEquals(
        Explanation.CurrentVerdict.ACTIVE, explanation.currentDocument().orElseThrow().verdict());
    assertEquals(List.of("pending"), journal.calls);
    assertEquals(List.of(), store.changes);

    RecordingJournal real = new RecordingJournal(entry);
    assertEquals(
        explanation.outcome(),
        new ReconcileRalphResume(twin, FREE_LOCK, locator, pane, real, CLOCK)
            .reconcile(new ReconcileRequest(CODEX, "", Environment.injected(Map.of()))));
    // The reconcile tidies the journal's leftovers first, under its lock; the dry run never does.
    assertEquals(List.of("removeCrashLeftovers", "pending", "resolve rolled_forward"), real.calls);
  }

  static final ResumeLock FREE_LOCK =
      () ->
          Optional.of(
              new ResumeLock.Held() {
                @Override
                public void ensureHeld() {}

                @Override
                public void close() {}
              });

  /** A journal holding one prepared entry, recording what is asked of it. */
  static final class RecordingJournal implements TransferJournal {
    final List<String> calls = new ArrayList<>();
    private JournalEntry pending;

    RecordingJournal(JournalEntry pending) {
      this.pending = pending;
    }

    @Override
    public Optional<JournalEntry> pending() {
      calls.add("pending");
      return Optional.ofNullable(pending);
    }

    @Override
    public void removeCrashLeftovers() {
      calls.add("removeCrashLeftovers");
    }

    @Override
    public void prepare(JournalEntry entry) {
      calls.add("prepare");
    }

    @Override
    public void commit(JournalEntry entry) {
      calls.add("commit");
    }

    @Override
    public void resolve(JournalEntry entry, Recovery settled) {
      calls.add("resolve " + settled.action().wireName());
      pending = null;
    }
  }
}
