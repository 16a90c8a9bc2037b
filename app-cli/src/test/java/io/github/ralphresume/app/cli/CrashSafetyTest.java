package io.github.ralphresume.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ralphresume.testing.StateDirFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Crash safety with real processes: the CLI runs as a child JVM that is halted at a named step or
 * SIGKILLed at a random moment, a fresh reconcile follows, and the invariants are checked: never
 * two active owners of the loop, the loop never lost, the lock never left behind.
 *
 * <p>The random-kill count is {@code -Dralph.crash.kills=N} (CI runs a few dozen; the {@code
 * crash-full} profile runs 200).
 */
class CrashSafetyTest {
  @TempDir Path root;

  Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("OMX_SESSION_ID", "sess-current");
    env.put("TMUX_PANE", "%7");
    for (int i = 0; i < pairs.length; i += 2) env.put(pairs[i], pairs[i + 1]);
    return env;
  }

  String[] reconcile(StateDirFixture state) {
    return new String[] {
      "reconcile",
      "--state-dir",
      state.stateDir.toString(),
      "--codex-session-id",
      StateDirFixture.CODEX,
      "--json"
    };
  }

  /** Exactly one active owner, in the current session; the prior retired; no lock left. */
  static void assertSettled(StateDirFixture state) {
    assertTrue(state.active("sess-current"), "the current session owns the loop");
    assertTrue(state.read("sess-current").contains("\"owner_omx_session_id\": \"sess-current\""));
    assertFalse(state.active("sess-prior"), "the prior no longer drives the agent");
    assertTrue(state.read("sess-prior").contains("\"stop_reason\": \"ownership_transferred\""));
    assertFalse(
        Files.exists(state.stateDir.resolve(".lock.ralph-session-resume")), "lock released");
  }

  /** Never two active owners, and the loop is somewhere: source, target or journal. */
  static void assertNeverTwoOwnersNorLost(StateDirFixture state) throws Exception {
    boolean source = state.active("sess-prior");
    boolean target = state.active("sess-current");
    assertFalse(source && target, "two active owners of one loop");
    Path journal = state.stateDir.resolve(".ralph-resume-transfer.json");
    boolean journaled =
        Files.exists(journal) && Files.readString(journal).contains("\"status\": \"prepared\"");
    assertTrue(source || target || journaled, "the loop was lost");
  }

  /**
   * A dead holder's lock is recovered once its 10 s stale window has passed, as the next agent turn
   * would find it; the tests age it instead of waiting.
   */
  static void ageLeftoverLock(StateDirFixture state) throws Exception {
    Path lock = state.stateDir.resolve(".lock.ralph-session-resume");
    if (Files.exists(lock)) {
      Files.setLastModifiedTime(
          lock, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 11_000));
    }
  }

  @ParameterizedTest(name = "halt at {0}")
  @ValueSource(
      strings = {
        "after-journal", "after-source", "after-target", "before-commit",
        "write-temp-synced#1", "write-renamed#1", "write-temp-synced#2", "write-renamed#2",
        "write-temp-synced#3", "write-renamed#3"
      })
  void givenTheCliDiesAtAStep_theNextReconcileSettlesTheTransfer(String step) throws Exception {
    StateDirFixture state = StateDirFixture.resumable(root);

    ChildCli.Result crashed = ChildCli.run(env(CrashSwitch.HALT_VARIABLE, step), reconcile(state));
    assertEquals(CrashSwitch.HALT_STATUS, crashed.status(), "halted at " + step + ": " + crashed);
    assertNeverTwoOwnersNorLost(state);
    ageLeftoverLock(state);
    Path journal = state.stateDir.resolve(".ralph-resume-transfer.json");
    boolean leftPrepared =
        Files.exists(journal) && Files.readString(journal).contains("\"status\": \"prepared\"");

    ChildCli.Result next = ChildCli.run(env(), reconcile(state));

    assertEquals(0, next.status(), next.err());
    assertEquals(
        leftPrepared,
        next.out().contains("\"recovery\":{"),
        "recovery is reported exactly when a transfer was left half done: " + next.out());
    assertSettled(state);
    try (var leftovers = Files.walk(state.stateDir)) {
      assertEquals(
          List.of(),
          leftovers.filter(p -> p.getFileName().toString().contains(".tmp-")).toList(),
          "crashed writers' temp files are removed");
    }
  }

  @Test
  void givenTheTestSwitch_theShippedCliIgnoresIt() throws Exception {
    StateDirFixture state = StateDirFixture.resumable(root);

    ChildCli.Result run =
        ChildCli.run(
            ChildCli.builder(
                Main.class,
                List.of(),
                env(CrashSwitch.HALT_VARIABLE, "after-journal"),
                reconcile(state)));

    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().contains("\"resumed\":true"), run.out());
    assertSettled(state);
  }

  @Test
  void givenRandomSigkills_theInvariantsHoldAfterEveryOne() throws Exception {
    int kills = Integer.getInteger("ralph.crash.kills", 12);
    Random random = new Random(Long.getLong("ralph.crash.seed", 20261127L));
    for (int i = 0; i < kills; i++) {
      Path dir = Files.createDirectory(root.resolve("kill-" + i));
      StateDirFixture state = StateDirFixture.resumable(dir);
      Process child = ChildCli.builder(env(), reconcile(state)).start();
      child.getOutputStream().close();
      Thread.sleep(random.nextInt(700));
      child.destroyForcibly(); // SIGKILL
      child.waitFor(30, TimeUnit.SECONDS);
      assertNeverTwoOwnersNorLost(state);

      ageLeftoverLock(state);
      ChildCli.Result next = ChildCli.run(env(), reconcile(state));
      assertEquals(0, next.status(), "run " + i + ": " + next.err());
      assertSettled(state);
    }
  }

  @Test
  void givenSixteenConcurrentClis_exactlyOneTransfers() throws Exception {
    StateDirFixture state = StateDirFixture.resumable(root);
    List<Process> processes = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      Process process = ChildCli.builder(env("TMUX_PANE", "%" + i), reconcile(state)).start();
      process.getOutputStream().close();
      processes.add(process);
    }
    int resumed = 0;
    for (Process process : processes) {
      assertTrue(process.waitFor(60, TimeUnit.SECONDS));
      String out = new String(process.getInputStream().readAllBytes());
      assertEquals(0, process.exitValue(), new String(process.getErrorStream().readAllBytes()));
      if (out.contains("\"resumed\":true")) resumed++;
    }
    assertEquals(1, resumed);
    assertSettled(state);
  }

  @Test
  void givenAHolderSlowerThanTheStaleWindow_nobodyStealsItsLock() throws Exception {
    StateDirFixture state = StateDirFixture.resumable(root);
    Process slow =
        ChildCli.builder(env(CrashSwitch.PAUSE_VARIABLE, "after-journal:12000"), reconcile(state))
            .start();
    slow.getOutputStream().close();
    Path lock = state.stateDir.resolve(".lock.ralph-session-resume");
    long deadline = System.currentTimeMillis() + 10_000;
    while (!Files.exists(state.stateDir.resolve(".ralph-resume-transfer.json"))
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    Thread.sleep(6_000); // past half the window: only the heartbeat keeps the lock fresh

    ChildCli.Result other = ChildCli.run(env("TMUX_PANE", "%8"), reconcile(state));

    assertTrue(other.out().contains("\"reason\":\"resume_lock_timeout\""), other.out());
    assertTrue(slow.waitFor(60, TimeUnit.SECONDS));
    assertTrue(new String(slow.getInputStream().readAllBytes()).contains("\"resumed\":true"));
    assertSettled(state);
    assertFalse(Files.exists(lock));
  }

  @Test
  void givenATypeScriptStyleLockLeftByADeadProcess_itIsRecovered() throws Exception {
    StateDirFixture state = StateDirFixture.resumable(root);
    Path lock = Files.createDirectory(state.stateDir.resolve(".lock.ralph-session-resume"));
    Files.writeString(lock.resolve("owner"), "99999.1700000000000.deadbeef");
    Files.setLastModifiedTime(
        lock, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 11_000));

    ChildCli.Result run = ChildCli.run(env(), reconcile(state));

    assertTrue(run.out().contains("\"resumed\":true"), run.out() + run.err());
    assertSettled(state);
  }
}
