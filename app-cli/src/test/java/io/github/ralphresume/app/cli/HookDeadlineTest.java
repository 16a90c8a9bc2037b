package io.github.ralphresume.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ralphresume.testing.StateDirFixture;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hook stuck inside a transfer (a hung disk, say) as Codex runs it: it must end on its own before
 * Codex's hook timeout kills it, because a killed hook neither says why nor releases the lock. The
 * next turn's hook settles the transfer and logs what recovery found.
 */
class HookDeadlineTest {
  @TempDir Path root;

  @Test
  void givenAHookStuckInsideATransfer_itGivesUpBeforeCodexWouldKillIt_andTheNextTurnSettlesIt()
      throws Exception {
    StateDirFixture state = StateDirFixture.resumable(root);
    Map<String, String> env = Map.of("OMX_SESSION_ID", "sess-current", "TMUX_PANE", "%7");
    Map<String, String> stuck = new HashMap<>(env);
    stuck.put(CrashSwitch.PAUSE_VARIABLE, "after-journal:120000");

    Process hook = ChildCli.builder(stuck, "hook").start();
    try (OutputStream stdin = hook.getOutputStream()) {
      stdin.write(sessionStart().getBytes(StandardCharsets.UTF_8));
    }

    assertTrue(
        hook.waitFor(CodexHooks.TIMEOUT_SECONDS, TimeUnit.SECONDS),
        "the hook was still running when Codex would have killed it");
    assertEquals(0, hook.exitValue(), "a hook never fails the turn");
    assertEquals("", new String(hook.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    assertFalse(
        Files.exists(state.stateDir.resolve(".lock.ralph-session-resume")),
        "the lock was released on the way out");
    List<String> log = Files.readAllLines(todaysLog());
    assertEquals(1, log.size(), String.join("\n", log));
    assertTrue(log.get(0).contains("\"type\":\"ralph_session_resume_failure\""), log.get(0));
    assertTrue(log.get(0).contains("did not finish within 20 s"), log.get(0));
    assertTrue(Files.exists(state.stateDir.resolve(".ralph-resume-transfer.json")));

    ChildCli.Result next = ChildCli.run(env, "hook", sessionStart());

    assertEquals(0, next.status(), next.err());
    assertEquals("", next.out());
    CrashSafetyTest.assertSettled(state);
    String recovery =
        Files.readAllLines(todaysLog()).stream()
            .filter(line -> line.contains("\"type\":\"ralph_session_resume_recovery\""))
            .findFirst()
            .orElseThrow();
    assertTrue(
        recovery.contains(
            "\"action\":\"rolled_back\",\"source_omx_session_id\":\"sess-prior\","
                + "\"target_omx_session_id\":\"sess-current\","
                + "\"found_at_source\":\"original_source\",\"found_at_target\":\"missing\""),
        recovery);
  }

  private String sessionStart() {
    return "{\"session_id\":\""
        + StateDirFixture.CODEX
        + "\",\"cwd\":\""
        + root
        + "\",\"hook_event_name\":\"SessionStart\",\"source\":\"resume\"}";
  }

  private Path todaysLog() {
    return root.resolve(".omx/logs/notify-hook-" + LocalDate.now(ZoneOffset.UTC) + ".jsonl");
  }
}
