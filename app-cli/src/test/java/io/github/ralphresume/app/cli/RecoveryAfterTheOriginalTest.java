package io.github.ralphresume.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ralphresume.testing.StateDirFixture;
import io.github.ralphresume.testing.TypeScriptOriginal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 17's data loss, with real processes: ours dies after writing its journal and before
 * retiring the source; more than 10 s later (the lock is aged instead of waited for) the TypeScript
 * original runs and completes the transfer itself; then ours runs again. It must keep the
 * original's work: the loop stays active in the target, nothing is deleted, and the journal is set
 * aside for the operator with the reason in the result.
 */
class RecoveryAfterTheOriginalTest {
  @TempDir Path root;

  /**
   * Without a pane, the original's target is byte for byte the one ours would have written, which
   * is the case where the earlier recovery deleted it; with one, its timestamp differs.
   */
  @ParameterizedTest(name = "with a pane: {0}")
  @ValueSource(booleans = {false, true})
  void givenTheOriginalCompletedATransferOursHadJournaled_oursKeepsTheLoop(boolean pane)
      throws Exception {
    TypeScriptOriginal original = TypeScriptOriginal.locate();
    StateDirFixture state = StateDirFixture.resumable(root);
    Map<String, String> env = new HashMap<>();
    env.put("OMX_SESSION_ID", "sess-current");
    // Only the pane the environment names, so neither tool asks a tmux server on this machine.
    env.put("RALPH_RESUME_PANE_LOCATORS", "env");
    if (pane) env.put("TMUX_PANE", "%7");
    String[] args = {
      "--state-dir",
      state.stateDir.toString(),
      "--codex-session-id",
      StateDirFixture.CODEX,
      "--json"
    };

    Map<String, String> halting = new HashMap<>(env);
    halting.put(CrashSwitch.HALT_VARIABLE, "after-journal");
    ChildCli.Result crashed = ChildCli.run(halting, prepend("reconcile", args));
    assertEquals(CrashSwitch.HALT_STATUS, crashed.status(), crashed.toString());
    CrashSafetyTest.ageLeftoverLock(state);

    TypeScriptOriginal.Result theirs = original.reconcile(env, args);
    assertTrue(theirs.out().contains("\"resumed\":true"), theirs.toString());
    String targetByTheOriginal = state.read("sess-current");
    String sourceRetiredByTheOriginal = state.read("sess-prior");

    ChildCli.Result explained =
        ChildCli.run(
            env,
            "explain",
            "--state-dir",
            state.stateDir.toString(),
            "--codex-session-id",
            StateDirFixture.CODEX);
    assertTrue(
        explained.out().contains("Found: source a document this transfer did not write"),
        explained.out());
    assertTrue(explained.out().contains("leave every document as it is"), explained.out());

    ChildCli.Result ours = ChildCli.run(env, prepend("reconcile", args));

    assertEquals(0, ours.status(), ours.err());
    assertTrue(ours.out().contains("\"action\":\"left_for_operator\""), ours.out());
    assertTrue(ours.out().contains("\"foundAtSource\":\"foreign\""), ours.out());
    assertTrue(state.active("sess-current"), "the loop the original moved is still active");
    assertTrue(state.read("sess-current").contains("\"owner_omx_session_id\": \"sess-current\""));
    assertEquals(sourceRetiredByTheOriginal, state.read("sess-prior"), "the source is untouched");
    if (!pane) assertEquals(targetByTheOriginal, state.read("sess-current"));
    assertFalse(Files.exists(state.stateDir.resolve(".ralph-resume-transfer.json")));
    try (Stream<Path> kept = Files.list(state.stateDir)) {
      assertEquals(
          1,
          kept.filter(p -> p.getFileName().toString().endsWith(".left.json")).count(),
          "the journal is kept aside for the operator");
    }
    ChildCli.Result status = ChildCli.run(env, "status", "--state-dir", state.stateDir.toString());
    assertTrue(
        status.out().contains("(sess-prior -> sess-current): left for you: another writer"),
        status.out());
    ChildCli.Result statusJson =
        ChildCli.run(env, "status", "--state-dir", state.stateDir.toString(), "--json");
    assertTrue(statusJson.out().contains("\"status\":\"left_for_operator\""), statusJson.out());
  }

  private static String[] prepend(String first, String[] rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }
}
