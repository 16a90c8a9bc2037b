package io.github.ralphresume.adapters.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ralphresume.domain.json.JsonObject;
import io.github.ralphresume.domain.json.JsonText;
import io.github.ralphresume.domain.json.JsonValue;
import io.github.ralphresume.domain.model.Candidate;
import io.github.ralphresume.domain.model.CandidateVerdict;
import io.github.ralphresume.domain.model.JournalEntry;
import io.github.ralphresume.domain.model.OmxSessionId;
import io.github.ralphresume.domain.model.RalphDocument;
import io.github.ralphresume.domain.model.ReconcileOutcome;
import io.github.ralphresume.domain.model.Recovery;
import io.github.ralphresume.domain.model.ResumeReason;
import io.github.ralphresume.domain.model.Transfer;
import io.github.ralphresume.domain.usecase.ReconcileRequest;
import io.github.ralphresume.testing.StateDirFixture;
import io.github.ralphresume.testing.TransferStep;
import io.github.ralphresume.testing.TransferSteps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Recovery against every state the source and the target of an interrupted transfer can be in: the
 * ones this transfer produces, and the ones another writer leaves (the TypeScript original
 * completing the transfer while ours was dead, an OMX component updating the loop, a person, a file
 * that is not a file). For each pair, a real transfer is interrupted right after its journal, the
 * two files are put in that state, and the next reconcile recovers. Whatever the pair:
 *
 * <ul>
 *   <li>if the loop had an active copy before recovery, it has one after;
 *   <li>recovery never leaves two active owners it made (two only when both were there before,
 *       untouched);
 *   <li>a file holding anything but this transfer's own bytes is left exactly as it was;
 *   <li>the loop is never lost: it is active somewhere, or kept in the journal set aside;
 *   <li>only the states this transfer produces are settled; everything else is left for the
 *       operator with the journal kept.
 * </ul>
 */
class RecoveryModelTest {
  static final String CODEX = "codex-session-1";

  /** The prior's document as some other OMX writer formatted it: compact, on one line. */
  static final String ORIGINAL =
      "{\"active\":true,\"iteration\":4,\"max_iterations\":10,\"current_phase\":\"executing\","
          + "\"owner_codex_session_id\":\""
          + CODEX
          + "\",\"updated_at\":\"2026-02-22T11:59:00.000Z\",\"notes\":[1,2,3]}";

  enum SourceState {
    ORIGINAL_AS_READ,
    ORIGINAL_AS_WE_WRITE_IT,
    OUR_RETIREMENT,
    FOREIGN_RETIREMENT,
    FOREIGN_ACTIVE,
    ORIGINAL_REFORMATTED_BY_ANOTHER_WRITER,
    MISSING,
    NOT_JSON,
    FIFO,
    DIRECTORY,
    SYMLINK_TO_ORIGINAL
  }

  enum TargetState {
    MISSING,
    OUR_NEXT,
    NEXT_BYTES_BY_ANOTHER_WRITER,
    FOREIGN_ACTIVE,
    FOREIGN_INACTIVE,
    NOT_JSON,
    FIFO,
    DIRECTORY,
    SYMLINK_TO_OUR_NEXT
  }

  static Stream<Arguments> everyPair() {
    List<Arguments> pairs = new ArrayList<>();
    for (SourceState source : SourceState.values()) {
      for (TargetState target : TargetState.values()) pairs.add(Arguments.of(source, target));
    }
    return pairs.stream();
  }

  @TempDir Path root;

  StateDirFixture state;
  JournalEntry entry;
  byte[] retiredBytes;
  byte[] nextBytes;
  byte[] originalPrettyBytes;

  @ParameterizedTest(name = "source {0}, target {1}")
  @MethodSource("everyPair")
  @Timeout(value = 30, unit = TimeUnit.SECONDS) // a hang (a FIFO opened) fails instead of waiting
  void recoveryOnlyKeepsOrFinishesTheLoop(SourceState sourceState, TargetState targetState)
      throws Exception {
    interruptTransferAfterItsJournal();
    place(source(), sourceState);
    place(target(), targetState);
    Before before = new Before(snapshot(source()), snapshot(target()));

    ReconcileOutcome outcome = recoverOnly();

    Recovery recovery = outcome.recovery().orElseThrow();
    Snapshot sourceAfter = snapshot(source());
    Snapshot targetAfter = snapshot(target());
    if (before.source.activeLoop() || before.target.activeLoop()) {
      assertTrue(sourceAfter.activeLoop() || targetAfter.activeLoop(), "the active loop was lost");
    }
    if (sourceAfter.activeLoop() && targetAfter.activeLoop()) {
      assertEquals(before.source, sourceAfter, "recovery made a second active owner");
      assertEquals(before.target, targetAfter, "recovery made a second active owner");
    }
    if (!ours(before.source)) assertEquals(before.source, sourceAfter, "another writer's source");
    if (!ours(before.target)) assertEquals(before.target, targetAfter, "another writer's target");
    assertFalse(Files.exists(journal()), "the pending journal is settled either way");
    boolean settles =
        (sourceState == SourceState.ORIGINAL_AS_READ
                || sourceState == SourceState.ORIGINAL_AS_WE_WRITE_IT
                || sourceState == SourceState.OUR_RETIREMENT)
            && (targetState == TargetState.MISSING
                || targetState == TargetState.OUR_NEXT
                || targetState == TargetState.NEXT_BYTES_BY_ANOTHER_WRITER);
    if (settles) {
      assertTrue(sourceAfter.activeLoop() != targetAfter.activeLoop(), "exactly one active owner");
      assertFalse(Files.exists(leftFile()), "nothing is left for the operator");
      assertEquals(
          sourceState == SourceState.OUR_RETIREMENT
              ? Recovery.Action.ROLLED_FORWARD
              : Recovery.Action.ROLLED_BACK,
          recovery.action());
    } else {
      assertEquals(Recovery.Action.LEFT_FOR_OPERATOR, recovery.action());
      assertEquals(before.source, sourceAfter, "left for the operator: nothing touched");
      assertEquals(before.target, targetAfter, "left for the operator: nothing touched");
      String kept = Files.readString(leftFile());
      assertTrue(kept.contains("\"status\": \"left_for_operator\""), kept);
      assertTrue(kept.contains("\"next_target\": {"), "the loop is kept with the journal");
      assertTrue(
          kept.contains("\"found_at_source\": \"" + recovery.atSource().wireName() + "\""), kept);
    }
  }

  /** The data-loss interleaving of issue 17, without the TypeScript original (app-cli has it). */
  @ParameterizedTest(name = "the original's target equals ours: {0}")
  @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
  void givenAnotherToolCompletedTheTransfer_recoveryKeepsItsTargetAndSaysSo(boolean sameBytes)
      throws Exception {
    interruptTransferAfterItsJournal();
    place(source(), SourceState.FOREIGN_RETIREMENT);
    place(
        target(),
        sameBytes ? TargetState.NEXT_BYTES_BY_ANOTHER_WRITER : TargetState.FOREIGN_ACTIVE);
    Snapshot target = snapshot(target());

    Recovery recovery = recoverOnly().recovery().orElseThrow();

    assertEquals(Recovery.Action.LEFT_FOR_OPERATOR, recovery.action());
    assertEquals(Recovery.Found.FOREIGN, recovery.atSource());
    assertEquals(target, snapshot(target()), "the other tool's target is kept");
    assertTrue(snapshot(target()).activeLoop());
  }

  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.EnumSource(
      value = SourceState.class,
      names = {"FIFO", "DIRECTORY", "SYMLINK_TO_ORIGINAL"})
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void givenASpecialFileWhereTheJournalShouldBe_itIsNotOpenedAndNotTakenForAJournal(
      SourceState kind) throws Exception {
    state = new StateDirFixture(root);
    Path journal = journal();
    Files.writeString(root.resolve("elsewhere.json"), ORIGINAL);
    switch (kind) {
      case FIFO -> mkfifo(journal);
      case DIRECTORY -> Files.createDirectory(journal);
      default -> Files.createSymbolicLink(journal, root.resolve("elsewhere.json"));
    }
    state.currentSession("sess-current").write("sess-prior", ORIGINAL);
    Snapshot before = snapshot(journal);

    ReconcileOutcome outcome =
        state.reconcileUseCase().reconcile(new ReconcileRequest("", "", state.environment()));

    assertEquals(Optional.empty(), outcome.recovery());
    assertEquals(ResumeReason.PAYLOAD_CODEX_IDENTITY_MISSING, outcome.reason());
    assertEquals(before, snapshot(journal));
  }

  // ---- set-up ----

  void interruptTransferAfterItsJournal() throws IOException {
    state = new StateDirFixture(root);
    state.currentSession("sess-current").pane("%7").write("sess-prior", ORIGINAL);
    assertThrows(
        TransferSafetyTest.SimulatedCrash.class,
        () ->
            state
                .reconcileUseCase(
                    new TransferSteps(
                        step -> {
                          if (step == TransferStep.JOURNAL_PREPARED) {
                            throw new TransferSafetyTest.SimulatedCrash();
                          }
                        }))
                .reconcile(new ReconcileRequest(CODEX, "", state.environment())));
    entry = new FileTransferJournal(state.stateDir).pending().orElseThrow();
    retiredBytes = pretty(entry.retiredSource());
    nextBytes = pretty(entry.nextTarget());
    originalPrettyBytes = pretty(entry.originalSource());
  }

  /** The reconcile's recovery, then nothing else: no current session, so the decision stops. */
  ReconcileOutcome recoverOnly() {
    state.env.remove("OMX_SESSION_ID");
    ReconcileOutcome outcome =
        state.reconcileUseCase().reconcile(new ReconcileRequest(CODEX, "", state.environment()));
    assertEquals(ResumeReason.CURRENT_OMX_SESSION_MISSING, outcome.reason());
    return outcome;
  }

  void place(Path file, SourceState kind) throws IOException {
    RalphDocument original = entry.originalSource();
    switch (kind) {
      case ORIGINAL_AS_READ -> write(file, ORIGINAL.getBytes(StandardCharsets.UTF_8));
      case ORIGINAL_AS_WE_WRITE_IT -> write(file, originalPrettyBytes);
      case OUR_RETIREMENT -> write(file, retiredBytes);
      case FOREIGN_RETIREMENT ->
          write(file, pretty(otherTransfer(original, "%8").previousSource()));
      case FOREIGN_ACTIVE -> write(file, pretty(original.with("iteration", JsonValue.of(5))));
      case ORIGINAL_REFORMATTED_BY_ANOTHER_WRITER ->
          write(
              file,
              JsonText.pretty(original.root())
                  .replace("  ", "\t")
                  .getBytes(StandardCharsets.UTF_8));
      case MISSING -> Files.deleteIfExists(file);
      case NOT_JSON -> write(file, "{\"active\": tr".getBytes(StandardCharsets.UTF_8));
      case FIFO -> {
        Files.deleteIfExists(file);
        mkfifo(file);
      }
      case DIRECTORY -> {
        Files.deleteIfExists(file);
        Files.createDirectory(file);
      }
      case SYMLINK_TO_ORIGINAL -> {
        Path outside = root.resolve("outside-source.json");
        Files.writeString(outside, ORIGINAL);
        Files.deleteIfExists(file);
        Files.createSymbolicLink(file, outside);
      }
    }
  }

  void place(Path file, TargetState kind) throws IOException {
    switch (kind) {
      case MISSING -> Files.deleteIfExists(file);
      case OUR_NEXT, NEXT_BYTES_BY_ANOTHER_WRITER -> write(file, nextBytes);
      case FOREIGN_ACTIVE ->
          write(file, pretty(otherTransfer(entry.originalSource(), "%8").nextTarget()));
      case FOREIGN_INACTIVE ->
          write(file, "{\n  \"active\": false\n}".getBytes(StandardCharsets.UTF_8));
      case NOT_JSON -> write(file, "not json".getBytes(StandardCharsets.UTF_8));
      case FIFO -> {
        Files.deleteIfExists(file);
        mkfifo(file);
      }
      case DIRECTORY -> {
        Files.deleteIfExists(file);
        Files.createDirectory(file);
      }
      case SYMLINK_TO_OUR_NEXT -> {
        Path outside = root.resolve("outside-target.json");
        Files.write(outside, nextBytes);
        Files.deleteIfExists(file);
        Files.createSymbolicLink(file, outside);
      }
    }
  }

  /** The same loop moved by another tool at another moment (as the original would have). */
  Transfer otherTransfer(RalphDocument original, String pane) {
    return Transfer.of(
        new Candidate(
            new OmxSessionId("sess-prior"), original, CandidateVerdict.MATCHED_BY_SESSION),
        new OmxSessionId("sess-current"),
        CODEX,
        Optional.of(pane),
        "2026-02-22T12:00:07.123Z");
  }

  // ---- observations ----

  /** A file as a user would look at it: what it is, its bytes, and whether it is an active loop. */
  record Snapshot(String kind, byte[] bytes, boolean activeLoop) {
    @Override
    public boolean equals(Object other) {
      return other instanceof Snapshot s
          && kind.equals(s.kind)
          && java.util.Arrays.equals(bytes, s.bytes)
          && activeLoop == s.activeLoop;
    }

    @Override
    public int hashCode() {
      return kind.hashCode();
    }

    @Override
    public String toString() {
      return kind + (bytes == null ? "" : ": " + new String(bytes, StandardCharsets.UTF_8));
    }
  }

  record Before(Snapshot source, Snapshot target) {}

  static Snapshot snapshot(Path file) throws IOException {
    if (Files.isSymbolicLink(file)) {
      return new Snapshot("link to " + Files.readSymbolicLink(file), null, false);
    }
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) return new Snapshot("missing", null, false);
    if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
      return new Snapshot("directory", null, false);
    }
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return new Snapshot("special file", null, false);
    }
    byte[] bytes = Files.readAllBytes(file);
    boolean active =
        JavaScriptJson.parse(bytes).orElse(null) instanceof JsonObject object
            && new RalphDocument(object).isActive();
    return new Snapshot("file", bytes, active);
  }

  /** Bytes this transfer could have written or started from. */
  boolean ours(Snapshot snapshot) {
    if (snapshot.bytes() == null) return snapshot.kind().equals("missing");
    for (byte[] own :
        List.of(
            ORIGINAL.getBytes(StandardCharsets.UTF_8),
            originalPrettyBytes,
            retiredBytes,
            nextBytes)) {
      if (java.util.Arrays.equals(own, snapshot.bytes())) return true;
    }
    return false;
  }

  Path source() {
    return state.document("sess-prior");
  }

  Path target() {
    return state.document("sess-current");
  }

  Path journal() {
    return state.stateDir.resolve(FileTransferJournal.FILE);
  }

  Path leftFile() {
    return new FileTransferJournal(state.stateDir).leftFile(entry.transferId());
  }

  static byte[] pretty(RalphDocument document) {
    return JsonText.pretty(document.root()).getBytes(StandardCharsets.UTF_8);
  }

  static void write(Path file, byte[] bytes) throws IOException {
    Files.deleteIfExists(file);
    Files.createDirectories(file.getParent());
    Files.write(file, bytes);
  }

  static void mkfifo(Path file) throws IOException {
    try {
      Process mkfifo = new ProcessBuilder("mkfifo", file.toString()).inheritIO().start();
      assertEquals(0, mkfifo.waitFor(), "mkfifo " + file);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IOException(interrupted);
    }
  }
}
