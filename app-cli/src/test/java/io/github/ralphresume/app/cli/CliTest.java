package io.github.ralphresume.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ralphresume.testing.StateDirFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands as a user runs them, in-process: output, exit status, and what changes on disk. */
class CliTest {
  @TempDir Path root;
  StateDirFixture state;

  @BeforeEach
  void setUp() {
    state = StateDirFixture.resumable(root);
  }

  CliRun cli() {
    return CliRun.inCurrentSession();
  }

  @Test
  void givenAResumedConversation_reconcileJson_printsTheOriginalsResultLine() {
    CliRun run =
        cli()
            .run(
                "reconcile",
                "--state-dir",
                state.stateDir.toString(),
                "--codex-session-id",
                StateDirFixture.CODEX,
                "--json");

    assertEquals(0, run.status, run.err);
    assertEquals(
        "{\"currentOmxSessionId\":\"sess-current\",\"resumed\":true,"
            + "\"updatedCurrentOwner\":false,\"reason\":\"resumed_same_codex_session\","
            + "\"sourcePath\":\""
            + state.document("sess-prior")
            + "\","
            + "\"targetPath\":\""
            + state.document("sess-current")
            + "\"}\n",
        run.out);
    assertTrue(state.active("sess-current"));
    assertTrue(state.read("sess-current").contains("\"tmux_pane_id\": \"%7\""));
    assertFalse(state.active("sess-prior"));
  }

  @Test
  void givenNoJsonFlag_reconcile_printsASentenceNamingTheReason() {
    CliRun run =
        cli().run("reconcile", "--state-dir=" + state.stateDir, "--codex-session-id", "other");

    assertEquals(0, run.status);
    assertEquals(
        "No prior session has an active Ralph loop owned by this Codex conversation."
            + " [no_matching_prior_ralph]\n",
        run.out);
  }

  @Test
  void givenNoCodexIds_reconcile_answersPayloadIdentityMissing() {
    CliRun run = cli().run("reconcile", "--state-dir", state.stateDir.toString(), "--json");

    assertEquals(0, run.status);
    assertTrue(run.out.contains("\"reason\":\"payload_codex_identity_missing\""), run.out);
  }

  @Test
  void givenAMissingStateDir_reconcile_failsWithOneLineAndCreatesNothing() {
    Path missing = root.resolve("nope").resolve("state");

    CliRun run = cli().run("reconcile", "--state-dir", missing.toString(), "--json");

    assertEquals(2, run.status);
    assertEquals("ralph-resume: state dir " + missing + " does not exist\n", run.err);
    assertEquals("", run.out);
    assertFalse(Files.exists(root.resolve("nope")));
  }

  @Test
  void givenAFileWhereTheStateDirShouldBe_reconcile_isAUsageError() throws Exception {
    Path file = Files.writeString(root.resolve("state.txt"), "x");

    CliRun run = cli().run("reconcile", "--state-dir", file.toString());

    assertEquals(2, run.status);
    assertEquals("ralph-resume: state dir " + file + " is not a directory\n", run.err);
  }

  @Test
  void givenASymlinkWhereTheStateDirShouldBe_reconcile_refusesAndChangesNothing() throws Exception {
    Path link = Files.createSymbolicLink(root.resolve("linked-state"), state.stateDir);
    String before = state.contents();

    CliRun run =
        cli()
            .run(
                "reconcile",
                "--state-dir",
                link.toString(),
                "--codex-session-id",
                StateDirFixture.CODEX);

    assertEquals(2, run.status);
    assertTrue(run.err.startsWith("ralph-resume: state dir " + link + " is a symbolic link"));
    assertEquals(before, state.contents());
  }

  @Test
  void givenAnUnknownOption_theCliExitsTwoWithAHint() {
    CliRun run = cli().run("reconcile", "--state-dir", state.stateDir.toString(), "--frobnicate");

    assertEquals(2, run.status);
    assertTrue(run.err.startsWith("ralph-resume: Unknown option: '--frobnicate'"), run.err);
  }

  @Test
  void givenNoCommand_theCliExitsTwo() {
    CliRun run = cli().run();

    assertEquals(2, run.status);
    assertTrue(run.err.contains("a command is required"), run.err);
  }

  @Test
  void givenALockHeldByAnotherProcess_reconcileWaitsThenReportsTheTimeoutWithStatusZero()
      throws Exception {
    Path lock = Files.createDirectory(state.stateDir.resolve(".lock.ralph-session-resume"));
    Files.writeString(lock.resolve("owner"), "4242.1700000000000.abc");
    String prior = state.read("sess-prior");

    CliRun run =
        cli()
            .run(
                "reconcile",
                "--state-dir",
                state.stateDir.toString(),
                "--codex-session-id",
                StateDirFixture.CODEX,
                "--json");

    assertEquals(0, run.status);
    assertEquals(
        "{\"currentOmxSessionId\":\"\",\"resumed\":false,\"updatedCurrentOwner\":false,"
            + "\"reason\":\"resume_lock_timeout\"}\n",
        run.out);
    assertEquals(prior, state.read("sess-prior"));
    assertEquals("4242.1700000000000.abc", Files.readString(lock.resolve("owner")));
  }

  @Test
  void givenANotifyPayloadArgument_hookReconcilesAndLogsTheResume() throws Exception {
    String payload =
        "{\"type\":\"agent-turn-complete\",\"session_id\":\""
            + StateDirFixture.CODEX
            + "\",\"thread-id\":\"t-1\",\"cwd\":\""
            + root
            + "\"}";

    CliRun run = cli().run("hook", payload);

    assertEquals(0, run.status, run.err);
    assertEquals("", run.out);
    assertTrue(state.active("sess-current"));
    Path log = root.resolve(".omx/logs/notify-hook-" + LocalDate.now(ZoneOffset.UTC) + ".jsonl");
    String line = Files.readString(log);
    assertTrue(
        line.matches(
            "\\{\"timestamp\":\"[^\"]+\",\"type\":\"ralph_session_resume\","
                + "\"reason\":\"resumed_same_codex_session\",\"current_omx_session_id\":\"sess-current\","
                + "\"payload_codex_session_id\":\"codex-session-1\",\"source_path\":\"[^\"]+\","
                + "\"target_path\":\"[^\"]+\",\"owner_updated\":false,\"resumed\":true}\n"),
        line);
  }

  @Test
  void givenThePayloadOnStdin_hookReadsIt() {
    CliRun run =
        cli()
            .stdin("{\"session-id\":\"" + StateDirFixture.CODEX + "\",\"cwd\":\"" + root + "\"}")
            .run("hook");

    assertEquals(0, run.status, run.err);
    assertTrue(state.active("sess-current"));
  }

  @Test
  void givenAMalformedPayload_hookExitsZeroSaysWhyAndChangesNothing() {
    String before = state.contents();

    CliRun run = cli().run("hook", "{\"session_id\": ");

    assertEquals(0, run.status);
    assertEquals(
        "ralph-resume hook: the payload is not a JSON object; nothing was reconciled\n", run.err);
    assertEquals(before, state.contents());
  }

  @Test
  void givenAnOversizedPayload_hookExitsZeroAndChangesNothing() {
    String before = state.contents();
    String huge =
        "{\"session_id\":\""
            + StateDirFixture.CODEX
            + "\",\"cwd\":\""
            + root
            + "\",\"pad\":\""
            + "x".repeat(70 * 1024)
            + "\"}";

    CliRun run = cli().run("hook", huge);

    assertEquals(0, run.status);
    assertEquals(
        "ralph-resume hook: the payload is larger than 64 KiB; nothing was reconciled\n", run.err);
    assertEquals(before, state.contents());
  }

  @Test
  void givenAnEmptyPayload_hookExitsZeroAndSaysSo() {
    CliRun run = cli().stdin("  \n").run("hook");

    assertEquals(0, run.status);
    assertEquals(
        "ralph-resume hook: no payload: stdin is empty; nothing was reconciled\n", run.err);
  }

  @Test
  void givenAProjectWithoutOmxState_hookDoesNothingAndCreatesNothing() throws Exception {
    Path elsewhere = Files.createDirectories(root.resolve("plain-project"));

    CliRun run = cli().run("hook", "{\"session_id\":\"x\",\"cwd\":\"" + elsewhere + "\"}");

    assertEquals(0, run.status);
    try (var files = Files.list(elsewhere)) {
      assertEquals(0, files.count());
    }
  }
}
