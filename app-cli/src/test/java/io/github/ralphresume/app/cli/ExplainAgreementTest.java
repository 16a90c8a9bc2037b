package io.github.ralphresume.app.cli;

import static io.github.ralphresume.testing.StateDirFixture.ralph;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ralphresume.adapters.fs.FileRalphStateStore;
import io.github.ralphresume.adapters.fs.FileTransferJournal;
import io.github.ralphresume.adapters.fs.JavaScriptJson;
import io.github.ralphresume.domain.json.JsonObject;
import io.github.ralphresume.domain.json.JsonText;
import io.github.ralphresume.domain.model.Candidate;
import io.github.ralphresume.domain.model.CandidateVerdict;
import io.github.ralphresume.domain.model.CurrentSession;
import io.github.ralphresume.domain.model.Explanation;
import io.github.ralphresume.domain.model.JournalEntry;
import io.github.ralphresume.domain.model.OmxSessionId;
import io.github.ralphresume.domain.model.RalphDocument;
import io.github.ralphresume.domain.model.ReconcileOutcome;
import io.github.ralphresume.domain.model.Recovery;
import io.github.ralphresume.domain.model.ResumeReason;
import io.github.ralphresume.domain.model.StoredDocument;
import io.github.ralphresume.domain.model.Transfer;
import io.github.ralphresume.testing.StateDirFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code explain} never disagrees with {@code reconcile}: on the reference scenarios and on seeded
 * random state dirs, an explanation followed by a reconcile of the same dir yields the same
 * outcome, the explanation's planned writes are exactly the bytes the reconcile then leaves, and
 * the explanation itself changes nothing.
 */
class ExplainAgreementTest {
  static final String FRESH = "2026-02-22T11:59:00.000Z";
  static final String CODEX = "codex-session-1";

  @TempDir Path root;

  record Payload(String codexSessionId, String threadId) {}

  static Arguments scenario(String name, Payload payload, Consumer<StateDirFixture> setup) {
    return Arguments.of(name, payload, setup);
  }

  static String lines(String... lines) {
    return String.join("\n", lines);
  }

  /** The setups of the sixteen reference scenarios (REFERENCE.md, ReferenceScenariosTest). */
  static Stream<Arguments> referenceScenarios() {
    Payload session = new Payload(CODEX, "");
    String matching =
        ralph(
            "\"owner_codex_session_id\": \"codex-session-1\",\n  \"updated_at\": \""
                + FRESH
                + "\"");
    return Stream.of(
        scenario(
            "01 resume by session",
            session,
            s ->
                s.currentSession("sess-current")
                    .pane("%99")
                    .write(
                        "sess-prior",
                        ralph(
                            lines(
                                "\"owner_codex_session_id\": \"codex-session-1\",",
                                "  \"tmux_pane_id\": \"%42\",",
                                "  \"updated_at\": \"" + FRESH + "\"")))),
        scenario(
            "02 current active claims owners",
            session,
            s ->
                s.currentSession("sess-current")
                    .pane("%99")
                    .write("sess-current", ralph("\"updated_at\": \"" + FRESH + "\""))
                    .write("sess-prior", matching)),
        scenario(
            "03 legacy thread owner kept",
            new Payload("", "thread-1"),
            s ->
                s.currentSession("sess-current")
                    .pane("%99")
                    .write(
                        "sess-current",
                        ralph(
                            lines(
                                "\"owner_codex_thread_id\": \"thread-1\",",
                                "  \"updated_at\": \"" + FRESH + "\"")))),
        scenario(
            "04 thread-only prior adopted",
            new Payload("", "thread-1"),
            s ->
                s.currentSession("sess-current")
                    .write(
                        "sess-prior",
                        ralph(
                            lines(
                                "\"owner_codex_thread_id\": \"thread-1\",",
                                "  \"updated_at\": \"" + FRESH + "\"")))),
        scenario(
            "05 stale current abandoned",
            session,
            s -> {
              s.currentSession("sess-current").pane("%99");
              s.env.put("OMX_RALPH_ACTIVE_STATE_STALE_MS", "1000");
              s.write("sess-current", ralph("\"updated_at\": \"2026-02-22T11:00:00.000Z\""));
            }),
        scenario(
            "06 fresh last turn keeps current",
            session,
            s -> {
              s.currentSession("sess-current");
              s.env.put("OMX_RALPH_ACTIVE_STATE_STALE_MS", "1000");
              s.write(
                  "sess-current",
                  ralph(
                      lines(
                          "\"owner_omx_session_id\": \"sess-current\",",
                          "  \"owner_codex_session_id\": \"codex-session-1\",",
                          "  \"updated_at\": \"2026-02-22T11:00:00.000Z\",",
                          "  \"last_turn_at\": \"2026-02-22T11:59:59.500Z\"")));
            }),
        scenario(
            "07 stale matching prior abandoned",
            session,
            s -> {
              s.currentSession("sess-current");
              s.env.put("OMX_RALPH_ACTIVE_STATE_STALE_MS", "1000");
              s.write(
                  "sess-prior",
                  ralph(
                      lines(
                          "\"owner_codex_session_id\": \"codex-session-1\",",
                          "  \"updated_at\": \"2026-02-22T11:59:58.000Z\"")));
            }),
        scenario(
            "08 interrupted prior not resumed",
            session,
            s ->
                s.currentSession("sess-current")
                    .write(
                        "sess-prior",
                        "{\"active\":true,\"current_phase\":\"interrupted\","
                            + "\"owner_codex_session_id\":\"codex-session-1\",\"updated_at\":\""
                            + FRESH
                            + "\"}")),
        scenario(
            "09a other codex session",
            session,
            s ->
                s.currentSession("sess-current")
                    .write(
                        "sess-prior",
                        ralph(
                            "\"owner_codex_session_id\": \"codex-session-2\",\n"
                                + "  \"updated_at\": \""
                                + FRESH
                                + "\""))),
        scenario(
            "09b two matching priors",
            session,
            s ->
                s.currentSession("sess-current")
                    .write("sess-prior", matching)
                    .write("sess-prior-2", matching)),
        scenario(
            "10 legacy thread prior resumed",
            new Payload(CODEX, "thread-1"),
            s ->
                s.currentSession("sess-current")
                    .write(
                        "sess-prior",
                        ralph(
                            lines(
                                "\"owner_codex_thread_id\": \"thread-1\",",
                                "  \"updated_at\": \"" + FRESH + "\"")))),
        scenario(
            "11 other session same thread",
            new Payload(CODEX, "thread-1"),
            s ->
                s.currentSession("sess-current")
                    .write(
                        "sess-prior",
                        ralph(
                            lines(
                                "\"owner_codex_session_id\": \"codex-session-2\",",
                                "  \"owner_codex_thread_id\": \"thread-1\",",
                                "  \"updated_at\": \"" + FRESH + "\"")))),
        scenario(
            "12 no owners no thread",
            session,
            s ->
                s.currentSession("sess-current")
                    .write("sess-prior", ralph("\"updated_at\": \"" + FRESH + "\""))),
        scenario(
            "13 blocked on user",
            session,
            s ->
                s.currentSession("sess-current")
                    .write(
                        "sess-prior",
                        "{\"active\":false,\"current_phase\":\"blocked_on_user\","
                            + "\"owner_codex_session_id\":\"codex-session-1\",\"updated_at\":\""
                            + FRESH
                            + "\"}")),
        scenario(
            "14a inactive current blocks",
            session,
            s ->
                s.currentSession("sess-current")
                    .write("sess-current", "{\"active\":false,\"current_phase\":\"complete\"}")
                    .write("sess-prior", matching)),
        scenario(
            "14b unreadable current blocks",
            session,
            s ->
                s.currentSession("sess-current")
                    .write("sess-current", "{ \"active\": true")
                    .write("sess-prior", matching)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("referenceScenarios")
  void givenAReferenceScenario_explainThenReconcile_agree(
      String name, Payload payload, Consumer<StateDirFixture> setup) {
    StateDirFixture dir = new StateDirFixture(root);
    setup.accept(dir);

    assertAgree(dir, payload);
  }

  @Test
  void givenTwoHundredRandomStateDirs_explainThenReconcile_agree() throws Exception {
    Random random = new Random(20260222L);
    Set<ResumeReason> seen = EnumSet.noneOf(ResumeReason.class);
    for (int i = 0; i < 200; i++) {
      StateDirFixture dir = new StateDirFixture(Files.createDirectory(root.resolve("dir-" + i)));
      Payload payload = RandomStateDirs.fill(dir, random, StateDirFixture.NOW, true);
      ReconcileOutcome outcome = assertAgree(dir, payload);
      seen.add(outcome.reason());
    }
    // The generator must reach every decision a reconcile can make without a held lock.
    assertEquals(EnumSet.complementOf(EnumSet.of(ResumeReason.RESUME_LOCK_TIMEOUT)), seen);
  }

  @Test
  void givenTwoHundredRandomStateDirs_explainJsonAndReconcileJson_printTheSameResult()
      throws Exception {
    Random random = new Random(4242L);
    for (int i = 0; i < 200; i++) {
      StateDirFixture dir = new StateDirFixture(Files.createDirectory(root.resolve("cli-" + i)));
      // Real time, as the commands read it; ages stay well clear of every threshold.
      Payload payload = RandomStateDirs.fill(dir, random, Instant.now(), false);
      List<String> ids = new ArrayList<>(List.of("--state-dir", dir.stateDir.toString(), "--json"));
      if (!payload.codexSessionId().isEmpty() || random.nextBoolean()) {
        ids.addAll(List.of("--codex-session-id", payload.codexSessionId()));
      }
      if (!payload.threadId().isEmpty()) ids.addAll(List.of("--thread-id", payload.threadId()));
      Map<String, String> before = dir.snapshot();

      CliRun explain = cli(dir).run(args("explain", ids));
      assertEquals(before, dir.snapshot(), "explain changed dir " + i);
      CliRun reconcile = cli(dir).run(args("reconcile", ids));

      assertEquals(0, explain.status, explain.err);
      assertEquals(0, reconcile.status, reconcile.err);
      JsonObject explained = (JsonObject) JavaScriptJson.parse(explain.out).orElseThrow();
      assertEquals(
          reconcile.out,
          JsonText.compact(explained.get("result").orElseThrow()) + "\n",
          "dir " + i + ": " + explain.out);
    }
  }

  @Test
  void givenATransferInterruptedAfterTheSource_explainRollsItForwardLikeTheReconcile() {
    StateDirFixture dir = interruptedTransfer(true);

    ReconcileOutcome outcome = assertAgree(dir, new Payload(CODEX, ""));

    assertEquals(Recovery.Action.ROLLED_FORWARD, outcome.recovery().orElseThrow().action());
  }

  @Test
  void givenATransferInterruptedBeforeTheSource_explainRollsItBackLikeTheReconcile() {
    StateDirFixture dir = interruptedTransfer(false);

    ReconcileOutcome outcome = assertAgree(dir, new Payload(CODEX, ""));

    assertEquals(Recovery.Action.ROLLED_BACK, outcome.recovery().orElseThrow().action());
    assertEquals(ResumeReason.RESUMED_SAME_CODEX_SESSION, outcome.reason());
  }

  /** A prepared journal as a crash left it, the source retired or not, the target written. */
  StateDirFixture interruptedTransfer(boolean sourceRetired) {
    StateDirFixture dir = new StateDirFixture(root).currentSession("sess-current").pane("%7");
    String original =
        ralph(
            "\"owner_codex_session_id\": \"codex-session-1\",\n  \"updated_at\": \""
                + FRESH
                + "\"");
    dir.write("sess-prior", original);
    RalphDocument document =
        ((StoredDocument.Present)
                new FileRalphStateStore(dir.stateDir).read(new OmxSessionId("sess-prior")))
            .document();
    Transfer transfer =
        Transfer.of(
            new Candidate(
                new OmxSessionId("sess-prior"), document, CandidateVerdict.MATCHED_BY_SESSION),
            new OmxSessionId("sess-current"),
            CODEX,
            Optional.of("%7"),
            "2026-02-22T11:59:30.000Z");
    new FileTransferJournal(dir.stateDir)
        .prepare(
            JournalEntry.of(
                "t-interrupted", transfer, new OmxSessionId("sess-current"), Optional.empty()));
    if (sourceRetired) {
      dir.write("sess-prior", JsonText.pretty(transfer.previousSource().root()));
    } else {
      dir.write("sess-current", JsonText.pretty(transfer.nextTarget().root()));
    }
    return dir;
  }

  /**
   * Explains, checks nothing changed, reconciles, and checks the two agree: same outcome, and the
   * documents explain said would be written are exactly what is on disk afterwards; no other
   * document changed.
   */
  static ReconcileOutcome assertAgree(StateDirFixture dir, Payload payload) {
    Map<String, String> before = dir.snapshot();
    Map<String, String> documentsBefore = dir.documents();

    Explanation explanation = dir.explain(payload.codexSessionId(), payload.threadId());
    assertEquals(before, dir.snapshot(), "explain changed the state dir");

    ReconcileOutcome outcome = dir.reconcile(payload.codexSessionId(), payload.threadId());
    assertEquals(outcome, explanation.outcome());

    Map<String, Optional<RalphDocument>> planned = new HashMap<>();
    for (Explanation.PlannedWrite write : explanation.writes()) {
      planned.put(write.session().value(), write.after());
    }
    Map<String, String> documentsAfter = dir.documents();
    for (Map.Entry<String, Optional<RalphDocument>> write : planned.entrySet()) {
      if (write.getValue().isPresent()) {
        assertEquals(
            JsonText.pretty(write.getValue().get().root()),
            documentsAfter.get(write.getKey()),
            "written " + write.getKey());
      } else {
        assertFalse(documentsAfter.containsKey(write.getKey()), "removed " + write.getKey());
      }
    }
    for (Map.Entry<String, String> document : documentsBefore.entrySet()) {
      if (!planned.containsKey(document.getKey())) {
        assertEquals(
            document.getValue(),
            documentsAfter.get(document.getKey()),
            "untouched " + document.getKey());
      }
    }
    for (String created : documentsAfter.keySet()) {
      assertTrue(
          documentsBefore.containsKey(created) || planned.containsKey(created),
          "unexplained new document " + created);
    }
    return outcome;
  }

  static CliRun cli(StateDirFixture dir) {
    CliRun run = new CliRun();
    run.env.putAll(dir.env);
    return run;
  }

  static String[] args(String command, List<String> rest) {
    List<String> all = new ArrayList<>();
    all.add(command);
    all.addAll(rest);
    return all.toArray(new String[0]);
  }

  @Test
  void givenTheGenerator_itSometimesNamesTheCurrentSessionThroughSessionJson() throws Exception {
    // Guards the generator itself: the session.json path must be exercised, not only env ids.
    Random random = new Random(20260222L);
    int fromFile = 0;
    for (int i = 0; i < 200; i++) {
      StateDirFixture dir = new StateDirFixture(Files.createDirectory(root.resolve("g-" + i)));
      Payload payload = RandomStateDirs.fill(dir, random, StateDirFixture.NOW, true);
      Explanation explanation = dir.explain(payload.codexSessionId(), payload.threadId());
      if (explanation.currentSession() instanceof CurrentSession.FromSessionFile) {
        fromFile++;
      }
    }
    assertTrue(fromFile > 10, "session.json named the current session " + fromFile + " times");
  }
}
