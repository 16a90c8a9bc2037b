package io.github.ralphresume.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ralphresume.testing.StateDirFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files that would make a reader wait forever, where the state dir's files should be: a FIFO as the
 * current or a prior session's ralph-state.json, or as session.json. Each command, as a real child
 * process, finishes (a hang fails the run after 60 s), treats the file as unreadable, says why in
 * explain and status, and leaves no lock behind.
 */
class HostileFilesTest {
  @TempDir Path root;

  static final Map<String, String> ENV = Map.of("OMX_SESSION_ID", "sess-current");

  @Test
  void givenAFifoAsTheCurrentDocument_everyCommandFinishesAndSaysWhy() throws Exception {
    StateDirFixture state = StateDirFixture.resumable(root);
    mkfifo(state.document("sess-current"));

    ChildCli.Result reconcile = ChildCli.run(ENV, reconcile(state));
    assertEquals(0, reconcile.status(), reconcile.err());
    assertTrue(
        reconcile.out().contains("\"reason\":\"current_ralph_unreadable\""), reconcile.out());

    ChildCli.Result explain = ChildCli.run(ENV, explain(state));
    assertTrue(explain.out().contains("is a FIFO (named pipe), not a regular file"), explain.out());

    ChildCli.Result status = ChildCli.run(ENV, "status", "--state-dir", state.stateDir.toString());
    assertTrue(status.out().contains("unreadable"), status.out());

    ChildCli.Result hook = ChildCli.run(ENV, "hook", payload(state));
    assertEquals(0, hook.status(), hook.err());
    assertTrue(state.active("sess-prior"), "nothing moved onto an unreadable current document");
    assertFalse(Files.exists(state.stateDir.resolve(".lock.ralph-session-resume")));
  }

  @Test
  void givenAFifoAsAPriorDocument_theOtherPriorIsStillResumed() throws Exception {
    StateDirFixture state = StateDirFixture.resumable(root);
    Path fifo = state.document("sess-fifo");
    Files.createDirectories(fifo.getParent());
    mkfifo(fifo);

    ChildCli.Result explain = ChildCli.run(ENV, explain(state));
    assertTrue(
        explain
            .out()
            .contains(
                "sess-fifo: not a candidate: unreadable (" + fifo + " is a FIFO (named pipe)"),
        explain.out());

    ChildCli.Result hook = ChildCli.run(ENV, "hook", payload(state));
    assertEquals(0, hook.status(), hook.err());
    assertTrue(state.active("sess-current"), "the readable prior's loop moved");
    assertFalse(Files.exists(state.stateDir.resolve(".lock.ralph-session-resume")));
  }

  @Test
  void givenAFifoAsSessionJson_theCurrentSessionIsMissingAndExplainSaysWhy() throws Exception {
    StateDirFixture state = StateDirFixture.resumable(root);
    mkfifo(state.stateDir.resolve("session.json"));

    ChildCli.Result reconcile = ChildCli.run(Map.of(), reconcile(state));
    assertEquals(0, reconcile.status(), reconcile.err());
    assertTrue(
        reconcile.out().contains("\"reason\":\"current_omx_session_missing\""), reconcile.out());

    ChildCli.Result explain = ChildCli.run(Map.of(), explain(state));
    assertTrue(explain.out().contains("session.json is unreadable ("), explain.out());
    assertTrue(explain.out().contains("is a FIFO (named pipe)"), explain.out());
  }

  @Test
  void givenAStateDirWhoseNameIsNotUtf8_theCliSaysSoInsteadOfMissing() throws Exception {
    // Java cannot spell the byte 0xFF in a UTF-8 file name: the shell makes the directory and
    // passes the raw bytes on the command line, as a user's shell would.
    List<String> java = ChildCli.builder(Map.of(), "status").command();
    StringBuilder script =
        new StringBuilder("dir=\"$1/st$(printf '\\377')ate\"; mkdir \"$dir\"; exec");
    for (String word : java.subList(0, java.size() - 1)) {
      script.append(" '").append(word.replace("'", "'\\''")).append('\'');
    }
    script.append(" status --state-dir \"$dir\"");
    ProcessBuilder builder =
        new ProcessBuilder("sh", "-c", script.toString(), "sh", root.toString());
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    builder.environment().put("LANG", "C.UTF-8"); // as bin/ralph-resume runs it
    Process process = builder.start();
    process.getOutputStream().close();
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(2, process.waitFor(), err);

    assertEquals(
        "ralph-resume: state dir "
            + root
            + "/st\uFFFDate exists, but its name has bytes that are not valid UTF-8 (each shown"
            + " as U+FFFD); ralph-resume opens UTF-8 paths only: rename the directory\n",
        err);
  }

  private static String[] reconcile(StateDirFixture state) {
    return new String[] {
      "reconcile",
      "--state-dir",
      state.stateDir.toString(),
      "--codex-session-id",
      StateDirFixture.CODEX,
      "--json"
    };
  }

  private static String[] explain(StateDirFixture state) {
    return new String[] {
      "explain",
      "--state-dir",
      state.stateDir.toString(),
      "--codex-session-id",
      StateDirFixture.CODEX
    };
  }

  private static String payload(StateDirFixture state) {
    return "{\"type\":\"agent-turn-complete\",\"session_id\":\""
        + StateDirFixture.CODEX
        + "\",\"cwd\":\""
        + state.project
        + "\"}";
  }

  static void mkfifo(Path file) throws IOException, InterruptedException {
    Process mkfifo = new ProcessBuilder("mkfifo", file.toString()).inheritIO().start();
    assertEquals(0, mkfifo.waitFor(), "mkfifo " + file);
  }
}
