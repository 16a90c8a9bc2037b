package io.github.ralphresume.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ralphresume.adapters.fs.FileCurrentSessionLocator;
import io.github.ralphresume.adapters.fs.FileRalphStateStore;
import io.github.ralphresume.adapters.fs.FileTransferJournal;
import io.github.ralphresume.adapters.fs.MkdirResumeLock;
import io.github.ralphresume.domain.model.Environment;
import io.github.ralphresume.domain.model.ReconcileOutcome;
import io.github.ralphresume.domain.model.ResumeReason;
import io.github.ralphresume.domain.port.PaneLocator;
import io.github.ralphresume.domain.usecase.ReconcileRalphResume;
import io.github.ralphresume.domain.usecase.ReconcileRequest;
import io.github.ralphresume.testing.StateDirFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command's overall deadline: a reconcile stuck for good becomes a failure, not a hang. */
class DeadlineReconcileTest {
  @TempDir Path root;

  @Test
  void givenAReconcileThatNeverReturns_theCallerGetsAFailureAtTheDeadline() throws Exception {
    StateDirFixture state =
        new StateDirFixture(root)
            .session("sess-current")
            .write("sess-current", StateDirFixture.activeLoop(""));
    CountDownLatch never = new CountDownLatch(1);
    // The one port made to misbehave: a pane lookup that blocks, as a FIFO's open would.
    PaneLocator stuck =
        environment -> {
          try {
            never.await();
          } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
          }
          return Optional.empty();
        };
    try {
      IllegalStateException late =
          assertThrows(
              IllegalStateException.class,
              () -> deadline(state, stuck).reconcile(request(StateDirFixture.CODEX)));

      assertTrue(
          late.getMessage().startsWith("the reconcile did not finish within"), late.getMessage());
    } finally {
      never.countDown();
    }
  }

  @Test
  void givenAReconcileThatFinishes_itsOutcomeIsReturned() {
    StateDirFixture state = StateDirFixture.resumable(root);

    ReconcileOutcome outcome =
        deadline(state, environment -> Optional.empty()).reconcile(request(StateDirFixture.CODEX));

    assertEquals(ResumeReason.RESUMED_SAME_CODEX_SESSION, outcome.reason());
  }

  private DeadlineReconcile deadline(StateDirFixture state, PaneLocator panes) {
    FileRalphStateStore store = new FileRalphStateStore(state.stateDir);
    return new DeadlineReconcile(
        new ReconcileRalphResume(
            store,
            new MkdirResumeLock(state.stateDir),
            new FileCurrentSessionLocator(store),
            panes,
            new FileTransferJournal(state.stateDir),
            new SystemClock()),
        Duration.ofMillis(300));
  }

  private static ReconcileRequest request(String codexSessionId) {
    return new ReconcileRequest(
        codexSessionId, "", Environment.injected(Map.of("OMX_SESSION_ID", "sess-current")));
  }
}
