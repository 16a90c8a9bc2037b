package io.github.ralphresume.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ralphresume.testing.StateDirFixture;
import io.github.ralphresume.testing.TypeScriptOriginal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Documents at and past JavaScript's limits, run as a user runs them (child JVMs with a modest
 * heap): the reconcile fails in one line exactly where the original fails, changes nothing, and the
 * hook still exits 0; no OutOfMemoryError, no stack trace. Where the TypeScript original is built,
 * both tools run on the same state and must leave the same bytes.
 */
class BoundedDocumentsTest {
  /** A heap the earlier code ran out of on these documents, and plenty for them now. */
  static final List<String> HEAP = List.of("-Xmx256m");

  static final Map<String, String> ENV =
      Map.of(
          "OMX_SESSION_ID", "sess-current", "TMUX_PANE", "%7", "RALPH_RESUME_PANE_LOCATORS", "env");

  @TempDir Path root;

  /** {@code "deep": [[…[]…]]}, arrays nested {@code arrays} deep. */
  static String nestedArrays(int arrays) {
    return "[".repeat(arrays) + "]".repeat(arrays);
  }

  static String loop(String extraMembers) {
    return "{\"active\":true,\"iteration\":4,\"current_phase\":\"executing\","
        + "\"owner_codex_session_id\":\""
        + StateDirFixture.CODEX
        + "\",\"updated_at\":\""
        + Instant.now().minusSeconds(60)
        + "\""
        + extraMembers
        + "}";
  }

  @ParameterizedTest(name = "{0} nested {1} deep")
  @CsvSource({"current, 100000", "prior, 100000", "current, 5000", "prior, 5000"})
  void givenADocumentTooDeepToWrite_reconcileFailsInOneLineAndChangesNothing(
      String where, int arrays) throws Exception {
    StateDirFixture state = new StateDirFixture(root).session("sess-current");
    String session = where.equals("current") ? "sess-current" : "sess-prior";
    state.write(session, loop(",\"deep\":" + nestedArrays(arrays)));
    String before = state.contents();

    ChildCli.Result reconcile = ChildCli.run(HEAP, ENV, reconcile(state));

    assertEquals(1, reconcile.status(), reconcile.toString());
    assertEquals("", reconcile.out());
    assertTrue(
        reconcile.err().startsWith("ralph-resume: error: ")
            && reconcile.err().contains("nested deeper than 4120 levels")
            && reconcile.err().indexOf('\n') == reconcile.err().length() - 1,
        "one line: " + reconcile.err());
    assertEquals(before, state.contents(), "nothing changed");

    ChildCli.Result hook = ChildCli.run(HEAP, ENV, "hook", payload(state));

    assertEquals(0, hook.status(), hook.toString());
    assertTrue(hook.err().contains("reconcile failed: "), hook.err());
    assertFalse(hook.err().contains("\tat "), "no stack trace: " + hook.err());
    // The hook's event log is in <project>/.omx/logs, outside the state dir.
    assertEquals(before, state.contents(), "nothing changed");
  }

  @ParameterizedTest(name = "value depth {0}")
  @ValueSource(ints = {4120, 4121})
  void givenADocumentAtTheOriginalsDepthLimit_bothToolsDecideAndWriteAlike(int depth)
      throws Exception {
    TypeScriptOriginal original = TypeScriptOriginal.locate();
    // The root object is depth 1, "deep" holds arrays down to an empty one at `depth`.
    String document = loop(",\"deep\":" + nestedArrays(depth - 1));
    StateDirFixture ours =
        new StateDirFixture(root.resolve("ours"))
            .session("sess-current")
            .write("sess-current", document);
    StateDirFixture theirs =
        new StateDirFixture(root.resolve("theirs"))
            .session("sess-current")
            .write("sess-current", document);

    ChildCli.Result ourRun = ChildCli.run(HEAP, ENV, reconcile(ours));
    TypeScriptOriginal.Result theirRun = original.reconcile(ENV, args(theirs));

    assertEquals(theirRun.status(), ourRun.status(), ourRun + " vs " + theirRun);
    assertEquals(depth <= 4120 ? 0 : 1, ourRun.status());
    assertEquals(masked(theirs.read("sess-current")), masked(ours.read("sess-current")));
  }

  @ParameterizedTest(name = "owner id nested {0} deep")
  @ValueSource(ints = {3168, 3169})
  void givenAnOwnerIdNestedAtTheOriginalsLimit_bothToolsDecideAlike(int arrays) throws Exception {
    TypeScriptOriginal original = TypeScriptOriginal.locate();
    String owner = "[".repeat(arrays) + "\"" + StateDirFixture.CODEX + "\"" + "]".repeat(arrays);
    String document =
        "{\"active\":true,\"current_phase\":\"executing\",\"owner_codex_session_id\":"
            + owner
            + ",\"updated_at\":\""
            + Instant.now().minusSeconds(60)
            + "\"}";
    StateDirFixture ours =
        new StateDirFixture(root.resolve("ours"))
            .session("sess-current")
            .write("sess-prior", document);
    StateDirFixture theirs =
        new StateDirFixture(root.resolve("theirs"))
            .session("sess-current")
            .write("sess-prior", document);

    ChildCli.Result ourRun = ChildCli.run(HEAP, ENV, reconcile(ours));
    TypeScriptOriginal.Result theirRun = original.reconcile(ENV, args(theirs));

    assertEquals(theirRun.status(), ourRun.status(), ourRun + " vs " + theirRun);
    if (arrays == 3168) {
      assertTrue(ourRun.out().contains("\"resumed\":true"), ourRun.out());
    } else {
      assertTrue(ourRun.err().contains("nested deeper than 3168 levels"), ourRun.err());
    }
    assertEquals(ours.exists("sess-current"), theirs.exists("sess-current"));
  }

  @ParameterizedTest(name = "heap {0}")
  @ValueSource(strings = {"-Xmx64m", "-Xmx256m"})
  void givenALargeDocument_itIsRewrittenWithinAFewTimesItsSizeOrRefusedClearly(String heap)
      throws Exception {
    StateDirFixture state = new StateDirFixture(root).session("sess-current");
    String big = "x".repeat(24 * 1024 * 1024);
    state.write("sess-current", loop(",\"notes\":\"" + big + "\""));
    String before = state.read("sess-current");

    ChildCli.Result run = ChildCli.run(List.of(heap), ENV, reconcile(state));

    assertFalse(run.err().contains("OutOfMemoryError"), run.err());
    if (heap.equals("-Xmx64m")) {
      // 24 MB cannot be rewritten in 64 MB of heap: said so, before running out of it.
      assertEquals(1, run.status(), run.toString());
      assertTrue(run.err().contains("MB of memory to rewrite"), run.err());
      assertEquals(before, state.read("sess-current"));
      ChildCli.Result hook = ChildCli.run(List.of(heap), ENV, "hook", payload(state));
      assertEquals(0, hook.status(), hook.toString());
    } else {
      assertEquals(0, run.status(), run.toString());
      assertTrue(run.out().contains("\"updatedCurrentOwner\":true"), run.out());
      String after = state.read("sess-current");
      assertTrue(after.contains("\"notes\": \"" + big + "\""), "the large member is kept");
      assertTrue(after.contains("\"tmux_pane_id\": \"%7\""));
    }
  }

  private static String masked(String document) {
    return document.replaceAll("\"tmux_pane_set_at\": \"[^\"]*\"", "\"tmux_pane_set_at\": <NOW>");
  }

  private static String[] reconcile(StateDirFixture state) {
    String[] args = args(state);
    String[] all = new String[args.length + 1];
    all[0] = "reconcile";
    System.arraycopy(args, 0, all, 1, args.length);
    return all;
  }

  private static String[] args(StateDirFixture state) {
    return new String[] {
      "--state-dir",
      state.stateDir.toString(),
      "--codex-session-id",
      StateDirFixture.CODEX,
      "--json"
    };
  }

  private static String payload(StateDirFixture state) {
    return "{\"session_id\":\"" + StateDirFixture.CODEX + "\",\"cwd\":\"" + state.project + "\"}";
  }
}
