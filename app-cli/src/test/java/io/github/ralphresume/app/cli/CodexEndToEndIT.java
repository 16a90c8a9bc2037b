package io.github.ralphresume.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ralph-resume wired into the real Codex CLI by {@code install codex}, as a user does it: Codex
 * 0.171.0 runs our lifecycle hooks through {@code bin/ralph-resume} from this build, against a
 * local mock of the Responses API, with a throwaway {@code CODEX_HOME}. Trust is the one step a
 * person takes in Codex's {@code /hooks} view; here {@code --dangerously-bypass-hook-trust} stands
 * for it. Needs the codex binary ({@link RealCodex}); CI installs it.
 */
class CodexEndToEndIT {
  @TempDir Path root;
  MockResponsesApi api;
  Path codexHome;
  Path project;

  @BeforeEach
  void setUp() throws IOException {
    RealCodex.binary();
    api = MockResponsesApi.start();
    codexHome = RealCodex.home(root.resolve("codex-home"), api);
    project = Files.createDirectories(root.resolve("project"));
  }

  @AfterEach
  void tearDown() {
    if (api != null) api.close();
  }

  static Path launcher() {
    return Path.of("").toAbsolutePath().getParent().resolve("bin").resolve("ralph-resume");
  }

  /** What Codex passes on to its hooks: the environment OMX would start it with. */
  Map<String, String> environment(String omxSession) {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("HOME", root.resolve("home").toString());
    env.put("CODEX_HOME", codexHome.toString());
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("LANG", "C.UTF-8");
    // One class-data archive for the whole run, recorded by the first hook.
    env.put("RALPH_RESUME_CACHE", Path.of("target", "e2e-cache").toAbsolutePath().toString());
    // No tmux server here, whatever runs on this machine.
    env.put("TMUX_TMPDIR", root.toString());
    if (omxSession != null) env.put("OMX_SESSION_ID", omxSession);
    return env;
  }

  /** {@code ralph-resume ARGS} through the real launcher, as a user types it. */
  ChildCli.Result ralphResume(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(launcher().toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile());
    builder.environment().clear();
    builder.environment().putAll(environment(null));
    builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(120, TimeUnit.SECONDS));
    return new ChildCli.Result(process.exitValue(), out, err);
  }

  Path stateDir() {
    return project.resolve(".omx").resolve("state");
  }

  Path document(String session) {
    return stateDir().resolve("sessions").resolve(session).resolve("ralph-state.json");
  }

  /** OMX makes a session's directory when it starts the session. */
  void omxStarts(String session) throws IOException {
    Files.createDirectories(stateDir().resolve("sessions").resolve(session));
  }

  /** A Ralph loop as OMX writes it ({@code JSON.stringify(state, null, 2)}), owned by Codex. */
  void omxWritesLoop(String session, String codexSessionId) throws IOException {
    String now = Instant.now().toString();
    Files.writeString(
        document(session),
        "{\n"
            + "  \"active\": true,\n"
            + "  \"mode\": \"ralph\",\n"
            + "  \"iteration\": 1,\n"
            + "  \"max_iterations\": 10,\n"
            + "  \"current_phase\": \"executing\",\n"
            + "  \"task_description\": \"make the build green\",\n"
            + "  \"started_at\": \""
            + now
            + "\",\n"
            + "  \"updated_at\": \""
            + now
            + "\",\n"
            + "  \"owner_omx_session_id\": \""
            + session
            + "\",\n"
            + "  \"owner_codex_session_id\": \""
            + codexSessionId
            + "\"\n"
            + "}");
  }

  List<String> logLines() throws IOException {
    Path logs = project.resolve(".omx").resolve("logs");
    if (!Files.isDirectory(logs)) return List.of();
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(logs)) {
      for (Path file : files.sorted().toList()) lines.addAll(Files.readAllLines(file));
    }
    return lines;
  }

  String snapshot(Path dir) throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted().toList()) {
        all.append(dir.relativize(file)).append('\n');
        if (Files.isRegularFile(file)) all.append(Files.readString(file)).append('\n');
      }
    }
    return all.toString();
  }

  /** A new conversation under OMX session A, with a loop OMX then writes for it. */
  String conversationWithALoopInA() throws Exception {
    omxStarts("omx-a");
    RealCodex.Turn first = RealCodex.exec(project, environment("omx-a"), null, "start the loop");
    assertEquals(0, first.status(), first.stderr());
    assertEquals(List.of(MockResponsesApi.answer(1)), first.answers());
    String codexSession = first.threadId();
    omxWritesLoop("omx-a", codexSession);
    omxStarts("omx-b");
    return codexSession;
  }

  @Test
  void givenInstallCodex_aResumedConversation_movesItsLoopToTheNewOmxSessionExactlyOnce()
      throws Exception {
    ChildCli.Result install = ralphResume("install", "codex");
    assertEquals(0, install.status(), install.err());
    assertTrue(
        Files.readString(codexHome.resolve("hooks.json"))
            .contains("\"command\": \"" + launcher() + " hook\""));

    String codexSession = conversationWithALoopInA();
    assertEquals(List.of(), logLines(), "the first conversation had no loop to move");

    RealCodex.Turn resumed =
        RealCodex.exec(project, environment("omx-b"), codexSession, "keep going");

    assertEquals(0, resumed.status(), resumed.stderr());
    assertEquals(codexSession, resumed.threadId());
    assertEquals(List.of(MockResponsesApi.answer(2)), resumed.answers(), "the answer is intact");
    String moved = Files.readString(document("omx-b"));
    assertTrue(moved.contains("\"active\": true"), moved);
    assertTrue(moved.contains("\"owner_omx_session_id\": \"omx-b\""), moved);
    assertTrue(moved.contains("\"owner_codex_session_id\": \"" + codexSession + "\""), moved);
    assertTrue(moved.contains("\"task_description\": \"make the build green\""), moved);
    String retired = Files.readString(document("omx-a"));
    assertTrue(retired.contains("\"active\": false"), retired);
    assertTrue(retired.contains("\"stop_reason\": \"ownership_transferred\""), retired);
    List<String> log = logLines();
    assertEquals(1, log.size(), "moved exactly once: " + log);
    assertTrue(log.get(0).contains("\"hook_event_name\":\"SessionStart\""), log.get(0));
    assertTrue(log.get(0).contains("\"resumed\":true"), log.get(0));
    assertTrue(
        log.get(0).contains("\"payload_codex_session_id\":\"" + codexSession + "\""), log.get(0));
    // SessionStart's stdout would have reached the model as a developer message.
    for (MockResponsesApi.Request request : api.requests()) {
      assertFalse(request.body().contains("ralph-resume"), "the model saw the hook's output");
      assertEquals(codexSession, request.sessionIdHeader());
    }

    // A later turn: the loop stays where it is, byte for byte.
    String before = snapshot(stateDir());
    RealCodex.Turn later = RealCodex.exec(project, environment("omx-b"), codexSession, "and again");

    assertEquals(0, later.status(), later.stderr());
    assertEquals(List.of(MockResponsesApi.answer(3)), later.answers());
    assertEquals(before, snapshot(stateDir()));
    assertEquals(log, logLines());
  }

  @Test
  void givenAProjectWithoutOmx_aTurnWithTheHooks_leavesItUntouched() throws Exception {
    assertEquals(0, ralphResume("install", "codex").status());

    RealCodex.Turn turn = RealCodex.exec(project, environment("omx-a"), null, "hello");

    assertEquals(0, turn.status(), turn.stderr());
    assertEquals(List.of(MockResponsesApi.answer(1)), turn.answers());
    try (Stream<Path> entries = Files.list(project)) {
      assertEquals(List.of(), entries.toList(), "nothing created in the project");
    }
  }

  @Test
  void givenTheLockHeldByAnotherProcess_theHooksGiveUpQuietlyAndTheTurnGoesOn() throws Exception {
    // A recording wrapper around the real launcher: what each hook run exits with and prints.
    Path runs = root.resolve("hook-runs");
    Path wrapper = root.resolve("wrapper").resolve("ralph-resume");
    Files.createDirectories(wrapper.getParent());
    Files.writeString(
        wrapper,
        "#!/bin/bash\n"
            + "out=$(\""
            + launcher()
            + "\" \"$@\")\n"
            + "status=$?\n"
            + "echo \"$status ${#out}\" >> '"
            + runs
            + "'\n"
            + "printf '%s' \"$out\"\n"
            + "exit $status\n");
    Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
    ChildCli.Result install = ralphResume("install", "codex", "--command", wrapper.toString());
    assertEquals(0, install.status(), install.err());
    String codexSession = conversationWithALoopInA();
    Files.deleteIfExists(runs);
    String loopInA = Files.readString(document("omx-a"));

    // Another reconciler holds the lock and keeps it fresh all through the turn.
    Path lock = Files.createDirectories(stateDir().resolve(".lock.ralph-session-resume"));
    Files.writeString(lock.resolve("owner"), ProcessHandle.current().pid() + ".1.holder");
    Thread heartbeat =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                try {
                  Files.setLastModifiedTime(lock, FileTime.from(Instant.now()));
                  Thread.sleep(500);
                } catch (IOException | InterruptedException stop) {
                  return;
                }
              }
            });
    heartbeat.start();
    RealCodex.Turn blocked;
    try {
      blocked = RealCodex.exec(project, environment("omx-b"), codexSession, "keep going");
    } finally {
      heartbeat.interrupt();
      heartbeat.join();
    }

    assertEquals(0, blocked.status(), blocked.stderr());
    assertEquals(List.of(MockResponsesApi.answer(2)), blocked.answers(), "the turn went on");
    assertEquals(
        List.of("0 0", "0 0", "0 0"),
        Files.readAllLines(runs),
        "each of the three hooks exited 0 and printed nothing");
    assertEquals(loopInA, Files.readString(document("omx-a")), "the loop stayed where it was");
    assertFalse(Files.exists(document("omx-b")));
    assertEquals(List.of(), logLines());

    // Once the lock is free, the next turn moves the loop: nothing was lost meanwhile.
    Files.delete(lock.resolve("owner"));
    Files.delete(lock);
    RealCodex.Turn next = RealCodex.exec(project, environment("omx-b"), codexSession, "go on");

    assertEquals(0, next.status(), next.stderr());
    assertTrue(Files.readString(document("omx-b")).contains("\"owner_omx_session_id\": \"omx-b\""));
    assertTrue(Files.readString(document("omx-a")).contains("\"active\": false"));
  }
}
