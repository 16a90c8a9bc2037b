package io.github.ralphresume.adapters.fs;

import static io.github.ralphresume.testing.StateDirFixture.NOW_ISO;
import static io.github.ralphresume.testing.StateDirFixture.ralph;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ralphresume.domain.model.ReconcileOutcome;
import io.github.ralphresume.domain.model.ResumeReason;
import io.github.ralphresume.domain.usecase.ReconcileRequest;
import io.github.ralphresume.testing.StateDirFixture;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sixteen scenarios the original's own test suite checks (REFERENCE.md), through the use case
 * with the real filesystem adapters, asserting results and the exact bytes left on disk.
 */
class ReferenceScenariosTest {
  static final String FRESH = "2026-02-22T11:59:00.000Z";
  static final String OLD = "2026-02-20T00:00:00.000Z";

  @TempDir Path root;
  StateDirFixture state;

  @BeforeEach
  void setUp() {
    state = new StateDirFixture(root);
  }

  ReconcileOutcome reconcile(String sessionId, String threadId) {
    return state
        .reconcileUseCase()
        .reconcile(new ReconcileRequest(sessionId, threadId, state.environment()));
  }

  static String lines(String... lines) {
    return String.join("\n", lines);
  }

  @Test
  void scenario01_givenPriorOwnedBySameCodexSession_reconcile_transfersLoopAndRepointsPane() {
    state.currentSession("sess-current").pane("%99");
    state.write(
        "sess-prior",
        ralph(
            lines(
                "\"owner_codex_session_id\": \"codex-session-1\",",
                "  \"tmux_pane_id\": \"%42\",",
                "  \"updated_at\": \"" + FRESH + "\"")));

    ReconcileOutcome outcome = reconcile("codex-session-1", "");

    assertEquals(ResumeReason.RESUMED_SAME_CODEX_SESSION, outcome.reason());
    assertTrue(outcome.resumed());
    assertEquals(Optional.of(state.document("sess-prior").toString()), outcome.sourcePath());
    assertEquals(Optional.of(state.document("sess-current").toString()), outcome.targetPath());
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
        state.read("sess-current"));
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
        state.read("sess-prior"));
  }

  @Test
  void scenario02_givenCurrentActiveWithoutOwners_reconcile_claimsOwnersAndPaneLeavesPriorAlone() {
    state.currentSession("sess-current").pane("%99");
    state.write("sess-current", ralph("\"updated_at\": \"" + FRESH + "\""));
    String prior =
        ralph(
            "\"owner_codex_session_id\": \"codex-session-1\",\n  \"updated_at\": \""
                + FRESH
                + "\"");
    state.write("sess-prior", prior);

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
        state.read("sess-current"));
    assertEquals(prior, state.read("sess-prior"));
  }

  @Test
  void
      scenario03_givenCurrentWithLegacyThreadOwner_reconcileWithoutSessionId_keepsThreadRebindsPane() {
    state.currentSession("sess-current").pane("%99");
    state.write(
        "sess-current",
        ralph(
            lines(
                "\"owner_codex_thread_id\": \"thread-1\",",
                "  \"updated_at\": \"" + FRESH + "\"")));

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
        state.read("sess-current"));
  }

  @Test
  void scenario04_givenThreadOnlyPrior_reconcileWithMatchingThread_adoptsItKeepingThreadOwner() {
    state.currentSession("sess-current");
    state.write(
        "sess-prior",
        ralph(
            lines(
                "\"owner_codex_thread_id\": \"thread-1\",",
                "  \"updated_at\": \"" + FRESH + "\"")));

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
        state.read("sess-current"));
  }

  @Test
  void scenario05_givenCurrentActiveWithOldUpdatedAt_reconcile_abandonsItAsStale() {
    state.currentSession("sess-current").pane("%99");
    state.env.put("OMX_RALPH_ACTIVE_STATE_STALE_MS", "1000");
    state.write("sess-current", ralph("\"updated_at\": \"2026-02-22T11:00:00.000Z\""));

    ReconcileOutcome outcome = reconcile("codex-session-1", "");

    assertEquals(ResumeReason.CURRENT_RALPH_ABANDONED_STALE, outcome.reason());
    assertEquals(Optional.of(state.document("sess-current").toString()), outcome.targetPath());
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
        state.read("sess-current"));
  }

  @Test
  void scenario06_givenOldUpdatedAtButFreshLastTurn_reconcile_keepsCurrentActive() {
    state.currentSession("sess-current");
    state.env.put("OMX_RALPH_ACTIVE_STATE_STALE_MS", "1000");
    state.write(
        "sess-current",
        ralph(
            lines(
                "\"owner_omx_session_id\": \"sess-current\",",
                "  \"owner_codex_session_id\": \"codex-session-1\",",
                "  \"updated_at\": \"2026-02-22T11:00:00.000Z\",",
                "  \"last_turn_at\": \"2026-02-22T11:59:59.500Z\"")));
    String before = state.read("sess-current");

    ReconcileOutcome outcome = reconcile("codex-session-1", "");

    assertEquals(ResumeReason.CURRENT_RALPH_ACTIVE, outcome.reason());
    assertFalse(outcome.updatedCurrentOwner());
    assertEquals(before, state.read("sess-current"));
  }

  @Test
  void scenario07_givenStaleMatchingPrior_reconcile_abandonsItAndCreatesNoCurrentDocument() {
    state.currentSession("sess-current");
    state.env.put("OMX_RALPH_ACTIVE_STATE_STALE_MS", "1000");
    state.write(
        "sess-prior",
        ralph(
            lines(
                "\"owner_codex_session_id\": \"codex-session-1\",",
                "  \"updated_at\": \"2026-02-22T11:59:58.000Z\"")));

    ReconcileOutcome outcome = reconcile("codex-session-1", "");

    assertEquals(ResumeReason.MATCHING_PRIOR_RALPH_ABANDONED_STALE, outcome.reason());
    assertEquals(Optional.empty(), outcome.targetPath());
    assertFalse(state.exists("sess-current"));
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
        state.read("sess-prior"));
  }

  @Test
  void scenario08_givenInterruptedPriorStillMarkedActive_reconcile_doesNotResumeIt() {
    state.currentSession("sess-current");
    String prior =
        "{\"active\":true,\"current_phase\":\"interrupted\","
            + "\"owner_codex_session_id\":\"codex-session-1\",\"updated_at\":\""
            + FRESH
            + "\"}";
    state.write("sess-prior", prior);

    assertEquals(ResumeReason.NO_MATCHING_PRIOR_RALPH, reconcile("codex-session-1", "").reason());
    assertEquals(prior, state.read("sess-prior"));
    assertFalse(state.exists("sess-current"));
  }

  @Test
  void scenario09a_givenPriorOfAnotherCodexSession_reconcile_doesNotResume() {
    state.currentSession("sess-current");
    String prior =
        ralph(
            "\"owner_codex_session_id\": \"codex-session-2\",\n  \"updated_at\": \""
                + FRESH
                + "\"");
    state.write("sess-prior", prior);

    assertEquals(ResumeReason.NO_MATCHING_PRIOR_RALPH, reconcile("codex-session-1", "").reason());
    assertEquals(prior, state.read("sess-prior"));
  }

  @Test
  void scenario09b_givenTwoMatchingPriors_reconcile_refusesToGuess() {
    state.currentSession("sess-current");
    String prior =
        ralph(
            "\"owner_codex_session_id\": \"codex-session-1\",\n  \"updated_at\": \""
                + FRESH
                + "\"");
    state.write("sess-prior", prior).write("sess-prior-2", prior);

    assertEquals(
        ResumeReason.MULTIPLE_MATCHING_PRIOR_RALPHS, reconcile("codex-session-1", "").reason());
    assertEquals(prior, state.read("sess-prior"));
    assertEquals(prior, state.read("sess-prior-2"));
    assertFalse(state.exists("sess-current"));
  }

  @Test
  void scenario10_givenLegacyPriorOwnedByThread_reconcileWithSession_resumesAndDropsThreadOwner() {
    state.currentSession("sess-current");
    state.write(
        "sess-prior",
        ralph(
            lines(
                "\"owner_codex_thread_id\": \"thread-1\",",
                "  \"updated_at\": \"" + FRESH + "\"")));

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
        state.read("sess-current"));
  }

  @Test
  void scenario11_givenPriorOwnedByOtherSessionButSameThread_reconcile_doesNotMatchByThread() {
    state.currentSession("sess-current");
    String prior =
        ralph(
            lines(
                "\"owner_codex_session_id\": \"codex-session-2\",",
                "  \"owner_codex_thread_id\": \"thread-1\",",
                "  \"updated_at\": \"" + FRESH + "\""));
    state.write("sess-prior", prior);

    assertEquals(
        ResumeReason.NO_MATCHING_PRIOR_RALPH, reconcile("codex-session-1", "thread-1").reason());
    assertEquals(prior, state.read("sess-prior"));
  }

  @Test
  void scenario12_givenLegacyPriorWithoutOwnersAndPayloadWithoutThread_reconcile_doesNotResume() {
    state.currentSession("sess-current");
    String prior = ralph("\"updated_at\": \"" + FRESH + "\"");
    state.write("sess-prior", prior);

    assertEquals(ResumeReason.NO_MATCHING_PRIOR_RALPH, reconcile("codex-session-1", "").reason());
    assertEquals(prior, state.read("sess-prior"));
  }

  @Test
  void scenario13_givenPriorBlockedOnUser_reconcile_doesNotResumeIt() {
    state.currentSession("sess-current");
    String prior =
        "{\"active\":false,\"current_phase\":\"blocked_on_user\","
            + "\"owner_codex_session_id\":\"codex-session-1\",\"updated_at\":\""
            + FRESH
            + "\"}";
    state.write("sess-prior", prior);

    assertEquals(ResumeReason.NO_MATCHING_PRIOR_RALPH, reconcile("codex-session-1", "").reason());
    assertEquals(prior, state.read("sess-prior"));
  }

  @Test
  void scenario14a_givenInactiveCurrentDocument_reconcile_blocksResumeTouchingNothing() {
    state.currentSession("sess-current");
    String current = "{\"active\":false,\"current_phase\":\"complete\"}";
    String prior =
        ralph(
            "\"owner_codex_session_id\": \"codex-session-1\",\n  \"updated_at\": \""
                + FRESH
                + "\"");
    state.write("sess-current", current).write("sess-prior", prior);

    ReconcileOutcome outcome = reconcile("codex-session-1", "");

    assertEquals(ResumeReason.CURRENT_RALPH_PRESENT, outcome.reason());
    assertEquals(Optional.of(state.document("sess-current").toString()), outcome.targetPath());
    assertEquals(current, state.read("sess-current"));
    assertEquals(prior, state.read("sess-prior"));
  }

  @Test
  void scenario14b_givenTruncatedCurrentDocument_reconcile_reportsUnreadableTouchingNothing() {
    state.currentSession("sess-current");
    String current = "{ \"active\": true";
    String prior =
        ralph(
            "\"owner_codex_session_id\": \"codex-session-1\",\n  \"updated_at\": \""
                + FRESH
                + "\"");
    state.write("sess-current", current).write("sess-prior", prior);

    assertEquals(ResumeReason.CURRENT_RALPH_UNREADABLE, reconcile("codex-session-1", "").reason());
    assertEquals(current, state.read("sess-current"));
    assertEquals(prior, state.read("sess-prior"));
  }
}
