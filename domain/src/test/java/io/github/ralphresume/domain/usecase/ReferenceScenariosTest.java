package io.github.ralphresume.domain.usecase;

import static io.github.ralphresume.domain.usecase.InMemoryStateStore.document;
import static io.github.ralphresume.domain.usecase.InMemoryStateStore.id;
import static io.github.ralphresume.domain.usecase.InMemoryStateStore.ralph;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ralphresume.domain.json.JsonText;
import io.github.ralphresume.domain.model.CurrentSession;
import io.github.ralphresume.domain.model.Environment;
import io.github.ralphresume.domain.model.OmxSessionId;
import io.github.ralphresume.domain.model.PaneId;
import io.github.ralphresume.domain.model.RalphDocument;
import io.github.ralphresume.domain.model.ReconcileOutcome;
import io.github.ralphresume.domain.model.ResumeReason;
import io.github.ralphresume.domain.model.StoredDocument;
import io.github.ralphresume.domain.port.CurrentSessionLocator;
import io.github.ralphresume.domain.port.PaneLocator;
import io.github.ralphresume.domain.port.ResumeLock;
import io.github.ralphresume.domain.port.StateStoreException;
import io.github.ralphresume.domain.port.TransferJournal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/**
 * The sixteen scenarios the original's own test suite checks (REFERENCE.md), through the use case
 * over the in-memory store: the decisions, and every document written, as the bytes it would be
 * written as. (adapters-fs runs the same scenarios over real files.)
 */
class ReferenceScenariosTest {
  static final String NOW_ISO = "2026-02-22T12:00:00.000Z";
  static final Clock CLOCK = Clock.fixed(Instant.parse(NOW_ISO), ZoneOffset.UTC);
  static final String FRESH = "2026-02-22T11:59:00.000Z";

  final InMemoryStateStore store = new InMemoryStateStore();
  final Map<String, String> env = new HashMap<>();
  final ReentrantLock lock = new ReentrantLock(true);

  /** The current OMX session, named by OMX_SESSION_ID, with its directory. */
  ReferenceScenariosTest currentSession(String session) {
    env.put("OMX_SESSION_ID", session);
    store.session(session);
    return this;
  }

  ReferenceScenariosTest pane(String pane) {
    env.put("TMUX_PANE", pane);
    return this;
  }

  ReconcileRalphResume useCase() {
    // OMX_SESSION_ID names the current session when its directory exists.
    CurrentSessionLocator locator =
        environment ->
            environment
                .get("OMX_SESSION_ID")
                .flatMap(OmxSessionId::parse)
                .filter(store::sessionExists)
                .<CurrentSession>map(
                    session -> new CurrentSession.FromEnvironment(session, "OMX_SESSION_ID"))
                .orElse(new CurrentSession.None("no OMX_SESSION_ID"));
    PaneLocator panes =
        environment -> environment.get("TMUX_PANE").map(String::trim).flatMap(PaneId::parse);
    return new ReconcileRalphResume(
        store, inMemoryLock(), locator, panes, TransferJournal.NONE, CLOCK);
  }

  /** The resume lock within one process: a fair lock every reconcile holds. */
  ResumeLock inMemoryLock() {
    return () -> {
      lock.lock();
      return Optional.of(
          new ResumeLock.Held() {
            @Override
            public void ensureHeld() {}

            @Override
            public void close() {
              lock.unlock();
            }
          });
    };
  }

  ReconcileOutcome reconcile(String sessionId, String threadId) {
    return useCase()
        .reconcile(new ReconcileRequest(sessionId, threadId, Environment.injected(env)));
  }

  String bytes(String session) {
    return JsonText.pretty(store.get(session).root());
  }

  static String lines(String... lines) {
    return String.join("\n", lines);
  }

  @Test
  void scenario01_givenPriorOwnedBySameCodexSession_reconcile_transfersLoopAndRepointsPane() {
    currentSession("sess-current").pane("%99");
    store.put(
        "sess-prior",
        ralph(
            "owner_codex_session_id",
            "codex-session-1",
            "tmux_pane_id",
            "%42",
            "updated_at",
            FRESH));

    ReconcileOutcome outcome = reconcile("codex-session-1", "");

    assertEquals(ResumeReason.RESUMED_SAME_CODEX_SESSION, outcome.reason());
    assertTrue(outcome.resumed());
    assertEquals(Optional.of(store.documentPath(id("sess-prior"))), outcome.sourcePath());
    assertEquals(Optional.of(store.documentPath(id("sess-current"))), outcome.targetPath());
    assertEquals(
        lines(
            "{",
            "  \"active\": true,",
            "  \"iteration\": 4,",
            "  \"max_iterations\": 10,",
            "  \"current_phase\": \"executing\",",
            "  \"owner_codex_session_id\": \"codex-session-1\",",
            "  \"tmux_pane_id\": \"%99\",",
            "  \"updated_at\": \"" + FRESH + "\",",
            "  \"owner_omx_session_id\": \"sess-current\",",
            "  \"tmux_pane_set_at\": \"" + NOW_ISO + "\"",
            "}"),
        bytes("sess-current"));
    assertEquals(
        lines(
            "{",
            "  \"active\": false,",
            "  \"iteration\": 4,",
            "  \"max_iterations\": 10,",
            "  \"current_phase\": \"cancelled\",",
            "  \"owner_codex_session_id\": \"codex-session-1\",",
            "  \"tmux_pane_id\": \"%42\",",
            "  \"updated_at\": \"" + FRESH + "\",",
            "  \"completed_at\": \"" + NOW_ISO + "\",",
            "  \"stop_reason\": \"ownership_transferred\"",
            "}"),
        bytes("sess-prior"));
  }

  @Test
  void scenario02_givenCurrentActiveWithoutOwners_reconcile_claimsOwnersAndPaneLeavesPriorAlone() {
    currentSession("sess-current").pane("%99");
    store.put("sess-current", ralph("updated_at", FRESH));
    RalphDocument prior = ralph("owner_codex_session_id", "codex-session-1", "updated_at", FRESH);
    store.put("sess-prior", prior);

    ReconcileOutcome outcome = reconcile("codex-session-1", "");

    assertEquals(ResumeReason.CURRENT_RALPH_ACTIVE, outcome.reason());
    assertTrue(outcome.updatedCurrentOwner());
    assertFalse(outcome.resumed());
    assertEquals(
        lines(
            "{",
            "  \"active\": true,",
            "  \"iteration\": 4,",
            "  \"max_iterations\": 10,",
            "  \"current_phase\": \"executing\",",
            "  \"updated_at\": \"" + FRESH + "\",",
            "  \"owner_omx_session_id\": \"sess-current\",",
            "  \"owner_codex_session_id\": \"codex-session-1\",",
            "  \"tmux_pane_id\": \"%99\",",
            "  \"tmux_pane_set_at\": \"" + NOW_ISO + "\"",
            "}"),
        bytes("sess-current"));
    assertEquals(prior, store.get("sess-prior"));
  }

  @Test
  void
      scenario03_givenCurrentWithLegacyThreadOwner_reconcileWithoutSessionId_keepsThreadRebindsPane() {
    currentSession("sess-current").pane("%99");
    store.put("sess-current", ralph("owner_codex_thread_id", "thread-1", "updated_at", FRESH));

    ReconcileOutcome outcome = reconcile("", "thread-1");

    assertEquals(ResumeReason.CURRENT_RALPH_ACTIVE, outcome.reason());
    assertTrue(outcome.updatedCurrentOwner());
    assertEquals(
        lines(
            "{",
            "  \"active\": true,",
            "  \"iteration\": 4,",
            "  \"max_iterations\": 10,",
            "  \"current_phase\": \"executing\",",
            "  \"owner_codex_thread_id\": \"thread-1\",",
            "  \"updated_at\": \"" + FRESH + "\",",
            "  \"owner_omx_session_id\": \"sess-current\",",
            "  \"tmux_pane_id\": \"%99\",",
            "  \"tmux_pane_set_at\": \"" + NOW_ISO + "\"",
            "}"),
        bytes("sess-current"));
  }

  @Test
  void scenario04_givenThreadOnlyPrior_reconcileWithMatchingThread_adoptsItKeepingThreadOwner() {
    currentSession("sess-current");
    store.put("sess-prior", ralph("owner_codex_thread_id", "thread-1", "updated_at", FRESH));

    ReconcileOutcome outcome = reconcile("", "thread-1");

    assertEquals(ResumeReason.RESUMED_SAME_CODEX_SESSION, outcome.reason());
    assertEquals(
        lines(
            "{",
            "  \"active\": true,",
            "  \"iteration\": 4,",
            "  \"max_iterations\": 10,",
            "  \"current_phase\": \"executing\",",
            "  \"owner_codex_thread_id\": \"thread-1\",",
            "  \"updated_at\": \"" + FRESH + "\",",
            "  \"owner_omx_session_id\": \"sess-current\"",
            "}"),
        bytes("sess-current"));
  }

  @Test
  void scenario05_givenCurrentActiveWithOldUpdatedAt_reconcile_abandonsItAsStale() {
    currentSession("sess-current").pane("%99");
    env.put("OMX_RALPH_ACTIVE_STATE_STALE_MS", "1000");
    store.put("sess-current", ralph("updated_at", "2026-02-22T11:00:00.000Z"));

    ReconcileOutcome outcome = reconcile("codex-session-1", "");

    assertEquals(ResumeReason.CURRENT_RALPH_ABANDONED_STALE, outcome.reason());
    assertEquals(Optional.of(store.documentPath(id("sess-current"))), outcome.targetPath());
    assertEquals(
        lines(
            "{",
            "  \"active\": false,",
            "  \"iteration\": 4,",
            "  \"max_iterations\": 10,",
            "  \"current_phase\": \"cancelled\",",
            "  \"updated_at\": \"2026-02-22T11:00:00.000Z\",",
            "  \"completed_at\": \"" + NOW_ISO + "\",",
            "  \"abandoned_at\": \"" + NOW_ISO + "\",",
            "  \"stop_reason\": \"stale_active_state\",",
            "  \"stale_resume_age_ms\": 3600000,",
            "  \"stale_resume_threshold_ms\": 1000,",
            "  \"stale_resume_timestamp_source\": \"updated_at\"",
            "}"),
        bytes("sess-current"));
  }

  @Test
  void scenario06_givenOldUpdatedAtButFreshLastTurn_reconcile_keepsCurrentActive() {
    currentSession("sess-current");
    env.put("OMX_RALPH_ACTIVE_STATE_STALE_MS", "1000");
    RalphDocument current =
        ralph(
            "owner_omx_session_id",
            "sess-current",
            "owner_codex_session_id",
            "codex-session-1",
            "updated_at",
            "2026-02-22T11:00:00.000Z",
            "last_turn_at",
            "2026-02-22T11:59:59.500Z");
    store.put("sess-current", current);

    ReconcileOutcome outcome = reconcile("codex-session-1", "");

    assertEquals(ResumeReason.CURRENT_RALPH_ACTIVE, outcome.reason());
    assertFalse(outcome.updatedCurrentOwner());
    assertEquals(current, store.get("sess-current"));
    assertEquals(List.of("tidy sess-current"), store.changes, "nothing written");
  }

  @Test
  void scenario07_givenStaleMatchingPrior_reconcile_abandonsItAndCreatesNoCurrentDocument() {
    currentSession("sess-current");
    env.put("OMX_RALPH_ACTIVE_STATE_STALE_MS", "1000");
    store.put(
        "sess-prior",
        ralph(
            "owner_codex_session_id", "codex-session-1", "updated_at", "2026-02-22T11:59:58.000Z"));

    ReconcileOutcome outcome = reconcile("codex-session-1", "");

    assertEquals(ResumeReason.MATCHING_PRIOR_RALPH_ABANDONED_STALE, outcome.reason());
    assertEquals(Optional.empty(), outcome.targetPath());
    assertInstanceOf(StoredDocument.Missing.class, store.read(id("sess-current")));
    assertEquals(
        lines(
            "{",
            "  \"active\": false,",
            "  \"iteration\": 4,",
            "  \"max_iterations\": 10,",
            "  \"current_phase\": \"cancelled\",",
            "  \"owner_codex_session_id\": \"codex-session-1\",",
            "  \"updated_at\": \"2026-02-22T11:59:58.000Z\",",
            "  \"completed_at\": \"" + NOW_ISO + "\",",
            "  \"abandoned_at\": \"" + NOW_ISO + "\",",
            "  \"stop_reason\": \"stale_active_state\",",
            "  \"stale_resume_age_ms\": 2000,",
            "  \"stale_resume_threshold_ms\": 1000,",
            "  \"stale_resume_timestamp_source\": \"updated_at\"",
            "}"),
        bytes("sess-prior"));
  }

  @Test
  void scenario08_givenInterruptedPriorStillMarkedActive_reconcile_doesNotResumeIt() {
    currentSession("sess-current");
    RalphDocument prior =
        document(
            "active",
            true,
            "current_phase",
            "interrupted",
            "owner_codex_session_id",
            "codex-session-1",
            "updated_at",
            FRESH);
    store.put("sess-prior", prior);

    assertEquals(ResumeReason.NO_MATCHING_PRIOR_RALPH, reconcile("codex-session-1", "").reason());
    assertEquals(prior, store.get("sess-prior"));
    assertInstanceOf(StoredDocument.Missing.class, store.read(id("sess-current")));
  }

  @Test
  void scenario09a_givenPriorOfAnotherCodexSession_reconcile_doesNotResume() {
    currentSession("sess-current");
    RalphDocument prior = ralph("owner_codex_session_id", "codex-session-2", "updated_at", FRESH);
    store.put("sess-prior", prior);

    assertEquals(ResumeReason.NO_MATCHING_PRIOR_RALPH, reconcile("codex-session-1", "").reason());
    assertEquals(prior, store.get("sess-prior"));
  }

  @Test
  void scenario09b_givenTwoMatchingPriors_reconcile_refusesToGuess() {
    currentSession("sess-current");
    RalphDocument prior = ralph("owner_codex_session_id", "codex-session-1", "updated_at", FRESH);
    store.put("sess-prior", prior).put("sess-prior-2", prior);

    assertEquals(
        ResumeReason.MULTIPLE_MATCHING_PRIOR_RALPHS, reconcile("codex-session-1", "").reason());
    assertEquals(prior, store.get("sess-prior"));
    assertEquals(prior, store.get("sess-prior-2"));
    assertInstanceOf(StoredDocument.Missing.class, store.read(id("sess-current")));
  }

  @Test
  void scenario10_givenLegacyPriorOwnedByThread_reconcileWithSession_resumesAndDropsThreadOwner() {
    currentSession("sess-current");
    store.put("sess-prior", ralph("owner_codex_thread_id", "thread-1", "updated_at", FRESH));

    ReconcileOutcome outcome = reconcile("codex-session-1", "thread-1");

    assertEquals(ResumeReason.RESUMED_SAME_CODEX_SESSION, outcome.reason());
    assertEquals(
        lines(
            "{",
            "  \"active\": true,",
            "  \"iteration\": 4,",
            "  \"max_iterations\": 10,",
            "  \"current_phase\": \"executing\",",
            "  \"updated_at\": \"" + FRESH + "\",",
            "  \"owner_omx_session_id\": \"sess-current\",",
            "  \"owner_codex_session_id\": \"codex-session-1\"",
            "}"),
        bytes("sess-current"));
  }

  @Test
  void scenario11_givenPriorOwnedByOtherSessionButSameThread_reconcile_doesNotMatchByThread() {
    currentSession("sess-current");
    RalphDocument prior =
        ralph(
            "owner_codex_session_id",
            "codex-session-2",
            "owner_codex_thread_id",
            "thread-1",
            "updated_at",
            FRESH);
    store.put("sess-prior", prior);

    assertEquals(
        ResumeReason.NO_MATCHING_PRIOR_RALPH, reconcile("codex-session-1", "thread-1").reason());
    assertEquals(prior, store.get("sess-prior"));
  }

  @Test
  void scenario12_givenLegacyPriorWithoutOwnersAndPayloadWithoutThread_reconcile_doesNotResume() {
    currentSession("sess-current");
    RalphDocument prior = ralph("updated_at", FRESH);
    store.put("sess-prior", prior);

    assertEquals(ResumeReason.NO_MATCHING_PRIOR_RALPH, reconcile("codex-session-1", "").reason());
    assertEquals(prior, store.get("sess-prior"));
  }

  @Test
  void scenario13_givenPriorBlockedOnUser_reconcile_doesNotResumeIt() {
    currentSession("sess-current");
    RalphDocument prior =
        document(
            "active",
            false,
            "current_phase",
            "blocked_on_user",
            "owner_codex_session_id",
            "codex-session-1",
            "updated_at",
            FRESH);
    store.put("sess-prior", prior);

    assertEquals(ResumeReason.NO_MATCHING_PRIOR_RALPH, reconcile("codex-session-1", "").reason());
    assertEquals(prior, store.get("sess-prior"));
  }

  @Test
  void scenario14a_givenInactiveCurrentDocument_reconcile_blocksResumeTouchingNothing() {
    currentSession("sess-current");
    RalphDocument current = document("active", false, "current_phase", "complete");
    RalphDocument prior = ralph("owner_codex_session_id", "codex-session-1", "updated_at", FRESH);
    store.put("sess-current", current).put("sess-prior", prior);

    ReconcileOutcome outcome = reconcile("codex-session-1", "");

    assertEquals(ResumeReason.CURRENT_RALPH_PRESENT, outcome.reason());
    assertEquals(Optional.of(store.documentPath(id("sess-current"))), outcome.targetPath());
    assertEquals(current, store.get("sess-current"));
    assertEquals(prior, store.get("sess-prior"));
  }

  @Test
  void scenario14b_givenUnreadableCurrentDocument_reconcile_reportsUnreadableTouchingNothing() {
    currentSession("sess-current");
    RalphDocument prior = ralph("owner_codex_session_id", "codex-session-1", "updated_at", FRESH);
    store.unreadable("sess-current").put("sess-prior", prior);

    assertEquals(ResumeReason.CURRENT_RALPH_UNREADABLE, reconcile("codex-session-1", "").reason());
    assertInstanceOf(StoredDocument.Unreadable.class, store.read(id("sess-current")));
    assertEquals(prior, store.get("sess-prior"));
  }

  @Test
  void scenario15_givenTwoConcurrentReconciles_theLoopIsTransferredExactlyOnce() throws Exception {
    currentSession("sess-current").pane("%99");
    store.put(
        "sess-prior", ralph("owner_codex_session_id", "codex-session-1", "updated_at", FRESH));
    ReconcileRalphResume reconcile = useCase();
    CountDownLatch start = new CountDownLatch(1);
    Callable<ReconcileOutcome> run =
        () -> {
          start.await();
          return reconcile.reconcile(
              new ReconcileRequest("codex-session-1", "", Environment.injected(env)));
        };
    ExecutorService two = Executors.newFixedThreadPool(2);
    try {
      Future<ReconcileOutcome> first = two.submit(run);
      Future<ReconcileOutcome> second = two.submit(run);
      start.countDown();
      Set<ResumeReason> reasons = Set.of(first.get().reason(), second.get().reason());

      assertEquals(
          Set.of(ResumeReason.CURRENT_RALPH_ACTIVE, ResumeReason.RESUMED_SAME_CODEX_SESSION),
          reasons,
          "one transfer, then the loop found in the current session");
    } finally {
      two.shutdownNow();
    }
    assertTrue(store.get("sess-current").isActive());
    assertFalse(store.get("sess-prior").isActive());
  }

  @Test
  void scenario16_givenRetiringTheSourceFails_nothingIsTransferredAndTheErrorPropagates() {
    currentSession("sess-current");
    store.failingWrites.put(id("sess-prior"), new StateStoreException("the disk is full"));
    RalphDocument prior = ralph("owner_codex_session_id", "codex-session-1", "updated_at", FRESH);
    store.put("sess-prior", prior);

    StateStoreException failure =
        assertThrows(StateStoreException.class, () -> reconcile("codex-session-1", ""));

    assertEquals("the disk is full", failure.getMessage());
    assertEquals(prior, store.get("sess-prior"));
    assertInstanceOf(StoredDocument.Missing.class, store.read(id("sess-current")));
  }
}
