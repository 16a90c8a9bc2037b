package io.github.ralphresume.domain.usecase;

import static io.github.ralphresume.domain.usecase.InMemoryStateStore.document;
import static io.github.ralphresume.domain.usecase.InMemoryStateStore.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ralphresume.domain.json.JsonText;
import io.github.ralphresume.domain.model.Abandonment;
import io.github.ralphresume.domain.model.Candidate;
import io.github.ralphresume.domain.model.CandidateVerdict;
import io.github.ralphresume.domain.model.DeadSession;
import io.github.ralphresume.domain.model.Environment;
import io.github.ralphresume.domain.model.Freshness;
import io.github.ralphresume.domain.model.JournalEntry;
import io.github.ralphresume.domain.model.OmxSessionId;
import io.github.ralphresume.domain.model.RalphDocument;
import io.github.ralphresume.domain.model.StaleThreshold;
import io.github.ralphresume.domain.model.SweepReport;
import io.github.ralphresume.domain.model.Transfer;
import io.github.ralphresume.domain.port.ResumeLock;
import io.github.ralphresume.domain.port.TransferJournal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Sweeping finds what the reconcile's freshness rule calls stale and retires it the same way. */
class SweepStaleLoopsTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-02-22T12:00:00.000Z"), ZoneOffset.UTC);
  static final String FRESH = "2026-02-22T11:59:00.000Z";
  static final String OLD = "2026-02-20T00:00:00.000Z";

  final InMemoryStateStore store = new InMemoryStateStore();

  static RalphDocument loop(Object... more) {
    List<Object> all =
        new ArrayList<>(
            List.of(
                "active",
                true,
                "iteration",
                4,
                "max_iterations",
                10,
                "current_phase",
                "executing"));
    all.addAll(List.of(more));
    return document(all.toArray());
  }

  SweepReport sweep(
      boolean apply,
      boolean deadOwners,
      ResumeLock lock,
      TransferJournal journal,
      DeadSessionFinder dead,
      Set<OmxSessionId> only) {
    return new SweepStaleLoops(store, lock, journal, dead, CLOCK)
        .sweep(new SweepRequest(Environment.injected(Map.of()), apply, deadOwners, only));
  }

  SweepReport sweep(boolean apply) {
    return sweep(
        apply,
        false,
        ExplainReconcileTest.FREE_LOCK,
        TransferJournal.NONE,
        DeadSessionFinder.NONE,
        Set.of());
  }

  static List<String> sessions(SweepReport report) {
    return report.loops().stream().map(loop -> loop.session().value()).toList();
  }

  @Test
  void givenStaleAndFreshLoops_dryRun_listsTheStaleOnesAndWritesNothing() {
    store
        .put("b-stale", loop("updated_at", OLD))
        .put("a-stale", loop("last_turn_at", OLD))
        .put("fresh", loop("updated_at", FRESH))
        .put("inactive-old", document("active", false, "updated_at", OLD))
        .unreadable("broken")
        .session("empty");

    SweepReport report = sweep(false);

    assertEquals(SweepReport.Outcome.DRY_RUN, report.outcome());
    assertEquals(List.of("a-stale", "b-stale"), sessions(report));
    assertTrue(report.loops().stream().noneMatch(SweepReport.Loop::written));
    assertEquals(List.of(), store.changes);
  }

  @Test
  void givenAStaleLoop_apply_writesExactlyTheReconcilesAbandonment() {
    RalphDocument stale = loop("owner_codex_session_id", "c-1", "updated_at", OLD, "extra", "kept");
    store.put("s", stale);

    SweepReport report = sweep(true);

    Freshness freshness =
        Freshness.assess(
            stale, CLOCK.millis(), StaleThreshold.DEFAULT, ZoneOffset.UTC, OptionalDouble::empty);
    assertEquals(SweepReport.Outcome.APPLIED, report.outcome());
    assertTrue(report.loops().get(0).written());
    assertEquals(
        JsonText.pretty(Abandonment.of(stale, freshness).abandoned().root()),
        JsonText.pretty(store.get("s").root()));
    assertEquals(List.of("write s"), store.changes);
  }

  @Test
  void givenAnActiveLoopInATerminalPhase_sweep_leavesItAlone() {
    store.put("done", loop("current_phase", "complete", "updated_at", OLD));

    SweepReport report = sweep(true);

    assertEquals(List.of(), sessions(report));
    assertEquals(List.of(), store.changes);
  }

  @Test
  void givenTheLockStaysHeld_apply_timesOutAndWritesNothing() {
    store.put("s", loop("updated_at", OLD));

    SweepReport report =
        sweep(true, false, Optional::empty, TransferJournal.NONE, DeadSessionFinder.NONE, Set.of());

    assertEquals(SweepReport.Outcome.RESUME_LOCK_TIMEOUT, report.outcome());
    assertEquals(List.of(), store.changes);
  }

  @Test
  void givenADeadSession_deadOwners_retiresItsFreshLoopOnly() {
    store
        .put("gone", loop("owner_omx_session_id", "gone", "updated_at", FRESH))
        .put("alive", loop("updated_at", FRESH))
        .put("gone-2", loop("owner_omx_session_id", "alive", "updated_at", FRESH));
    DeadSessionFinder dead = () -> Optional.of(new DeadSession(id("gone"), 4242));

    SweepReport withoutFlag =
        sweep(true, false, ExplainReconcileTest.FREE_LOCK, TransferJournal.NONE, dead, Set.of());
    SweepReport withFlag =
        sweep(true, true, ExplainReconcileTest.FREE_LOCK, TransferJournal.NONE, dead, Set.of());

    assertEquals(List.of(), sessions(withoutFlag));
    assertEquals(List.of("gone"), sessions(withFlag));
    assertEquals(SweepReport.Why.DEAD_OWNER, withFlag.loops().get(0).why());
    assertFalse(store.get("gone").isActive());
    assertTrue(store.get("alive").isActive());
    assertEquals("stale_active_state", store.get("gone").text(RalphDocument.STOP_REASON));
  }

  @Test
  void givenAPendingTransfer_apply_refusesAndWritesNothing() {
    RalphDocument original = loop("owner_codex_session_id", "c-1", "updated_at", OLD);
    Transfer transfer =
        Transfer.of(
            new Candidate(id("a"), original, CandidateVerdict.MATCHED_BY_SESSION),
            id("b"),
            "c-1",
            Optional.empty(),
            FRESH);
    store.put("a", original);
    TransferJournal journal =
        new ExplainReconcileTest.RecordingJournal(
            JournalEntry.of("t", transfer, id("b"), Optional.empty()));

    SweepReport report =
        sweep(
            true, false, ExplainReconcileTest.FREE_LOCK, journal, DeadSessionFinder.NONE, Set.of());

    assertEquals(SweepReport.Outcome.TRANSFER_PENDING, report.outcome());
    assertEquals(List.of("a"), sessions(report));
    assertEquals(List.of(), store.changes);
  }

  @Test
  void givenOnlySomeSessions_sweep_considersNoOthers() {
    store.put("a", loop("updated_at", OLD)).put("b", loop("updated_at", OLD));

    SweepReport report =
        sweep(
            true,
            false,
            ExplainReconcileTest.FREE_LOCK,
            TransferJournal.NONE,
            DeadSessionFinder.NONE,
            Set.of(id("b")));

    assertEquals(List.of("b"), sessions(report));
    assertEquals(List.of("write b"), store.changes);
  }
}
