package io.github.ralphresume.adapters.fs;

import static io.github.ralphresume.testing.StateDirFixture.ralph;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.spy;

import io.github.ralphresume.domain.model.OmxSessionId;
import io.github.ralphresume.domain.model.ReconcileOutcome;
import io.github.ralphresume.domain.model.Recovery;
import io.github.ralphresume.domain.model.ResumeReason;
import io.github.ralphresume.domain.port.StateStoreException;
import io.github.ralphresume.domain.usecase.ReconcileRalphResume;
import io.github.ralphresume.domain.usecase.ReconcileRequest;
import io.github.ralphresume.testing.StateDirFixture;
import io.github.ralphresume.testing.TransferStep;
import io.github.ralphresume.testing.TransferSteps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Reference scenarios 15 and 16 (concurrency and a failing write), and the journal's recovery of a
 * transfer interrupted at each step. The crash tests with real killed processes are in app-cli.
 */
class TransferSafetyTest {
  static final String PRIOR =
      ralph(
          "\"owner_codex_session_id\": \"codex-session-1\",\n  \"updated_at\": \"2026-02-22T11:59:00.000Z\"");

  @TempDir Path root;
  StateDirFixture state;

  @BeforeEach
  void setUp() {
    state = new StateDirFixture(root);
    state.currentSession("sess-current").write("sess-prior", PRIOR);
  }

  ReconcileOutcome reconcile(ReconcileRalphResume useCase) {
    return useCase.reconcile(new ReconcileRequest("codex-session-1", "", state.environment()));
  }

  @Test
  void scenario15_givenTwoConcurrentReconciles_theLoopIsTransferredExactlyOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<ReconcileOutcome>> outcomes = new ArrayList<>();
    for (String pane : List.of("%1", "%2")) {
      StateDirFixture own = new StateDirFixture(root);
      own.env.putAll(state.env);
      own.pane(pane);
      ReconcileRalphResume useCase = own.reconcileUseCase();
      outcomes.add(
          pool.submit(
              () -> {
                start.await();
                return useCase.reconcile(
                    new ReconcileRequest("codex-session-1", "", own.environment()));
              }));
    }
    start.countDown();
    List<ReconcileOutcome> results = new ArrayList<>();
    for (Future<ReconcileOutcome> outcome : outcomes) results.add(outcome.get());
    pool.shutdown();

    assertEquals(1, results.stream().filter(ReconcileOutcome::resumed).count());
    ReconcileOutcome second =
        results.stream().filter(outcome -> !outcome.resumed()).findFirst().orElseThrow();
    assertEquals(ResumeReason.CURRENT_RALPH_ACTIVE, second.reason());
    assertTrue(second.updatedCurrentOwner(), "the second rebinds its own pane");
    String current = state.read("sess-current");
    assertTrue(current.contains("\"active\": true"));
    assertTrue(state.read("sess-prior").contains("\"stop_reason\": \"ownership_transferred\""));
    assertFalse(Files.exists(state.stateDir.resolve(MkdirResumeLock.LOCK_DIR)), "lock released");
  }

  @Test
  void scenario16_givenRetiringTheSourceFails_nothingIsTransferredAndTheErrorPropagates() {
    FileRalphStateStore store = spy(new FileRalphStateStore(state.stateDir));
    doThrow(new StateStoreException("disk full"))
        .when(store)
        .write(eq(new OmxSessionId("sess-prior")), any());

    StateStoreException failure =
        assertThrows(StateStoreException.class, () -> reconcile(state.reconcileUseCase(store)));

    assertEquals("disk full", failure.getMessage());
    assertEquals(PRIOR, state.read("sess-prior"));
    assertFalse(state.exists("sess-current"));
    assertFalse(journalExists(), "the settled transfer leaves no journal behind");
  }

  @Test
  void givenWritingTheTargetFails_theSourceGetsItsLoopBackByteForByte() {
    FileRalphStateStore store = spy(new FileRalphStateStore(state.stateDir));
    doThrow(new StateStoreException("disk full"))
        .when(store)
        .write(eq(new OmxSessionId("sess-current")), any());

    assertThrows(StateStoreException.class, () -> reconcile(state.reconcileUseCase(store)));

    assertTrue(
        state.read("sess-prior").contains("\"active\": true"), "the source has its loop back");
    assertTrue(state.read("sess-prior").contains("\"current_phase\": \"executing\""));
    assertFalse(state.exists("sess-current"));
    assertFalse(journalExists());
  }

  /** A crash stand-in: an Error no code path catches. */
  static final class SimulatedCrash extends Error {
    private static final long serialVersionUID = 1L;
  }

  @ParameterizedTest
  @EnumSource(
      value = TransferStep.class,
      names = {"COMMITTED"},
      mode = EnumSource.Mode.EXCLUDE)
  void givenATransferInterruptedAtAnyStep_theNextReconcileLeavesExactlyOneActiveOwner(
      TransferStep crashAt) {
    ReconcileRalphResume crashing =
        state.reconcileUseCase(
            new TransferSteps(
                step -> {
                  if (step == crashAt) throw new SimulatedCrash();
                }));
    assertThrows(SimulatedCrash.class, () -> reconcile(crashing));
    assertTrue(journal().contains("\"status\": \"prepared\""), "the crash left it prepared");

    ReconcileOutcome next = reconcile(state.reconcileUseCase());

    Recovery recovery = next.recovery().orElseThrow();
    if (crashAt == TransferStep.JOURNAL_PREPARED) {
      assertEquals(Recovery.Action.ROLLED_BACK, recovery.action());
      assertEquals(ResumeReason.RESUMED_SAME_CODEX_SESSION, next.reason(), "then transferred anew");
    } else {
      assertEquals(Recovery.Action.ROLLED_FORWARD, recovery.action());
      assertEquals(ResumeReason.CURRENT_RALPH_ACTIVE, next.reason());
    }
    assertTrue(state.read("sess-current").contains("\"active\": true"));
    assertTrue(state.read("sess-current").contains("\"owner_omx_session_id\": \"sess-current\""));
    assertTrue(state.read("sess-prior").contains("\"active\": false"));
    assertTrue(state.read("sess-prior").contains("\"stop_reason\": \"ownership_transferred\""));
    assertFalse(journalExists(), "recovery settled and removed the journal");
  }

  @Test
  void givenATargetThatCannotBeCreated_theTransferFailsWithNothingChanged() throws Exception {
    Path currentDir = state.stateDir.resolve("sessions").resolve("sess-current");
    Files.delete(currentDir);
    Files.writeString(currentDir, "a file where the session directory should be");

    assertThrows(StateStoreException.class, () -> reconcile(state.reconcileUseCase()));

    assertEquals(PRIOR, state.read("sess-prior"), "byte for byte, as the original leaves it");
    assertFalse(journalExists());
  }

  @Test
  void givenACompletedTransfer_noJournalIsLeftInTheStateDir() {
    assertTrue(reconcile(state.reconcileUseCase()).resumed());

    assertFalse(journalExists());
  }

  @Test
  void givenACrashedWritersTempFile_theNextReconcileRemovesIt() throws Exception {
    Path leftover =
        state.document("sess-current").resolveSibling("ralph-state.json.tmp-999999999-1-abc");
    Files.writeString(leftover, "{\"active\":");
    Path unrelated = state.document("sess-current").resolveSibling("notes.txt");
    Files.writeString(unrelated, "keep me");

    reconcile(state.reconcileUseCase());

    assertFalse(Files.exists(leftover));
    assertTrue(Files.exists(unrelated));
  }

  @Test
  void givenASymlinkedPriorStateFile_itIsNeitherReadAsCandidateNorWrittenThrough()
      throws Exception {
    Path outside = root.resolve("outside.json");
    Files.writeString(outside, PRIOR);
    state.session("sess-linked");
    Files.delete(state.document("sess-prior"));
    Files.createSymbolicLink(state.document("sess-linked"), outside);

    ReconcileOutcome outcome = reconcile(state.reconcileUseCase());

    assertEquals(ResumeReason.NO_MATCHING_PRIOR_RALPH, outcome.reason());
    assertEquals(PRIOR, Files.readString(outside));
  }

  @Test
  void givenASymlinkedCurrentSessionDirectory_nothingIsWrittenThroughIt() throws Exception {
    Path elsewhere = Files.createDirectories(root.resolve("elsewhere"));
    Path currentDir = state.stateDir.resolve("sessions").resolve("sess-current");
    Files.delete(currentDir);
    Files.createSymbolicLink(currentDir, elsewhere);

    ReconcileOutcome outcome = reconcile(state.reconcileUseCase());

    assertEquals(ResumeReason.CURRENT_RALPH_UNREADABLE, outcome.reason());
    try (var files = Files.list(elsewhere)) {
      assertEquals(Collections.emptyList(), files.toList());
    }
    assertEquals(PRIOR, state.read("sess-prior"));
  }

  private boolean journalExists() {
    return Files.exists(state.stateDir.resolve(FileTransferJournal.FILE));
  }

  private String journal() {
    try {
      return Files.readString(state.stateDir.resolve(FileTransferJournal.FILE));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
