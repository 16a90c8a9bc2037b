package io.github.ralphresume.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ralphresume.testing.StateDirFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hook} as Codex's lifecycle hooks run it (the event's JSON on stdin), and stdin as it can
 * really be: closed, open and silent, too large. The stdin cases run a child JVM, since only a real
 * process has a real descriptor 0.
 */
class HookCommandTest {
  @TempDir Path root;
  StateDirFixture state;

  @BeforeEach
  void setUp() {
    state = StateDirFixture.resumable(root);
  }

  CliRun cli() {
    return CliRun.inCurrentSession();
  }

  Path todaysLog() {
    return root.resolve(".omx/logs/notify-hook-" + LocalDate.now(ZoneOffset.UTC) + ".jsonl");
  }

  String lifecycle(String event, String sessionId) {
    return "{\"session_id\":\""
        + sessionId
        + "\",\"transcript_path\":\"/tmp/rollout.jsonl\",\"cwd\":\""
        + root
        + "\",\"hook_event_name\":\""
        + event
        + "\",\"model\":\"mock-model\",\"permission_mode\":\"bypassPermissions\","
        + "\"source\":\"resume\"}";
  }

  @Test
  void givenASessionStartEventOnStdin_hookMovesTheLoopPrintsNothingAndLogsTheEvent()
      throws Exception {
    CliRun run = cli().stdin(lifecycle("SessionStart", StateDirFixture.CODEX)).run("hook");

    assertEquals(0, run.status, run.err);
    assertEquals("", run.out);
    assertEquals("", run.err);
    assertTrue(state.active("sess-current"));
    assertFalse(state.active("sess-prior"));
    String line = Files.readString(todaysLog());
    assertTrue(
        line.matches(
            "\\{\"timestamp\":\"[^\"]+\",\"type\":\"ralph_session_resume\","
                + "\"hook_event_name\":\"SessionStart\","
                + "\"reason\":\"resumed_same_codex_session\",\"current_omx_session_id\":\"sess-current\","
                + "\"payload_codex_session_id\":\"codex-session-1\",\"source_path\":\"[^\"]+\","
                + "\"target_path\":\"[^\"]+\",\"owner_updated\":false,\"resumed\":true}\n"),
        line);
  }

  @Test
  void givenALegacyLoopOwnedByTheThread_aLifecycleEvent_resumesItBecauseItsSessionIsTheThread() {
    state.write(
        "sess-prior",
        "{\n  \"active\": true,\n  \"current_phase\": \"executing\",\n"
            + "  \"owner_codex_thread_id\": \"thread-7\",\n  \"updated_at\": \""
            + java.time.Instant.now()
            + "\"\n}");

    CliRun run = cli().stdin(lifecycle("UserPromptSubmit", "thread-7")).run("hook");

    assertEquals(0, run.status, run.err);
    assertTrue(state.active("sess-current"), "the loop owned by the thread moved");
    assertTrue(state.read("sess-current").contains("\"owner_codex_session_id\": \"thread-7\""));
  }

  @Test
  void givenTheSameNotifyPayloadWithoutAThread_theLegacyLoopStaysWhereItIs() {
    // The contrast to the test above: notify's reading is the original's, untouched.
    state.write(
        "sess-prior",
        "{\n  \"active\": true,\n  \"current_phase\": \"executing\",\n"
            + "  \"owner_codex_thread_id\": \"thread-7\"\n}");
    String before = state.contents();

    CliRun run = cli().run("hook", "{\"session_id\":\"thread-7\",\"cwd\":\"" + root + "\"}");

    assertEquals(0, run.status, run.err);
    assertEquals(before, state.contents());
  }

  @Test
  void givenALaterTurnsStopEvent_hookChangesNothingAndLogsNothing() {
    cli().stdin(lifecycle("SessionStart", StateDirFixture.CODEX)).run("hook");
    String after = state.contents();
    String log = read(todaysLog());

    CliRun stop = cli().stdin(lifecycle("Stop", StateDirFixture.CODEX)).run("hook");

    assertEquals(0, stop.status, stop.err);
    assertEquals("", stop.out);
    assertEquals(after, state.contents());
    assertEquals(log, read(todaysLog()));
  }

  @Test
  void givenALifecycleEventForAProjectWithoutOmx_hookCreatesNothing() throws Exception {
    Path plain = Files.createDirectories(root.resolve("plain"));
    CliRun run =
        cli()
            .stdin("{\"session_id\":\"s\",\"cwd\":\"" + plain + "\",\"hook_event_name\":\"Stop\"}")
            .run("hook");

    assertEquals(0, run.status);
    assertEquals("", run.out + run.err);
    try (var files = Files.list(plain)) {
      assertEquals(0, files.count());
    }
  }

  @Test
  void givenGarbageOnStdin_hookSaysSoInOneLineAndChangesNothing() {
    String before = state.contents();
    CliRun run = cli().stdin("\u0000\u0001 not json").run("hook");

    assertEquals(0, run.status);
    assertEquals("", run.out);
    assertEquals(
        "ralph-resume hook: the payload is not a JSON object; nothing was reconciled\n", run.err);
    assertEquals(before, state.contents());
  }

  // --- where the event log is written --------------------------------------------------------

  @Test
  void givenTheLogsDirIsASymbolicLink_hookRefusesToWriteThroughIt() throws Exception {
    Path outside = Files.createDirectories(root.resolve("outside"));
    Files.createSymbolicLink(root.resolve(".omx/logs"), outside);

    CliRun run = cli().stdin(lifecycle("SessionStart", StateDirFixture.CODEX)).run("hook");

    assertEquals(0, run.status);
    assertEquals("", run.out);
    assertTrue(state.active("sess-current"), "the reconcile itself still ran");
    assertEquals(
        "ralph-resume hook: the event log's directory "
            + root.resolve(".omx/logs")
            + " is a symbolic link; the event was not logged\n",
        run.err);
    try (var files = Files.list(outside)) {
      assertEquals(0, files.count(), "nothing written outside the project");
    }
  }

  @Test
  void givenTheLogFileIsASymbolicLink_hookRefusesToWriteThroughIt() throws Exception {
    Path outside = root.resolve("outside.txt");
    Files.writeString(outside, "someone else's file\n");
    Files.createDirectories(root.resolve(".omx/logs"));
    Files.createSymbolicLink(todaysLog(), outside);

    CliRun run = cli().stdin(lifecycle("SessionStart", StateDirFixture.CODEX)).run("hook");

    assertEquals(0, run.status);
    assertEquals(
        "ralph-resume hook: the event log "
            + todaysLog()
            + " is a symbolic link; the event was not logged\n",
        run.err);
    assertEquals("someone else's file\n", Files.readString(outside));
  }

  @Test
  void givenADanglingLinkWhereTheLogFileWouldBe_hookCreatesNothingAtItsTarget() throws Exception {
    Path target = root.resolve("elsewhere.jsonl");
    Files.createDirectories(root.resolve(".omx/logs"));
    Files.createSymbolicLink(todaysLog(), target);

    CliRun run = cli().stdin(lifecycle("SessionStart", StateDirFixture.CODEX)).run("hook");

    assertEquals(0, run.status);
    assertTrue(run.err.contains("is a symbolic link; the event was not logged"), run.err);
    assertFalse(Files.exists(target));
  }

  // --- stdin as a real process has it ---------------------------------------------------------

  @Test
  void givenStdinClosed_hookSaysThereIsNoPayload() throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", "-c", "exec \"$@\" <&-", "bash"));
    command.addAll(ChildCli.builder(Map.of(), "hook").command());
    ChildCli.Result result = finish(new ProcessBuilder(command).start(), false);

    assertEquals(0, result.status());
    assertEquals("", result.out());
    assertEquals(
        "ralph-resume hook: no payload: stdin is closed and no payload argument was given;"
            + " nothing was reconciled\n",
        result.err());
  }

  @Test
  void givenStdinOpenAndSilent_hookGivesUpAndSaysNothingArrived() throws Exception {
    Process process = ChildCli.builder(Map.of("OMX_SESSION_ID", "sess-current"), "hook").start();
    // stdin stays open: the test keeps its end of the pipe and writes nothing.
    ChildCli.Result result = finish(process, false);

    assertEquals(0, result.status());
    assertEquals("", result.out());
    assertEquals(
        "ralph-resume hook: no payload: nothing arrived on stdin within 2 s;"
            + " nothing was reconciled\n",
        result.err());
    process.getOutputStream().close();
  }

  @Test
  void givenMoreThan64KiBOnStdin_hookReadsItAllAndSaysItIsTooLarge() throws Exception {
    String before = state.contents();
    Process process = ChildCli.builder(Map.of("OMX_SESSION_ID", "sess-current"), "hook").start();
    String payload =
        lifecycle("Stop", StateDirFixture.CODEX)
            .replace("}", ",\"pad\":\"" + "x".repeat(300_000) + "\"}");
    // The whole payload is written (a writer blocked on a full pipe would hang here).
    process.getOutputStream().write(payload.getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().close();
    ChildCli.Result result = finish(process, true);

    assertEquals(0, result.status());
    assertEquals(
        "ralph-resume hook: the payload is larger than 64 KiB; nothing was reconciled\n",
        result.err());
    assertEquals(before, state.contents());
  }

  @Test
  void givenAnEmptyStdin_hookSaysThereIsNoPayload() {
    CliRun run = cli().stdin("").run("hook");

    assertEquals(0, run.status);
    assertEquals(
        "ralph-resume hook: no payload: stdin is empty; nothing was reconciled\n", run.err);
  }

  private static ChildCli.Result finish(Process process, boolean stdinClosed)
      throws IOException, InterruptedException {
    // A guard against hanging forever, not a timing assertion: the hook gives up on stdin after 2
    // s.
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the hook did not finish: it still waits on stdin");
    }
    return new ChildCli.Result(
        process.exitValue(),
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
