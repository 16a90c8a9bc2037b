package io.github.ralphresume.app.http;

import static io.github.ralphresume.app.http.ServiceFixture.assertProblem;
import static io.github.ralphresume.app.http.ServiceFixture.json;
import static io.github.ralphresume.app.http.ServiceFixture.ralph;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ralphresume.adapters.fs.JavaScriptJson;
import io.github.ralphresume.domain.json.JsonText;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /v1/explain}: the CLI's {@code explain --json} object, and not a byte changed. */
class ExplainEndpointTest {
  static final Instant NOW = Instant.parse("2026-02-22T12:00:00.000Z");
  static final String GOLDEN_QUERY =
      "/v1/explain?codexSessionId=codex-1&omxSessionId=sess-current&tmuxPane=%257";

  @TempDir Path root;
  ServiceFixture service;

  @AfterEach
  void tearDown() {
    if (service != null) service.close();
  }

  /**
   * The CLI's golden scenario (ExplainCommandTest): a fresh match, another conversation's loop, a
   * stale match and a finished loop, at a fixed moment.
   */
  ServiceFixture goldenScenario() {
    ServiceFixture fixture = new ServiceFixture(root).session("sess-current");
    fixture.clock = Clock.fixed(NOW, ZoneOffset.UTC);
    fixture.write(
        "sess-a",
        ralph(
            "\"owner_codex_session_id\": \"codex-1\",\n"
                + "  \"updated_at\": \"2026-02-22T11:59:00.000Z\""));
    fixture.write(
        "sess-b",
        ralph(
            "\"owner_codex_session_id\": \"codex-2\",\n"
                + "  \"updated_at\": \"2026-02-22T11:59:00.000Z\""));
    fixture.write(
        "sess-c",
        ralph(
            "\"owner_codex_session_id\": \"codex-1\",\n"
                + "  \"updated_at\": \"2026-02-19T09:00:00.000Z\""));
    fixture.write(
        "sess-d",
        "{\"active\": true, \"current_phase\": \"complete\","
            + " \"owner_codex_session_id\": \"codex-1\"}");
    return fixture;
  }

  @Test
  void givenTheCliGoldenScenario_explain_answersTheCliGoldenObject() {
    service = goldenScenario().start();

    HttpResponse<String> response = service.get(GOLDEN_QUERY);

    assertEquals(200, response.statusCode(), response.body());
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
    assertFalse(
        response.body().contains("\n"), "one line, as the CLI prints it (less its newline)");
    String pretty = JsonText.pretty(JavaScriptJson.parse(response.body()).orElseThrow());
    // Byte for byte the golden object of ExplainCommandTest, which pins `explain --json`.
    assertEquals(
        """
        {
          "dryRun": true,
          "lockHeld": false,
          "currentSession": {
            "id": "sess-current",
            "foundBy": "environment",
            "variable": "OMX_SESSION_ID"
          },
          "payload": {
            "codexSessionId": "codex-1",
            "threadId": ""
          },
          "thresholdMs": 86400000,
          "currentDocument": {
            "session": "sess-current",
            "path": "<state>/sessions/sess-current/ralph-state.json",
            "verdict": "missing",
            "document": "missing"
          },
          "priors": [
            {
              "session": "sess-a",
              "path": "<state>/sessions/sess-a/ralph-state.json",
              "verdict": "matched_by_session",
              "document": "present",
              "active": true,
              "phase": "executing",
              "ownerOmxSessionId": "",
              "ownerCodexSessionId": "codex-1",
              "ownerCodexThreadId": "",
              "freshness": {
                "ageMs": 60000,
                "thresholdMs": 86400000,
                "source": "updated_at",
                "stale": false
              }
            },
            {
              "session": "sess-b",
              "path": "<state>/sessions/sess-b/ralph-state.json",
              "verdict": "owner_session_mismatch",
              "document": "present",
              "active": true,
              "phase": "executing",
              "ownerOmxSessionId": "",
              "ownerCodexSessionId": "codex-2",
              "ownerCodexThreadId": ""
            },
            {
              "session": "sess-c",
              "path": "<state>/sessions/sess-c/ralph-state.json",
              "verdict": "stale",
              "document": "present",
              "active": true,
              "phase": "executing",
              "ownerOmxSessionId": "",
              "ownerCodexSessionId": "codex-1",
              "ownerCodexThreadId": "",
              "freshness": {
                "ageMs": 270000000,
                "thresholdMs": 86400000,
                "source": "updated_at",
                "stale": true
              }
            },
            {
              "session": "sess-d",
              "path": "<state>/sessions/sess-d/ralph-state.json",
              "verdict": "terminal_phase",
              "document": "present",
              "active": true,
              "phase": "complete",
              "ownerOmxSessionId": "",
              "ownerCodexSessionId": "codex-1",
              "ownerCodexThreadId": ""
            }
          ],
          "pane": {
            "id": "%7",
            "notes": []
          },
          "reason": "resumed_same_codex_session",
          "result": {
            "currentOmxSessionId": "sess-current",
            "resumed": true,
            "updatedCurrentOwner": false,
            "reason": "resumed_same_codex_session",
            "sourcePath": "<state>/sessions/sess-a/ralph-state.json",
            "targetPath": "<state>/sessions/sess-current/ralph-state.json"
          },
          "writes": [
            {
              "action": "abandon_stale",
              "session": "sess-c",
              "path": "<state>/sessions/sess-c/ralph-state.json",
              "document": {
                "active": false,
                "iteration": 4,
                "max_iterations": 10,
                "current_phase": "cancelled",
                "owner_codex_session_id": "codex-1",
                "updated_at": "2026-02-19T09:00:00.000Z",
                "completed_at": "2026-02-22T12:00:00.000Z",
                "abandoned_at": "2026-02-22T12:00:00.000Z",
                "stop_reason": "stale_active_state",
                "stale_resume_age_ms": 270000000,
                "stale_resume_threshold_ms": 86400000,
                "stale_resume_timestamp_source": "updated_at"
              }
            },
            {
              "action": "retire_source",
              "session": "sess-a",
              "path": "<state>/sessions/sess-a/ralph-state.json",
              "document": {
                "active": false,
                "iteration": 4,
                "max_iterations": 10,
                "current_phase": "cancelled",
                "owner_codex_session_id": "codex-1",
                "updated_at": "2026-02-22T11:59:00.000Z",
                "completed_at": "2026-02-22T12:00:00.000Z",
                "stop_reason": "ownership_transferred"
              }
            },
            {
              "action": "transfer_target",
              "session": "sess-current",
              "path": "<state>/sessions/sess-current/ralph-state.json",
              "document": {
                "active": true,
                "iteration": 4,
                "max_iterations": 10,
                "current_phase": "executing",
                "owner_codex_session_id": "codex-1",
                "updated_at": "2026-02-22T11:59:00.000Z",
                "owner_omx_session_id": "sess-current",
                "tmux_pane_id": "%7",
                "tmux_pane_set_at": "2026-02-22T12:00:00.000Z"
              }
            }
          ]
        }""",
        pretty.replace(service.stateDir.toString(), "<state>"));
  }

  @Test
  void givenAStateDirWithEverythingADryRunCouldTouch_explain_changesNoByte() throws IOException {
    service = goldenScenario();
    // A dead writer's temp file next to the current document, and a prepared journal with a
    // leftover of its own: a reconcile would tidy both and settle the journal; explain must not.
    Path leftover =
        service.sessionDir("sess-current").resolve("ralph-state.json.tmp-999999999-1-abc");
    Files.writeString(leftover, "{\"half\":");
    Files.setLastModifiedTime(leftover, FileTime.from(NOW.minus(Duration.ofDays(2))));
    Files.writeString(service.stateDir.resolve(".ralph-resume-transfer.json"), preparedJournal());
    Files.writeString(
        service.stateDir.resolve(".ralph-resume-transfer.json.tmp-999999999-1-abc"), "{");
    service.start();
    Map<String, String> before = service.snapshot();

    HttpResponse<String> response = service.get(GOLDEN_QUERY);

    assertEquals(200, response.statusCode(), response.body());
    JsonNode explained = json(response.body());
    assertEquals(
        "rolled_back",
        explained.path("recovery").path("action").asText(),
        "the recovery is explained: " + response.body());
    assertEquals(before, service.snapshot(), "no byte, no file, no mtime changed");
    assertFalse(Files.exists(service.lockDir()), "no lock taken");
  }

  @Test
  void givenTheLockHeldElsewhere_explain_answersAtOnceAndSaysSo() {
    service = goldenScenario().start();
    service.holdLock();
    try {
      long started = System.nanoTime();
      HttpResponse<String> response = service.get(GOLDEN_QUERY);

      assertEquals(200, response.statusCode(), response.body());
      assertTrue(json(response.body()).path("lockHeld").asBoolean());
      assertTrue(
          Duration.ofNanos(System.nanoTime() - started).toMillis() < 4_000, "no wait for the lock");
    } finally {
      service.releaseLock();
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
