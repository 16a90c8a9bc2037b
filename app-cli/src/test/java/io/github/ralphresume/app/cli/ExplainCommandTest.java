package io.github.ralphresume.app.cli;

import static io.github.ralphresume.testing.StateDirFixture.ralph;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ralphresume.adapters.fs.FileRalphStateStore;
import io.github.ralphresume.adapters.fs.FileTransferJournal;
import io.github.ralphresume.adapters.fs.JavaScriptJson;
import io.github.ralphresume.adapters.tmux.PaneLookup;
import io.github.ralphresume.domain.json.JsonObject;
import io.github.ralphresume.domain.json.JsonText;
import io.github.ralphresume.domain.json.JsonValue;
import io.github.ralphresume.domain.model.Candidate;
import io.github.ralphresume.domain.model.CandidateVerdict;
import io.github.ralphresume.domain.model.Explanation;
import io.github.ralphresume.domain.model.JournalEntry;
import io.github.ralphresume.domain.model.OmxSessionId;
import io.github.ralphresume.domain.model.PaneId;
import io.github.ralphresume.domain.model.StoredDocument;
import io.github.ralphresume.domain.model.Transfer;
import io.github.ralphresume.testing.StateDirFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code explain}: its output, that it changes nothing, and its usage errors. */
class ExplainCommandTest {
  static final Optional<PaneLookup> PANE =
      Optional.of(new PaneLookup(Optional.of(new PaneId("%7")), List.of()));

  @TempDir Path root;
  StateDirFixture state;

  @BeforeEach
  void setUp() {
    state = StateDirFixture.resumable(root);
  }

  CliRun cli() {
    return CliRun.inCurrentSession();
  }

  /**
   * The golden scenario: a fixed moment and four priors (a fresh match, another conversation's
   * loop, a stale match and a finished loop). The JSON golden below is the only place the whole
   * explanation object is pinned; the service's test checks it answers the same object.
   */
  StateDirFixture goldenScenario() throws Exception {
    return new StateDirFixture(Files.createDirectory(root.resolve("golden")))
        .currentSession("sess-current")
        .pane("%7")
        .fourPriors();
  }

  @Test
  void givenTheGoldenScenario_explainText_readsStepByStep() throws Exception {
    StateDirFixture dir = goldenScenario();

    Explanation explanation = dir.explain("codex-1", "");
    String text =
        ExplanationText.text(
            explanation, PANE, dir.stateDir.resolve(".ralph-resume-transfer.json"), false);

    assertEquals(
        """
        Dry run of reconcile (no lock taken, nothing written). Stale threshold: 24h (86400000 ms).
         1. Current session: sess-current, named by OMX_SESSION_ID (its session directory exists).
         2. Current document <state>/sessions/sess-current/ralph-state.json: none, so a prior loop may move in.
         3. Payload: Codex session codex-1, thread (none).
         4. Prior sessions (4):
             - sess-a: a candidate: owned by Codex session codex-1, last active 60s ago (updated_at).
             - sess-b: not a candidate: owned by Codex session codex-2, not codex-1.
             - sess-c: owned by this conversation (by session), but last active 3d ago (updated_at), over the 24h threshold: abandoned, not resumed.
             - sess-d: not a candidate: active, but in the terminal phase "complete".
         5. Decision: one candidate, sess-a; its loop moves to the current session.
         6. Pane: %7.
        Reason: resumed_same_codex_session (resumed: true, updatedCurrentOwner: false)
        Writes, in order, under the resume lock:
          (the transfer is journaled in <state>/.ralph-resume-transfer.json first and removed once it completes)
          1. abandon the stale loop: <state>/sessions/sess-c/ralph-state.json
               active: true -> false
               current_phase: "executing" -> "cancelled"
             + completed_at: "2026-02-22T12:00:00.000Z"
             + abandoned_at: "2026-02-22T12:00:00.000Z"
             + stop_reason: "stale_active_state"
             + stale_resume_age_ms: 270000000
             + stale_resume_threshold_ms: 86400000
             + stale_resume_timestamp_source: "updated_at"
          2. retire the transfer's source: <state>/sessions/sess-a/ralph-state.json
               active: true -> false
               current_phase: "executing" -> "cancelled"
             + completed_at: "2026-02-22T12:00:00.000Z"
             + stop_reason: "ownership_transferred"
          3. write the transfer's target: <state>/sessions/sess-current/ralph-state.json
             (a new document: the source's loop with these changes)
             + owner_omx_session_id: "sess-current"
             + tmux_pane_id: "%7"
             + tmux_pane_set_at: "2026-02-22T12:00:00.000Z"
        """,
        text.replace(dir.stateDir.toString(), "<state>"));
  }

  @Test
  void givenTheGoldenScenario_explainJson_holdsEveryStep() throws Exception {
    StateDirFixture dir = goldenScenario();

    Explanation explanation = dir.explain("codex-1", "");
    String json = JsonText.pretty(ExplanationText.json(explanation, PANE, false));

    assertEquals(
        """
        {
          "dryRun": true,
          "lockHeld": false,
          "currentSession": {
            "id": "sess-current",
            "foundBy": "environment",
            "variable": "OMX_SESSION_ID"
          },
          "payload": {
            "codexSessionId": "codex-1",
            "threadId": ""
          },
          "thresholdMs": 86400000,
          "currentDocument": {
            "session": "sess-current",
            "path": "<state>/sessions/sess-current/ralph-state.json",
            "verdict": "missing",
            "document": "missing"
          },
          "priors": [
            {
              "session": "sess-a",
              "path": "<state>/sessions/sess-a/ralph-state.json",
              "verdict": "matched_by_session",
              "document": "present",
              "active": true,
              "phase": "executing",
              "ownerOmxSessionId": "",
              "ownerCodexSessionId": "codex-1",
              "ownerCodexThreadId": "",
              "freshness": {
                "ageMs": 60000,
                "thresholdMs": 86400000,
                "source": "updated_at",
                "stale": false
              }
            },
            {
              "session": "sess-b",
              "path": "<state>/sessions/sess-b/ralph-state.json",
              "verdict": "owner_session_mismatch",
              "document": "present",
              "active": true,
              "phase": "executing",
              "ownerOmxSessionId": "",
              "ownerCodexSessionId": "codex-2",
              "ownerCodexThreadId": ""
            },
            {
              "session": "sess-c",
              "path": "<state>/sessions/sess-c/ralph-state.json",
              "verdict": "stale",
              "document": "present",
              "active": true,
              "phase": "executing",
              "ownerOmxSessionId": "",
              "ownerCodexSessionId": "codex-1",
              "ownerCodexThreadId": "",
              "freshness": {
                "ageMs": 270000000,
                "thresholdMs": 86400000,
                "source": "updated_at",
                "stale": true
              }
            },
            {
              "session": "sess-d",
              "path": "<state>/sessions/sess-d/ralph-state.json",
              "verdict": "terminal_phase",
              "document": "present",
              "active": true,
              "phase": "complete",
              "ownerOmxSessionId": "",
              "ownerCodexSessionId": "codex-1",
              "ownerCodexThreadId": ""
            }
          ],
          "pane": {
            "id": "%7",
            "notes": []
          },
          "reason": "resumed_same_codex_session",
          "result": {
            "currentOmxSessionId": "sess-current",
            "resumed": true,
            "updatedCurrentOwner": false,
            "reason": "resumed_same_codex_session",
            "sourcePath": "<state>/sessions/sess-a/ralph-state.json",
            "targetPath": "<state>/sessions/sess-current/ralph-state.json"
          },
          "writes": [
            {
              "action": "abandon_stale",
              "session": "sess-c",
              "path": "<state>/sessions/sess-c/ralph-state.json",
              "document": {
                "active": false,
                "iteration": 4,
                "max_iterations": 10,
                "current_phase": "cancelled",
                "owner_codex_session_id": "codex-1",
                "updated_at": "2026-02-19T09:00:00.000Z",
                "completed_at": "2026-02-22T12:00:00.000Z",
                "abandoned_at": "2026-02-22T12:00:00.000Z",
                "stop_reason": "stale_active_state",
                "stale_resume_age_ms": 270000000,
                "stale_resume_threshold_ms": 86400000,
                "stale_resume_timestamp_source": "updated_at"
              }
            },
            {
              "action": "retire_source",
              "session": "sess-a",
              "path": "<state>/sessions/sess-a/ralph-state.json",
              "document": {
                "active": false,
                "iteration": 4,
                "max_iterations": 10,
                "current_phase": "cancelled",
                "owner_codex_session_id": "codex-1",
                "updated_at": "2026-02-22T11:59:00.000Z",
                "completed_at": "2026-02-22T12:00:00.000Z",
                "stop_reason": "ownership_transferred"
              }
            },
            {
              "action": "transfer_target",
              "session": "sess-current",
              "path": "<state>/sessions/sess-current/ralph-state.json",
              "document": {
                "active": true,
                "iteration": 4,
                "max_iterations": 10,
                "current_phase": "executing",
                "owner_codex_session_id": "codex-1",
                "updated_at": "2026-02-22T11:59:00.000Z",
                "owner_omx_session_id": "sess-current",
                "tmux_pane_id": "%7",
                "tmux_pane_set_at": "2026-02-22T12:00:00.000Z"
              }
            }
          ]
        }""",
        json.replace(dir.stateDir.toString(), "<state>"));
  }

  @Test
  void givenAResumableLoop_explain_printsTheStepsAndTheReasonAndChangesNothing() {
    Map<String, String> before = StateDirFixture.snapshot(state.stateDir);

    CliRun run =
        cli()
            .run(
                "explain",
                "--state-dir",
                state.stateDir.toString(),
                "--codex-session-id",
                StateDirFixture.CODEX);

    assertEquals(0, run.status, run.err);
    assertTrue(
        run.out.startsWith("Dry run of reconcile (no lock taken, nothing written)."), run.out);
    assertTrue(
        run.out.contains(" 1. Current session: sess-current, named by OMX_SESSION_ID"), run.out);
    assertTrue(
        run.out.contains(
            "     - sess-prior: a candidate: owned by Codex session "
                + StateDirFixture.CODEX
                + ", last active "),
        run.out);
    assertTrue(run.out.contains("\nReason: resumed_same_codex_session (resumed: true,"), run.out);
    assertTrue(
        run.out.contains("  1. retire the transfer's source: " + state.document("sess-prior")),
        run.out);
    assertTrue(
        run.out.contains("  2. write the transfer's target: " + state.document("sess-current")),
        run.out);
    assertEquals(before, StateDirFixture.snapshot(state.stateDir));
  }

  @Test
  void givenJson_explain_printsOneObjectWhoseResultIsWhatReconcilePrints() {
    CliRun explain =
        cli()
            .run(
                "explain",
                "--state-dir",
                state.stateDir.toString(),
                "--codex-session-id",
                StateDirFixture.CODEX,
                "--json");
    CliRun reconcile =
        cli()
            .run(
                "reconcile",
                "--state-dir",
                state.stateDir.toString(),
                "--codex-session-id",
                StateDirFixture.CODEX,
                "--json");

    assertEquals(0, explain.status, explain.err);
    assertEquals(1, explain.out.split("\n").length, explain.out);
    JsonObject explained = (JsonObject) JavaScriptJson.parse(explain.out).orElseThrow();
    assertEquals(Optional.of(JsonValue.of("resumed_same_codex_session")), explained.get("reason"));
    assertEquals(reconcile.out, JsonText.compact(explained.get("result").orElseThrow()) + "\n");
  }

  @Test
  void givenDeadWritersLeftovers_explain_leavesThemWhereReconcileWouldTidyThem() throws Exception {
    Path sessionDir = Files.createDirectories(state.stateDir.resolve("sessions/sess-current"));
    // Temp files of a writer whose pid is not running, as a crashed writer leaves them.
    Path documentLeftover =
        Files.writeString(
            sessionDir.resolve("ralph-state.json.tmp-2147483646-1700000000000-abc"), "{");
    Path journalLeftover =
        Files.writeString(
            state.stateDir.resolve(".ralph-resume-transfer.json.tmp-2147483646-1700000000000-abc"),
            "{");
    Map<String, String> before = StateDirFixture.snapshot(state.stateDir);

    CliRun explain =
        cli()
            .run(
                "explain",
                "--state-dir",
                state.stateDir.toString(),
                "--codex-session-id",
                StateDirFixture.CODEX);

    assertEquals(0, explain.status, explain.err);
    assertEquals(before, StateDirFixture.snapshot(state.stateDir));
    cli().run("reconcile", "--state-dir", state.stateDir.toString(), "--codex-session-id", "x");
    assertFalse(Files.exists(documentLeftover), "reconcile tidies what explain left alone");
    assertFalse(Files.exists(journalLeftover), "reconcile tidies what explain left alone");
  }

  @Test
  void givenAnInterruptedTransfer_explain_describesTheRecoveryFirstAndChangesNothing()
      throws Exception {
    FileRalphStateStore store = new FileRalphStateStore(state.stateDir);
    OmxSessionId prior = new OmxSessionId("sess-prior");
    OmxSessionId current = new OmxSessionId("sess-current");
    Transfer transfer =
        Transfer.of(
            new Candidate(
                prior,
                ((StoredDocument.Present) store.read(prior)).document(),
                CandidateVerdict.MATCHED_BY_SESSION),
            current,
            StateDirFixture.CODEX,
            Optional.of("%7"),
            "2026-02-22T11:59:30.000Z");
    new FileTransferJournal(state.stateDir)
        .prepare(JournalEntry.of("t-42", transfer, current, Optional.empty()));
    store.write(prior, transfer.previousSource());
    Map<String, String> before = StateDirFixture.snapshot(state.stateDir);

    CliRun run =
        cli()
            .run(
                "explain",
                "--state-dir",
                state.stateDir.toString(),
                "--codex-session-id",
                StateDirFixture.CODEX);

    assertEquals(0, run.status, run.err);
    assertTrue(
        run.out.contains(
            " 1. Interrupted transfer t-42 (sess-prior -> sess-current) is pending in the"
                + " journal. Found: source retired by this transfer, target no document."
                + " Recovery would first complete it (roll forward): write the target from the"
                + " journal."),
        run.out);
    assertTrue(
        run.out.contains(
            "recovery: complete the interrupted transfer's target: "
                + state.document("sess-current")),
        run.out);
    assertEquals(before, StateDirFixture.snapshot(state.stateDir));
  }

  @Test
  void givenAHeldLock_explain_answersAtOnceAndSaysSo() throws Exception {
    Path lock = Files.createDirectory(state.stateDir.resolve(".lock.ralph-session-resume"));
    Files.writeString(lock.resolve("owner"), "4242.1700000000000.abc");
    Map<String, String> before = StateDirFixture.snapshot(state.stateDir);
    long started = System.nanoTime();

    CliRun run =
        cli()
            .run(
                "explain",
                "--state-dir",
                state.stateDir.toString(),
                "--codex-session-id",
                StateDirFixture.CODEX);

    assertTrue(System.nanoTime() - started < 4_000_000_000L, "explain waited for the lock");
    assertEquals(0, run.status, run.err);
    assertTrue(run.out.contains("Note: another process holds the resume lock right now"), run.out);
    assertEquals(before, StateDirFixture.snapshot(state.stateDir));
  }

  @Test
  void givenNoWayToFindTheCurrentSession_explain_saysWhatWasTried() {
    CliRun run =
        new CliRun()
            .env("OMX_SESSION_ID", "not valid!")
            .run("explain", "--state-dir", state.stateDir.toString(), "--codex-session-id", "x");

    assertEquals(0, run.status, run.err);
    assertTrue(
        run.out.contains(
            " 1. No current session: OMX_SESSION_ID is not a valid session id;"
                + " session.json is missing. Nothing else is looked at.\n"),
        run.out);
    assertTrue(run.out.contains("Reason: current_omx_session_missing"), run.out);
  }

  @Test
  void givenAMissingStateDir_explain_isAUsageErrorAndCreatesNothing() {
    Path missing = root.resolve("nope").resolve("state");

    CliRun run = cli().run("explain", "--state-dir", missing.toString());

    assertEquals(2, run.status);
    assertEquals("ralph-resume: state dir " + missing + " does not exist\n", run.err);
    assertEquals("", run.out);
    assertFalse(Files.exists(root.resolve("nope")));
  }

  @Test
  void givenAFileOrALinkAsStateDir_explain_isAUsageError() throws Exception {
    Path file = Files.writeString(root.resolve("state.txt"), "x");
    Path link = Files.createSymbolicLink(root.resolve("linked-state"), state.stateDir);

    CliRun onFile = cli().run("explain", "--state-dir", file.toString());
    CliRun onLink = cli().run("explain", "--state-dir", link.toString());

    assertEquals(2, onFile.status);
    assertEquals("ralph-resume: state dir " + file + " is not a directory\n", onFile.err);
    assertEquals(2, onLink.status);
    assertEquals(1, onLink.err.split("\n").length, onLink.err);
    assertTrue(onLink.err.startsWith("ralph-resume: state dir " + link + " is a symbolic link"));
  }

  @Test
  void givenAnUnknownOption_explain_exitsTwo() {
    CliRun run = cli().run("explain", "--state-dir", state.stateDir.toString(), "--apply");

    assertEquals(2, run.status);
    assertTrue(run.err.startsWith("ralph-resume: Unknown option: '--apply'"), run.err);
  }

  @ParameterizedTest(name = "{0} --help")
  @ValueSource(
      strings = {
        "explain",
        "sweep",
        "completion",
        "reconcile",
        "status",
        "hook",
        "doctor",
        "install",
        "uninstall"
      })
  void givenHelp_everyCommand_showsAnExample(String command) {
    CliRun run = cli().run(command, "--help");

    assertEquals(0, run.status, run.err);
    assertTrue(run.out.contains("Example"), run.out);
    assertTrue(run.out.contains("ralph-resume"), run.out);
  }

  @Test
  void givenTopLevelHelp_theNewCommandsAreListed() {
    CliRun run = cli().run("--help");

    assertEquals(0, run.status);
    for (String command :
        new String[] {"explain", "sweep", "completion", "doctor", "install", "uninstall"}) {
      assertTrue(run.out.contains("  " + command + " "), run.out);
    }
  }

  @Test
  void givenNothingToResume_explainTextEndsWithNoWrites() throws Exception {
    StateDirFixture dir =
        new StateDirFixture(Files.createDirectory(root.resolve("quiet")))
            .currentSession("sess-current");
    dir.write(
        "sess-other",
        ralph(
            "\"owner_codex_thread_id\": \"t-9\",\n"
                + "  \"updated_at\": \"2026-02-22T11:59:00.000Z\""));
    FileTime untouched = FileTime.fromMillis(0);
    Files.setLastModifiedTime(dir.document("sess-other"), untouched);

    String text =
        ExplanationText.text(
            dir.explain("", "t-1"),
            Optional.empty(),
            dir.stateDir.resolve(".ralph-resume-transfer.json"),
            false);

    assertTrue(
        text.contains(
            "     - sess-other: not a candidate: owned by thread t-9 (legacy)," + " not t-1.\n"),
        text);
    assertTrue(
        text.contains(
            " 5. Decision: no prior session has an active loop of this" + " conversation.\n"),
        text);
    assertTrue(
        text.endsWith(
            "Reason: no_matching_prior_ralph (resumed: false,"
                + " updatedCurrentOwner: false)\nWrites: none.\n"),
        text);
    assertEquals(untouched, Files.getLastModifiedTime(dir.document("sess-other")));
  }
}
