package io.github.ralphresume.app.http;

import static io.github.ralphresume.app.http.ServiceFixture.assertProblem;
import static io.github.ralphresume.app.http.ServiceFixture.json;
import static io.github.ralphresume.testing.StateDirFixture.ralph;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ralphresume.domain.json.JsonText;
import io.github.ralphresume.domain.model.Explanation;
import io.github.ralphresume.domain.model.PaneId;
import io.github.ralphresume.domain.wire.WireFormat;
import io.github.ralphresume.testing.StateDirFixture;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /v1/explain}: the CLI's {@code explain --json} object, and not a byte changed. */
class ExplainEndpointTest {
  static final String GOLDEN_QUERY =
      "/v1/explain?codexSessionId=codex-1&omxSessionId=sess-current&tmuxPane=%257";

  @TempDir Path root;
  ServiceFixture service;

  @AfterEach
  void tearDown() {
    if (service != null) service.close();
  }

  /**
   * The CLI's golden scenario (ExplainCommandTest pins its explanation object): a fresh match,
   * another conversation's loop, a stale match and a finished loop, at a fixed moment.
   */
  ServiceFixture goldenScenario() {
    ServiceFixture fixture = new ServiceFixture(root);
    fixture.clock = StateDirFixture.CLOCK;
    fixture.state.currentSession("sess-current").pane("%7").fourPriors();
    return fixture;
  }

  @Test
  void givenTheCliGoldenScenario_explain_answersTheWireFormatOfTheSameDryRun() {
    service = goldenScenario().start();
    // What explain --json prints for this state (its golden is ExplainCommandTest's), computed
    // from the use case directly.
    String expected =
        JsonText.compact(
            WireFormat.explanation(
                service.state.explain("codex-1", ""),
                false,
                Optional.of(new Explanation.PaneSearch(Optional.of(new PaneId("%7")), List.of()))));

    HttpResponse<String> response = service.get(GOLDEN_QUERY);

    assertEquals(200, response.statusCode(), response.body());
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
    assertEquals(expected, response.body(), "one line, as the CLI prints it (less its newline)");
    assertTrue(response.body().contains("\"reason\":\"resumed_same_codex_session\""));
  }

  @Test
  void givenAStateDirWithEverythingADryRunCouldTouch_explain_changesNoByte() throws IOException {
    service = goldenScenario();
    // A dead writer's temp file next to the current document, and a prepared journal with a
    // leftover of its own: a reconcile would tidy both and settle the journal; explain must not.
    Path leftover =
        service.state.sessionDir("sess-current").resolve("ralph-state.json.tmp-999999999-1-abc");
    Files.writeString(leftover, "{\"half\":");
    Files.setLastModifiedTime(
        leftover, FileTime.from(StateDirFixture.NOW.minus(Duration.ofDays(2))));
    Files.writeString(service.stateDir.resolve(".ralph-resume-transfer.json"), preparedJournal());
    Files.writeString(
        service.stateDir.resolve(".ralph-resume-transfer.json.tmp-999999999-1-abc"), "{");
    service.start();
    Map<String, String> before = service.state.snapshot();

    HttpResponse<String> response = service.get(GOLDEN_QUERY);

    assertEquals(200, response.statusCode(), response.body());
    JsonNode explained = json(response.body());
    assertEquals(
        "rolled_back",
        explained.path("recovery").path("action").asText(),
        "the recovery is explained: " + response.body());
    assertEquals(before, service.state.snapshot(), "no byte, no file, no mtime changed");
    assertFalse(Files.exists(service.state.lockDir()), "no lock taken");
  }

  @Test
  void givenTheLockHeldElsewhere_explain_answersAtOnceAndSaysSo() {
    service = goldenScenario().start();
    service.state.holdLock();
    try {
      long started = System.nanoTime();
      HttpResponse<String> response = service.get(GOLDEN_QUERY);

      assertEquals(200, response.statusCode(), response.body());
      assertTrue(json(response.body()).path("lockHeld").asBoolean());
      assertTrue(
          Duration.ofNanos(System.nanoTime() - started).toMillis() < 4_000, "no wait for the lock");
    } finally {
      service.state.releaseLock();
    }
  }

  @Test
  void givenNoTmuxPane_explain_saysTheRequestNamedNone() {
    service = goldenScenario().start();

    JsonNode pane =
        json(service.get("/v1/explain?codexSessionId=codex-1&omxSessionId=sess-current").body())
            .path("pane");

    assertTrue(pane.path("id").isNull(), pane.toString());
    assertEquals(ExplainEndpoint.NO_PANE_NOTE, pane.path("notes").path(0).asText());
  }

  @Test
  void givenAnEmptyCodexSessionId_explain_explainsTheMissingIdentity() {
    service = goldenScenario().start();

    JsonNode explained =
        json(service.get("/v1/explain?codexSessionId=&omxSessionId=sess-current").body());

    assertEquals("payload_codex_identity_missing", explained.path("reason").asText());
  }

  @Test
  void givenTheSameState_explainsResult_isWhatTheReconcileThenAnswers() {
    service = goldenScenario().start();

    JsonNode explained = json(service.get(GOLDEN_QUERY).body());
    HttpResponse<String> reconciled =
        service.reconcile(
            "{\"codexSessionId\":\"codex-1\",\"omxSessionId\":\"sess-current\",\"tmuxPane\":\"%7\"}");

    assertEquals(explained.path("result").toString(), reconciled.body());
  }

  @Test
  void givenBadParameters_explain_answers400() {
    service = goldenScenario().start();

    assertProblem(service.get("/v1/explain"), 400, "invalid-request");
    assertProblem(service.get("/v1/explain?threadId=t"), 400, "invalid-request");
    assertProblem(service.get("/v1/explain?codexSessionId=c&tmuxPane=7"), 400, "invalid-request");
    assertProblem(
        service.get("/v1/explain?codexSessionId=c&omxSessionId=..%2Fx"), 400, "invalid-request");
    assertProblem(service.get("/v1/explain?codexSessionId=c&cwd=/tmp"), 400, "invalid-request");
  }

  @Test
  void givenNoToken_explain_answers401() {
    service = goldenScenario().start();

    assertProblem(service.send(service.request(GOLDEN_QUERY).GET()), 401, "unauthorized");
  }

  /**
   * A transfer of sess-a's loop, prepared and never carried out: sess-a is as it was, so recovery
   * would roll it back.
   */
  static String preparedJournal() {
    String loop =
        ralph(
            "\"owner_codex_session_id\": \"codex-1\",\n"
                + "  \"updated_at\": \"2026-02-22T11:59:00.000Z\"");
    return "{\n  \"schema\": \"ralph-resume/transfer-journal@1\",\n  \"status\": \"prepared\",\n"
        + "  \"transfer_id\": \"t-1\",\n  \"updated_at\": \"2026-02-22T11:00:00.000Z\",\n"
        + "  \"source\": \"sessions/sess-a/ralph-state.json\",\n"
        + "  \"target\": \"sessions/sess-current/ralph-state.json\",\n"
        + "  \"original_source\": "
        + loop
        + ",\n  \"retired_source\": "
        + loop.replace("\"active\": true", "\"active\": false")
        + ",\n  \"next_target\": "
        + loop
        + "\n}";
  }
}
