package io.github.ralphresume.app.cli;

import static io.github.ralphresume.testing.StateDirFixture.ralph;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ralphresume.adapters.fs.FileRalphStateStore;
import io.github.ralphresume.adapters.fs.FileTransferJournal;
import io.github.ralphresume.adapters.fs.JavaScriptJson;
import io.github.ralphresume.adapters.fs.MkdirResumeLock;
import io.github.ralphresume.domain.json.JsonArray;
import io.github.ralphresume.domain.json.JsonObject;
import io.github.ralphresume.domain.json.JsonValue;
import io.github.ralphresume.domain.model.ResumeReason;
import io.github.ralphresume.domain.model.SweepReport;
import io.github.ralphresume.domain.usecase.DeadSessionFinder;
import io.github.ralphresume.domain.usecase.SweepRequest;
import io.github.ralphresume.domain.usecase.SweepStaleLoops;
import io.github.ralphresume.testing.StateDirFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sweep}: dry runs change nothing; applying writes what a reconcile would write. */
class SweepCommandTest {
  @TempDir Path root;

  /** Loops relative to the real clock, as the command sees them. */
  StateDirFixture staleAndFresh() {
    return new StateDirFixture(root)
        .session("sess-current")
        .write("sess-fresh", StateDirFixture.activeLoop(""))
        .write("sess-stale", staleLoop(""))
        .write(
            "sess-done",
            "{\"active\": false, \"current_phase\": \"complete\","
                + " \"updated_at\": \""
                + Instant.now().minusSeconds(30 * 86_400)
                + "\"}");
  }

  static String staleLoop(String extra) {
    return "{\n  \"active\": true,\n  \"current_phase\": \"executing\",\n"
        + "  \"owner_codex_session_id\": \"codex-9\",\n"
        + "  \"updated_at\": \""
        + Instant.now().minusSeconds(3 * 86_400)
        + "\""
        + extra
        + "\n}";
  }

  static CliRun cli() {
    return new CliRun();
  }

  @Test
  void givenStaleLoops_sweepWithoutApply_listsThemAndChangesNoByte() {
    StateDirFixture state = staleAndFresh();
    Map<String, String> before = StateDirFixture.snapshot(state.stateDir);

    CliRun run = cli().run("sweep", "--state-dir", state.stateDir.toString());

    assertEquals(0, run.status, run.err);
    assertEquals(
        "Stale threshold: 24h (86400000 ms).\n"
            + "would abandon sess-stale ("
            + state.document("sess-stale")
            + "): stale, last active"
            + " 3d ago (updated_at)\n"
            + "Dry run: nothing was changed. Run with --apply to abandon 1 loop.\n",
        run.out);
    assertEquals(before, StateDirFixture.snapshot(state.stateDir));
  }

  @Test
  void givenStaleLoops_sweepApply_abandonsOnlyThemAndSaysSo() {
    StateDirFixture state = staleAndFresh();
    String fresh = state.read("sess-fresh");
    String done = state.read("sess-done");

    CliRun run = cli().run("sweep", "--state-dir", state.stateDir.toString(), "--apply");

    assertEquals(0, run.status, run.err);
    assertTrue(run.out.contains("abandoned sess-stale ("), run.out);
    assertTrue(run.out.endsWith("Abandoned 1 loop.\n"), run.out);
    assertFalse(state.active("sess-stale"));
    assertTrue(state.read("sess-stale").contains("\"stop_reason\": \"stale_active_state\""));
    assertEquals(fresh, state.read("sess-fresh"));
    assertEquals(done, state.read("sess-done"));
    assertFalse(
        Files.exists(state.stateDir.resolve(".lock.ralph-session-resume")), "lock released");
  }

  @Test
  void givenJson_sweep_printsOneObject() {
    StateDirFixture state = staleAndFresh();

    CliRun run =
        cli()
            .env("OMX_RALPH_ACTIVE_STATE_STALE_MS", "3600000")
            .run("sweep", "--state-dir", state.stateDir.toString(), "--json");

    assertEquals(0, run.status, run.err);
    JsonObject report = (JsonObject) JavaScriptJson.parse(run.out).orElseThrow();
    assertEquals(Optional.of(JsonValue.of("dry_run")), report.get("outcome"));
    assertEquals(Optional.of(JsonValue.of(3_600_000)), report.get("thresholdMs"));
    JsonArray loops = (JsonArray) report.get("loops").orElseThrow();
    assertEquals(1, loops.elements().size());
    JsonObject loop = (JsonObject) loops.elements().get(0);
    assertEquals(Optional.of(JsonValue.of("sess-stale")), loop.get("session"));
    assertEquals(Optional.of(JsonValue.FALSE), loop.get("abandoned"));
  }

  /** The current session's stale loop: reconcile abandons it as current_ralph_abandoned_stale. */
  static void staleCurrent(StateDirFixture dir) {
    dir.currentSession("sess-current");
    dir.env.put("OMX_RALPH_ACTIVE_STATE_STALE_MS", "1000");
    dir.write(
        "sess-current",
        ralph(
            "\"owner_codex_session_id\": \"codex-session-1\",\n"
                + "  \"updated_at\": \"2026-02-22T11:00:00.000Z\",\n  \"extra\": {\"kept\": [1, 2.50]}"));
  }

  /** A stale prior of the payload's conversation: reconcile abandons it while scanning. */
  static void staleMatchingPrior(StateDirFixture dir) {
    dir.currentSession("sess-current");
    dir.env.put("OMX_RALPH_ACTIVE_STATE_STALE_MS", "1000");
    dir.write(
        "sess-prior",
        ralph(
            "\"owner_codex_session_id\": \"codex-session-1\",\n"
                + "  \"updated_at\": \"2026-02-22T11:59:58.000Z\""));
  }

  @Test
  void givenTheCurrentSessionsStaleLoop_sweepApply_writesTheBytesReconcileWrites()
      throws Exception {
    assertSweepWritesWhatReconcileWrites(
        "sess-current", ResumeReason.CURRENT_RALPH_ABANDONED_STALE, SweepCommandTest::staleCurrent);
  }

  @Test
  void givenAStaleMatchingPrior_sweepApply_writesTheBytesReconcileWrites() throws Exception {
    assertSweepWritesWhatReconcileWrites(
        "sess-prior",
        ResumeReason.MATCHING_PRIOR_RALPH_ABANDONED_STALE,
        SweepCommandTest::staleMatchingPrior);
  }

  @Test
  void givenADocumentWithoutTimestamps_sweepApply_writesTheBytesReconcileWrites() throws Exception {
    assertSweepWritesWhatReconcileWrites(
        "sess-prior",
        ResumeReason.MATCHING_PRIOR_RALPH_ABANDONED_STALE,
        dir -> {
          dir.currentSession("sess-current");
          dir.write("sess-prior", ralph("\"owner_codex_session_id\": \"codex-session-1\""));
          dir.modified("sess-prior", Instant.parse("2026-02-20T10:30:00.123Z"));
        });
  }

  /** Two identical dirs at one fixed moment: one swept, one reconciled; same bytes. */
  void assertSweepWritesWhatReconcileWrites(
      String session, ResumeReason reason, java.util.function.Consumer<StateDirFixture> setup)
      throws Exception {
    StateDirFixture swept = new StateDirFixture(Files.createDirectory(root.resolve("swept")));
    StateDirFixture reconciled =
        new StateDirFixture(Files.createDirectory(root.resolve("reconciled")));
    setup.accept(swept);
    setup.accept(reconciled);

    SweepReport report =
        new SweepStaleLoops(
                new FileRalphStateStore(swept.stateDir),
                new MkdirResumeLock(swept.stateDir),
                new FileTransferJournal(swept.stateDir),
                DeadSessionFinder.NONE,
                StateDirFixture.CLOCK)
            .sweep(new SweepRequest(swept.environment(), true, false, Set.of()));
    assertEquals(reason, reconciled.reconcile("codex-session-1", "").reason());

    assertEquals(SweepReport.Outcome.APPLIED, report.outcome());
    assertEquals(1, report.loops().size());
    assertEquals(reconciled.read(session), swept.read(session));
    assertTrue(swept.read(session).contains("\"stale_resume_threshold_ms\""), swept.read(session));
  }

  @Test
  void givenALockHeldByAnotherProcess_sweepApply_waitsThenTimesOutInOneLineChangingNothing()
      throws Exception {
    StateDirFixture state = staleAndFresh();
    Path lock = Files.createDirectory(state.stateDir.resolve(".lock.ralph-session-resume"));
    Files.writeString(lock.resolve("owner"), "4242.1700000000000.abc");
    Map<String, String> before = StateDirFixture.snapshot(state.stateDir);
    long started = System.nanoTime();

    CliRun run = cli().run("sweep", "--state-dir", state.stateDir.toString(), "--apply");

    assertTrue(System.nanoTime() - started >= TimeUnit.SECONDS.toNanos(5), "waited for the lock");
    assertEquals(0, run.status, run.err);
    assertEquals(
        "Another process held the resume lock for more than 5 s; nothing was changed."
            + " [resume_lock_timeout]\n",
        run.out);
    assertEquals(before, StateDirFixture.snapshot(state.stateDir));
  }

  @Test
  void givenSessionJsonNamingAFinishedProcess_sweepDeadOwners_retiresThatSessionsLoop()
      throws Exception {
    StateDirFixture state = staleAndFresh().write("sess-gone", StateDirFixture.activeLoop(""));
    Process finished = new ProcessBuilder("true").start();
    assertTrue(finished.waitFor(10, TimeUnit.SECONDS));
    Files.writeString(
        state.stateDir.resolve("session.json"),
        "{\"session_id\": \"sess-gone\", \"pid\": " + finished.pid() + "}");
    String fresh = state.read("sess-fresh");

    CliRun dryRun = cli().run("sweep", "--state-dir", state.stateDir.toString(), "--dead-owners");
    CliRun applied =
        cli().run("sweep", "--state-dir", state.stateDir.toString(), "--dead-owners", "--apply");

    assertEquals(0, dryRun.status, dryRun.err);
    assertTrue(
        dryRun.out.contains(
            "session.json names session sess-gone, whose process "
                + finished.pid()
                + " is not running.\n"),
        dryRun.out);
    assertTrue(
        dryRun.out.contains(
            "would abandon sess-gone ("
                + state.document("sess-gone")
                + "): its session's process "
                + finished.pid()
                + " is gone (last active "),
        dryRun.out);
    assertEquals(0, applied.status, applied.err);
    assertTrue(applied.out.endsWith("Abandoned 2 loops.\n"), applied.out);
    assertFalse(state.active("sess-gone"));
    assertFalse(state.active("sess-stale"));
    assertEquals(fresh, state.read("sess-fresh"));
  }

  @Test
  void givenSessionJsonNamingALiveProcess_sweepDeadOwners_leavesItsLoopAlone() throws Exception {
    StateDirFixture state =
        new StateDirFixture(root)
            .session("sess-current")
            .write("sess-live", StateDirFixture.activeLoop(""));
    Files.writeString(
        state.stateDir.resolve("session.json"),
        "{\"session_id\": \"sess-live\", \"pid\": " + ProcessHandle.current().pid() + "}");
    String before = state.read("sess-live");

    CliRun run =
        cli().run("sweep", "--state-dir", state.stateDir.toString(), "--dead-owners", "--apply");

    assertEquals(0, run.status, run.err);
    assertTrue(run.out.endsWith("No active loop to abandon; nothing was changed.\n"), run.out);
    assertEquals(before, state.read("sess-live"));
  }

  @Test
  void givenWithoutDeadOwners_sweep_ignoresSessionJson() throws Exception {
    StateDirFixture state =
        new StateDirFixture(root)
            .session("sess-current")
            .write("sess-gone", StateDirFixture.activeLoop(""));
    Files.writeString(
        state.stateDir.resolve("session.json"),
        "{\"session_id\": \"sess-gone\", \"pid\": 2147483646}");

    CliRun run = cli().run("sweep", "--state-dir", state.stateDir.toString(), "--apply");

    assertEquals(0, run.status, run.err);
    assertTrue(state.active("sess-gone"));
  }

  @Test
  void givenAPendingTransfer_sweepApply_refusesUntilReconcileSettlesIt() throws Exception {
    StateDirFixture state = staleAndFresh();
    Files.writeString(state.stateDir.resolve(".ralph-resume-transfer.json"), preparedJournal());
    Map<String, String> before = StateDirFixture.snapshot(state.stateDir);

    CliRun dryRun = cli().run("sweep", "--state-dir", state.stateDir.toString());
    CliRun apply =
        cli().run("sweep", "--state-dir", state.stateDir.toString(), "--apply", "--json");

    assertTrue(
        dryRun.out.contains(
            "An interrupted transfer is pending; run `ralph-resume"
                + " reconcile` to settle it before sweeping.\n"),
        dryRun.out);
    assertEquals(0, apply.status, apply.err);
    assertTrue(apply.out.startsWith("{\"outcome\":\"transfer_pending\","), apply.out);
    // Applying took and released the lock, which touches the state dir itself; nothing else.
    before.remove("");
    Map<String, String> after = StateDirFixture.snapshot(state.stateDir);
    after.remove("");
    assertEquals(before, after);
  }

  /** A prepared journal moving sess-stale's loop to sess-current, as FileTransferJournal writes. */
  static String preparedJournal() {
    String loop = "{\"active\": true, \"current_phase\": \"executing\"}";
    return "{\n  \"schema\": \"ralph-resume/transfer-journal@1\",\n  \"status\": \"prepared\",\n"
        + "  \"transfer_id\": \"t-1\",\n  \"updated_at\": \"2026-02-22T12:00:00.000Z\",\n"
        + "  \"source\": \"sessions/sess-stale/ralph-state.json\",\n"
        + "  \"target\": \"sessions/sess-current/ralph-state.json\",\n"
        + "  \"original_source\": "
        + loop
        + ",\n  \"retired_source\": "
        + loop
        + ",\n"
        + "  \"next_target\": "
        + loop
        + "\n}";
  }

  @Test
  void givenAnInvalidOrUnknownSession_sweep_isAUsageErrorChangingNothing() {
    StateDirFixture state = staleAndFresh();
    Map<String, String> before = StateDirFixture.snapshot(state.stateDir);

    CliRun invalid =
        cli()
            .run(
                "sweep",
                "--state-dir",
                state.stateDir.toString(),
                "--apply",
                "--session",
                "../etc");
    CliRun unknown =
        cli()
            .run(
                "sweep",
                "--state-dir",
                state.stateDir.toString(),
                "--apply",
                "--session",
                "sess-nope");

    assertEquals(2, invalid.status);
    assertEquals(
        "ralph-resume: invalid OMX session id \"../etc\": expected 1-64 of A-Z a-z 0-9" + " _ -\n",
        invalid.err);
    assertEquals(2, unknown.status);
    assertEquals(
        "ralph-resume: unknown session sess-nope: no such session directory in "
            + state.stateDir.resolve("sessions")
            + "\n",
        unknown.err);
    assertEquals("", invalid.out + unknown.out);
    assertEquals(before, StateDirFixture.snapshot(state.stateDir));
  }

  @Test
  void givenOneSession_sweepApply_touchesNoOther() {
    StateDirFixture state = staleAndFresh().write("sess-stale-2", staleLoop(""));
    String other = state.read("sess-stale-2");

    CliRun run =
        cli()
            .run(
                "sweep",
                "--state-dir",
                state.stateDir.toString(),
                "--apply",
                "--session",
                "sess-stale");

    assertEquals(0, run.status, run.err);
    assertFalse(state.active("sess-stale"));
    assertEquals(other, state.read("sess-stale-2"));
  }

  @Test
  void givenAMissingStateDir_sweep_isAUsageErrorAndCreatesNothing() {
    Path missing = root.resolve("nope").resolve("state");

    CliRun run = cli().run("sweep", "--state-dir", missing.toString(), "--apply");

    assertEquals(2, run.status);
    assertEquals("ralph-resume: state dir " + missing + " does not exist\n", run.err);
    assertFalse(Files.exists(root.resolve("nope")));
  }
}
