package io.github.ralphresume.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ralphresume.testing.StateDirFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A CLI stopped by SIGTERM or SIGINT while it holds the resume lock releases the lock on its way
 * out, so the next reconciler (ours or the TypeScript tool) does not wait for it to go stale; the
 * transfer it interrupted is settled by the next reconcile as after a crash.
 */
class SignalReleaseTest {
  @TempDir Path root;

  @ParameterizedTest(name = "SIG{0}")
  @ValueSource(strings = {"TERM", "INT"})
  void givenASignalWhileHoldingTheLock_theLockIsReleasedOnTheWayOut(String signal)
      throws Exception {
    StateDirFixture state = StateDirFixture.resumable(root);
    Map<String, String> env = Map.of("OMX_SESSION_ID", "sess-current", "TMUX_PANE", "%7");
    Map<String, String> pausing =
        Map.of(
            "OMX_SESSION_ID",
            "sess-current",
            "TMUX_PANE",
            "%7",
            CrashSwitch.PAUSE_VARIABLE,
            "after-journal:60000");
    String[] reconcile = {
      "reconcile",
      "--state-dir",
      state.stateDir.toString(),
      "--codex-session-id",
      StateDirFixture.CODEX,
      "--json"
    };
    Process child = ChildCli.builder(pausing, reconcile).start();
    child.getOutputStream().close();
    Path journal = state.stateDir.resolve(".ralph-resume-transfer.json");
    Path lock = state.stateDir.resolve(".lock.ralph-session-resume");
    long until = System.currentTimeMillis() + 30_000;
    while (!Files.exists(journal) && System.currentTimeMillis() < until) Thread.sleep(20);
    assertTrue(Files.exists(lock), "the child holds the lock, paused after its journal");

    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).start();
    assertEquals(0, kill.waitFor());

    assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the signal ended the process");
    assertFalse(Files.exists(lock), "the lock was released on the way out");
    ChildCli.Result next = ChildCli.run(env, reconcile);
    assertEquals(0, next.status(), next.err());
    assertTrue(next.out().contains("\"resumed\":true"), next.out());
    assertTrue(next.out().contains("\"action\":\"rolled_back\""), next.out());
    CrashSafetyTest.assertSettled(state);
  }
}
