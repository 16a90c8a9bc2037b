package io.github.ralphresume.app.http;

import static io.github.ralphresume.app.http.ServiceFixture.assertProblem;
import static io.github.ralphresume.app.http.ServiceFixture.json;
import static io.github.ralphresume.testing.StateDirFixture.ralph;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ralphresume.adapters.fs.FileRalphStateStore;
import io.github.ralphresume.adapters.fs.FileTransferJournal;
import io.github.ralphresume.adapters.fs.JavaScriptJson;
import io.github.ralphresume.adapters.fs.MkdirResumeLock;
import io.github.ralphresume.domain.json.JsonText;
import io.github.ralphresume.domain.model.Environment;
import io.github.ralphresume.domain.model.SweepReport;
import io.github.ralphresume.domain.usecase.DeadSessionFinder;
import io.github.ralphresume.domain.usecase.SweepRequest;
import io.github.ralphresume.domain.usecase.SweepStaleLoops;
import io.github.ralphresume.domain.wire.WireFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /v1/sweep}: the CLI's {@code sweep --json} object; a dry run changes nothing; an
 * applying sweep writes exactly what the CLI's composition of the use case writes.
 */
class SweepEndpointTest {
  static final Instant NOW = Instant.parse("2026-02-22T12:00:00.000Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final String DRY_RUN = "{\"apply\": false, \"deadOwners\": false}";
  static final String APPLY = "{\"apply\": true}";

  @TempDir Path root;
  ServiceFixture service;

  @AfterEach
  void tearDown() {
    if (service != null) service.close();
  }

  /**
   * Three stale loops (by updated_at, by last_turn_at with a legacy thread owner, by the file's
   * mtime), a fresh one, a finished one long untouched, and a session without a document.
   */
  ServiceFixture staleAndFresh(Path at) {
    ServiceFixture fixture = new ServiceFixture(at);
    fixture.clock = CLOCK;
    fixture.write(
        "sess-stale",
        ralph(
            "\"owner_codex_session_id\": \"codex-1\",\n"
                + "  \"updated_at\": \"2026-02-19T09:00:00.000Z\""));
    fixture.write(
        "sess-other",
        ralph(
            "\"owner_codex_thread_id\": \"t-9\",\n"
                + "  \"last_turn_at\": \"2026-02-20T12:00:00.000Z\""));
    fixture.write("sess-notime", ralph("\"owner_codex_session_id\": \"codex-3\""));
    setModified(fixture.state.document("sess-notime"), Instant.parse("2026-02-19T10:30:00.123Z"));
    fixture.write(
        "sess-fresh",
        ralph(
            "\"owner_codex_session_id\": \"codex-1\",\n"
                + "  \"updated_at\": \"2026-02-22T11:59:00.000Z\""));
    fixture.write(
        "sess-done",
        "{\"active\": true, \"current_phase\": \"complete\","
            + " \"updated_at\": \"2026-02-01T00:00:00.000Z\"}");
    fixture.session("sess-empty");
    return fixture;
  }

  @Test
  void givenStaleLoops_dryRun_answersTheSweepJsonAndChangesNoByte() {
    service = staleAndFresh(root).start();
    Map<String, String> before = service.state.snapshot();

    HttpResponse<String> response = service.post("/v1/sweep", DRY_RUN);

    assertEquals(200, response.statusCode(), response.body());
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
    String state = service.stateDir.toString();
    assertEquals(
        """
        {
          "outcome": "dry_run",
          "thresholdMs": 86400000,
          "transferPending": false,
          "loops": [
            {
              "session": "sess-notime",
              "path": "<state>/sessions/sess-notime/ralph-state.json",
              "why": "stale",
              "freshness": {
                "ageMs": 264599877,
                "thresholdMs": 86400000,
                "source": "mtime",
                "stale": true
              },
              "abandoned": false
            },
            {
              "session": "sess-other",
              "path": "<state>/sessions/sess-other/ralph-state.json",
              "why": "stale",
              "freshness": {
                "ageMs": 172800000,
                "thresholdMs": 86400000,
                "source": "last_turn_at",
                "stale": true
              },
              "abandoned": false
            },
            {
              "session": "sess-stale",
              "path": "<state>/sessions/sess-stale/ralph-state.json",
              "why": "stale",
              "freshness": {
                "ageMs": 270000000,
                "thresholdMs": 86400000,
                "source": "updated_at",
                "stale": true
              },
              "abandoned": false
            }
          ]
        }""",
        JsonText.pretty(JavaScriptJson.parse(response.body()).orElseThrow())
            .replace(state, "<state>"));
    assertEquals(before, service.state.snapshot(), "no byte, no file, no mtime changed");
  }

  @Test
  void givenAPendingJournalWithLeftovers_dryRun_saysSoAndStillChangesNoByte() throws IOException {
    service = staleAndFresh(root);
    Files.writeString(
        service.stateDir.resolve(".ralph-resume-transfer.json"),
        ExplainEndpointTest.preparedJournal());
    Path leftover = service.stateDir.resolve(".ralph-resume-transfer.json.tmp-999999999-1-abc");
    Files.writeString(leftover, "{");
    setModified(leftover, NOW.minus(Duration.ofDays(1)));
    service.start();
    Map<String, String> before = service.state.snapshot();

    JsonNode report = json(service.post("/v1/sweep", "{}").body());

    assertEquals("dry_run", report.path("outcome").asText());
    assertTrue(report.path("transferPending").asBoolean());
    assertEquals(before, service.state.snapshot());
  }

  @Test
  void givenStaleLoops_apply_writesExactlyWhatTheClisUseCaseWritesOnACopy() throws IOException {
    service = staleAndFresh(root.resolve("served")).start();
    Path copy = root.resolve("copy").resolve(".omx").resolve("state");
    service.state.copyTo(copy);

    HttpResponse<String> response = service.post("/v1/sweep", APPLY);
    // The CLI's composition (SweepCommand with --apply), on the copy, at the same moment.
    SweepReport cli =
        new SweepStaleLoops(
                new FileRalphStateStore(copy),
                new MkdirResumeLock(copy),
                new FileTransferJournal(copy),
                DeadSessionFinder.NONE,
                CLOCK)
            .sweep(new SweepRequest(Environment.ofProcess(Map.of()), true, false, Set.of()));

    assertEquals(200, response.statusCode(), response.body());
    assertEquals(
        JsonText.compact(WireFormat.sweep(cli)).replace(copy.toString(), "<state>"),
        response.body().replace(service.stateDir.toString(), "<state>"));
    assertEquals(3, cli.loops().size());
    assertEquals(documents(copy), documents(service.stateDir), "the same bytes in every file");
    JsonNode abandoned = service.readJson("sess-stale");
    assertFalse(abandoned.path("active").asBoolean());
    assertEquals("cancelled", abandoned.path("current_phase").asText());
    assertEquals("stale_active_state", abandoned.path("stop_reason").asText());
    assertEquals("2026-02-22T12:00:00.000Z", abandoned.path("abandoned_at").asText());
    assertEquals(270000000, abandoned.path("stale_resume_age_ms").asLong());
    assertTrue(json(response.body()).path("loops").path(0).path("abandoned").asBoolean());
    assertTrue(service.readJson("sess-fresh").path("active").asBoolean(), "fresh loop kept");
    assertTrue(service.readJson("sess-done").path("active").asBoolean(), "finished loop kept");
    assertFalse(Files.exists(service.state.lockDir()), "lock released");
  }

  @Test
  void givenTheLockHeldElsewhere_apply_answersTheTimeoutAndChangesNothing() {
    service = staleAndFresh(root).start();
    service.state.holdLock();
    Map<String, String> before = service.state.snapshot();

    HttpResponse<String> response = service.post("/v1/sweep", APPLY);

    assertEquals(200, response.statusCode(), response.body());
    assertEquals(
        "{\"outcome\":\"resume_lock_timeout\",\"thresholdMs\":86400000,"
            + "\"transferPending\":false,\"loops\":[]}",
        response.body());
    assertEquals(before, service.state.snapshot(), "nothing changed, the holder's lock included");
    service.state.releaseLock();
  }

  @Test
  void givenAPendingTransfer_apply_writesNothingAndSaysSo() throws IOException {
    service = staleAndFresh(root);
    Files.writeString(
        service.stateDir.resolve(".ralph-resume-transfer.json"),
        ExplainEndpointTest.preparedJournal());
    service.start();
    Map<String, String> before = documents(service.stateDir);

    JsonNode report = json(service.post("/v1/sweep", APPLY).body());

    assertEquals("transfer_pending", report.path("outcome").asText());
    assertEquals(3, report.path("loops").size());
    assertFalse(report.path("loops").path(0).path("abandoned").asBoolean());
    assertEquals(before, documents(service.stateDir));
  }

  @Test
  void givenADeadOwner_deadOwners_abandonsItsFreshLoopOnlyWhenAsked() throws Exception {
    service = staleAndFresh(root);
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    service.write(
        "sess-dead",
        ralph(
            "\"owner_codex_session_id\": \"codex-5\",\n"
                + "  \"updated_at\": \"2026-02-22T11:59:00.000Z\""));
    Files.writeString(
        service.stateDir.resolve("session.json"),
        "{\"session_id\": \"sess-dead\", \"pid\": " + gone.pid() + "}");
    service.start();

    JsonNode without = json(service.post("/v1/sweep", "{\"sessions\": [\"sess-dead\"]}").body());
    JsonNode with =
        json(
            service
                .post(
                    "/v1/sweep",
                    "{\"apply\": true, \"deadOwners\": true, \"sessions\": [\"sess-dead\"]}")
                .body());

    assertEquals(0, without.path("loops").size(), without.toString());
    assertEquals("applied", with.path("outcome").asText(), with.toString());
    assertEquals("sess-dead", with.path("deadSession").path("session").asText());
    assertEquals(gone.pid(), with.path("deadSession").path("pid").asLong());
    assertEquals("dead_owner", with.path("loops").path(0).path("why").asText());
    assertFalse(service.readJson("sess-dead").path("active").asBoolean());
    assertTrue(service.readJson("sess-stale").path("active").asBoolean(), "not named: kept");
  }

  @Test
  void givenSessions_sweep_considersOnlyThose() {
    service = staleAndFresh(root).start();

    JsonNode report =
        json(service.post("/v1/sweep", "{\"sessions\": [\"sess-stale\", \"sess-fresh\"]}").body());

    assertEquals(1, report.path("loops").size(), report.toString());
    assertEquals("sess-stale", report.path("loops").path(0).path("session").asText());
  }

  @Test
  void givenBadBodies_sweep_answers400AndChangesNothing() {
    service = staleAndFresh(root).start();
    Map<String, String> before = service.state.snapshot();

    assertProblem(service.post("/v1/sweep", ""), 400, "malformed-json");
    assertProblem(service.post("/v1/sweep", "{\"apply\": true"), 400, "malformed-json");
    assertProblem(service.post("/v1/sweep", "[]"), 400, "invalid-request");
    assertProblem(service.post("/v1/sweep", "{\"apply\": \"yes\"}"), 400, "invalid-request");
    assertProblem(service.post("/v1/sweep", "{\"apply\": 1}"), 400, "invalid-request");
    assertProblem(service.post("/v1/sweep", "{\"deadOwners\": \"true\"}"), 400, "invalid-request");
    assertProblem(
        service.post("/v1/sweep", "{\"apply\": true, \"force\": true}"), 400, "invalid-request");
    assertProblem(
        service.post("/v1/sweep", "{\"sessions\": \"sess-stale\"}"), 400, "invalid-request");
    assertProblem(service.post("/v1/sweep", "{\"sessions\": [1]}"), 400, "invalid-request");
    assertProblem(
        service.post("/v1/sweep", "{\"apply\": true, \"sessions\": []}"), 400, "invalid-request");
    assertProblem(
        service.post("/v1/sweep", "{\"apply\": true, \"sessions\": [\"../x\"]}"),
        400,
        "invalid-request");
    JsonNode unknown =
        assertProblem(
            service.post("/v1/sweep", "{\"apply\": true, \"sessions\": [\"sess-nope\"]}"),
            400,
            "invalid-request");
    assertTrue(unknown.path("detail").asText().contains("sess-nope"), unknown.toString());
    assertEquals(before, service.state.snapshot());
  }

  @Test
  void givenNullMembers_sweep_takesThemAsAbsent() {
    service = staleAndFresh(root).start();

    JsonNode report =
        json(
            service
                .post("/v1/sweep", "{\"apply\": null, \"deadOwners\": null, \"sessions\": null}")
                .body());

    assertEquals("dry_run", report.path("outcome").asText());
    assertNotEquals(0, report.path("loops").size());
  }

  /** Each file's bytes by relative path (times left out: two runs write at different times). */
  static Map<String, String> documents(Path stateDir) {
    Map<String, String> all = new TreeMap<>();
    try (Stream<Path> files = Files.walk(stateDir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        all.put(stateDir.relativize(file).toString(), Files.readString(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return all;
  }

  static void setModified(Path file, Instant when) {
    try {
      Files.setLastModifiedTime(file, FileTime.from(when));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
