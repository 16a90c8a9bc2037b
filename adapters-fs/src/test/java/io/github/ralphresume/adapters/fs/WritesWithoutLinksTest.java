package io.github.ralphresume.adapters.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ralphresume.domain.json.JsonObject;
import io.github.ralphresume.domain.model.OmxSessionId;
import io.github.ralphresume.domain.model.RalphDocument;
import io.github.ralphresume.domain.model.ReconcileOutcome;
import io.github.ralphresume.domain.model.Recovery;
import io.github.ralphresume.domain.model.ResumeReason;
import io.github.ralphresume.domain.port.StateStoreException;
import io.github.ralphresume.domain.usecase.ReconcileRalphResume;
import io.github.ralphresume.domain.usecase.ReconcileRequest;
import io.github.ralphresume.testing.StateDirFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the file adapters write, rename and remove: never through a symbolic link, and never
 * reported done when the directory flush that makes it durable failed.
 */
class WritesWithoutLinksTest {
  static final String PRIOR = TransferSafetyTest.PRIOR;

  @TempDir Path root;
  StateDirFixture state;
  Path elsewhere;

  @BeforeEach
  void setUp() throws IOException {
    state = new StateDirFixture(root);
    state.currentSession("sess-current").write("sess-prior", PRIOR);
    elsewhere = Files.createDirectories(root.resolve("elsewhere"));
  }

  @Test
  void givenASessionDirectoryThatIsALink_removingItsDocumentLeavesTheLinkedFileAlone()
      throws IOException {
    Path victim = elsewhere.resolve("ralph-state.json");
    Files.writeString(victim, "someone else's file");
    Path linked = state.stateDir.resolve("sessions").resolve("sess-linked");
    Files.createSymbolicLink(linked, elsewhere);

    assertThrows(
        StateStoreException.class,
        () -> new FileRalphStateStore(state.stateDir).delete(new OmxSessionId("sess-linked")));

    assertEquals("someone else's file", Files.readString(victim));
  }

  @Test
  void givenADirectoryOnTheWayThatIsALink_theWriterRefusesAndWritesNothingThere()
      throws IOException {
    Files.createSymbolicLink(state.stateDir.resolve("sessions").resolve("sess-linked"), elsewhere);

    IOException refused =
        assertThrows(
            IOException.class,
            () ->
                new AtomicFileWriter()
                    .write(
                        state.stateDir,
                        Path.of("sessions", "sess-linked"),
                        "ralph-state.json",
                        "{}".getBytes(StandardCharsets.UTF_8)));

    assertTrue(refused.getMessage().contains("is a symbolic link"), refused.getMessage());
    assertEquals(List.of(), list(elsewhere));
  }

  @Test
  void givenAStateDirThatBecameALink_theJournalIsNotWrittenThroughIt() throws IOException {
    Path real = state.stateDir;
    Path moved = Files.move(real, root.resolve("moved-state"));
    Files.createSymbolicLink(real, moved);

    assertThrows(StateStoreException.class, () -> reconcile(state.reconcileUseCase()));

    assertFalse(Files.exists(moved.resolve(FileTransferJournal.FILE)), "no journal written");
    assertEquals(PRIOR, Files.readString(moved.resolve("sessions/sess-prior/ralph-state.json")));
  }

  @Test
  void givenATempNameTakenByALink_theWriteFailsInsteadOfFollowingIt() throws IOException {
    // A writer that always picks the same temp name, as if someone predicted it.
    Path victim = elsewhere.resolve("victim");
    Files.writeString(victim, "keep");
    SafeDirectory directory = SafeDirectory.open(state.stateDir, Path.of("sessions", "sess-prior"));
    Files.createSymbolicLink(state.document("sess-prior").resolveSibling("predicted.tmp"), victim);

    try (directory) {
      assertThrows(IOException.class, () -> directory.create("predicted.tmp"));
    }
    assertEquals("keep", Files.readString(victim));
  }

  @Test
  void givenADirectoryFlushThatFails_theWriteFails() {
    AtomicFileWriter failing = new AtomicFileWriter(point -> {}, FAILING_SYNC);
    FileRalphStateStore store = new FileRalphStateStore(state.stateDir, failing);

    StateStoreException failure =
        assertThrows(
            StateStoreException.class,
            () -> store.write(new OmxSessionId("sess-other"), RalphDocument.of(JsonObject.EMPTY)));

    assertTrue(failure.getMessage().contains("Input/output error"), failure.getMessage());
  }

  @Test
  void givenTheTargetDirectoryFlushFails_theTransferFailsAndTheNextReconcileFinishesIt() {
    // The sync of the target's directory fails: the rename may not be durable, so the transfer
    // must not report success; what is on disk is settled by the next reconcile.
    AtomicFileWriter failing =
        new AtomicFileWriter(
            point -> {},
            directory -> {
              if (directory.path().endsWith("sess-current")) throw EIO;
              directory.sync();
            });
    FileRalphStateStore store = new FileRalphStateStore(state.stateDir, failing);

    StateStoreException failure =
        assertThrows(StateStoreException.class, () -> reconcile(state.reconcileUseCase(store)));
    assertTrue(failure.getMessage().contains("Input/output error"), failure.getMessage());
    assertFalse(
        state.read("sess-prior").contains("\"active\": true")
            && state.exists("sess-current")
            && state.read("sess-current").contains("\"active\": true"),
        "never two active owners");

    ReconcileOutcome next = reconcile(state.reconcileUseCase());

    assertEquals(Recovery.Action.ROLLED_FORWARD, next.recovery().orElseThrow().action());
    assertEquals(ResumeReason.CURRENT_RALPH_ACTIVE, next.reason());
    assertTrue(state.read("sess-current").contains("\"active\": true"));
    assertTrue(state.read("sess-prior").contains("\"active\": false"));
  }

  static final IOException EIO = new IOException("Input/output error");
  static final AtomicFileWriter.DirectorySync FAILING_SYNC =
      directory -> {
        throw EIO;
      };

  ReconcileOutcome reconcile(ReconcileRalphResume useCase) {
    return useCase.reconcile(new ReconcileRequest("codex-session-1", "", state.environment()));
  }

  static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }
}
