package io.github.ralphresume.app.http;

import static io.github.ralphresume.app.http.ServiceFixture.json;
import static io.github.ralphresume.testing.StateDirFixture.loopOwnedBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ralphresume.adapters.fs.FileCurrentSessionLocator;
import io.github.ralphresume.adapters.fs.FileRalphStateStore;
import io.github.ralphresume.adapters.fs.FileTransferJournal;
import io.github.ralphresume.adapters.fs.MkdirResumeLock;
import io.github.ralphresume.domain.json.JsonText;
import io.github.ralphresume.domain.model.Environment;
import io.github.ralphresume.domain.model.ReconcileOutcome;
import io.github.ralphresume.domain.usecase.ReconcileRalphResume;
import io.github.ralphresume.domain.usecase.ReconcileRequest;
import io.github.ralphresume.domain.wire.WireFormat;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReconcileEndpointTest {
  static final String BODY =
      "{\"codexSessionId\":\"codex-1\",\"omxSessionId\":\"sess-current\",\"tmuxPane\":\"%7\"}";

  @TempDir Path root;
  ServiceFixture service;

  @AfterEach
  void tearDown() {
    if (service != null) service.close();
  }

  ServiceFixture priorLoopAndEmptyCurrentSession() {
    return new ServiceFixture(root)
        .session("sess-current")
        .write("sess-prior", loopOwnedBy("codex-1", Duration.ofMinutes(1)))
        .write("sess-other", loopOwnedBy("codex-2", Duration.ofMinutes(1)));
  }

  @Test
  void givenPriorLoop_reconcile_bodyIsByteForByteWhatToJsonGivesForTheSameState() throws Exception {
    service = priorLoopAndEmptyCurrentSession().start();
    String prior = service.state.read("sess-prior");
    String other = service.state.read("sess-other");

    HttpResponse<String> response = service.reconcile(BODY);

    // The same state again, reconciled as the CLI composes it.
    service.state.clear();
    service.session("sess-current").write("sess-prior", prior).write("sess-other", other);
    FileRalphStateStore store = new FileRalphStateStore(service.stateDir);
    ReconcileOutcome direct =
        new ReconcileRalphResume(
                store,
                new MkdirResumeLock(service.stateDir),
                new FileCurrentSessionLocator(store),
                HttpApplication.requestPane(),
                new FileTransferJournal(service.stateDir),
                Clock.systemDefaultZone())
            .reconcile(
                new ReconcileRequest(
                    "codex-1",
                    "",
                    Environment.injected(
                        Map.of("OMX_SESSION_ID", "sess-current", "TMUX_PANE", "%7"))));
    assertEquals(200, response.statusCode());
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
    assertTrue(direct.resumed(), "the scenario is a transfer");
    assertEquals(JsonText.compact(WireFormat.reconcileResult(direct)), response.body());
  }

  @Test
  void givenRequestsOneAfterAnotherOnOneConnection_answers_areNotHeldBackByDelayedAcks() {
    service = priorLoopAndEmptyCurrentSession().start();
    long[] nanos = new long[41];
    for (int i = 0; i < nanos.length; i++) {
      long started = System.nanoTime();
      assertEquals(200, service.send(service.request("/healthz").GET()).statusCode());
      nanos[i] = System.nanoTime() - started;
    }
    java.util.Arrays.sort(nanos);

    // With Nagle's algorithm on, a body written after its headers waits for the client's
    // delayed ACK: about 40 ms, every time.
    assertTrue(nanos[20] < Duration.ofMillis(20).toNanos(), "median " + nanos[20] / 1e6 + " ms");
  }

  @Test
  void givenPriorLoop_reconcile_transfersItWithTheRequestsPane() {
    service = priorLoopAndEmptyCurrentSession().start();

    HttpResponse<String> response = service.reconcile(BODY);

    JsonNode result = json(response.body());
    assertEquals("resumed_same_codex_session", result.path("reason").asText());
    assertEquals(
        service.stateDir.resolve("sessions/sess-prior/ralph-state.json").toString(),
        result.path("sourcePath").asText());
    JsonNode current = service.readJson("sess-current");
    assertEquals("%7", current.path("tmux_pane_id").asText());
    assertEquals("sess-current", current.path("owner_omx_session_id").asText());
    assertFalse(service.readJson("sess-prior").path("active").asBoolean());
  }

  @Test
  void givenFiftyParallelReconcilesOfOnePayload_exactlyOneResumesAndOneLoopIsActive()
      throws Exception {
    service = priorLoopAndEmptyCurrentSession().start();

    List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      pending.add(
          service.client.sendAsync(
              service.postRequest("/v1/reconcile", BODY).build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
    }
    List<JsonNode> results = new ArrayList<>();
    for (CompletableFuture<HttpResponse<String>> future : pending) {
      HttpResponse<String> response = future.get(60, TimeUnit.SECONDS);
      assertEquals(200, response.statusCode(), response.body());
      results.add(json(response.body()));
    }

    assertEquals(1, results.stream().filter(r -> r.path("resumed").asBoolean()).count());
    assertEquals(
        49,
        results.stream()
            .filter(r -> r.path("reason").asText().equals("current_ralph_active"))
            .count());
    assertFalse(service.readJson("sess-prior").path("active").asBoolean(), "prior retired");
    assertEquals(
        "ownership_transferred", service.readJson("sess-prior").path("stop_reason").asText());
    List<String> activeOwnersOfCodex1 = new ArrayList<>();
    try (Stream<Path> sessions = Files.list(service.stateDir.resolve("sessions"))) {
      for (Path dir : sessions.toList()) {
        String id = dir.getFileName().toString();
        if (!Files.exists(service.state.document(id))) continue;
        JsonNode document = service.readJson(id);
        if (document.path("active").asBoolean()
            && document.path("owner_codex_session_id").asText().equals("codex-1")) {
          activeOwnersOfCodex1.add(id);
        }
      }
    }
    assertEquals(List.of("sess-current"), activeOwnersOfCodex1);
    assertFalse(Files.exists(service.state.lockDir()), "the lock dir is gone");
  }

  @Test
  void givenEmptyCodexSessionId_reconcile_isAcceptedLikeTheCli() {
    service = priorLoopAndEmptyCurrentSession().start();

    HttpResponse<String> response =
        service.reconcile("{\"codexSessionId\":\"\",\"omxSessionId\":\"sess-current\"}");

    assertEquals(200, response.statusCode());
    assertEquals(
        "{\"currentOmxSessionId\":\"sess-current\",\"resumed\":false,\"updatedCurrentOwner\":false,"
            + "\"reason\":\"payload_codex_identity_missing\"}",
        response.body());
  }

  @Test
  void givenServerStaleThreshold_reconcile_appliesItToThePriorLoop() {
    service = priorLoopAndEmptyCurrentSession();
    service.serverEnvironment.put("OMX_RALPH_RESUME_STALE_MS", "1000");
    service.start();

    HttpResponse<String> response = service.reconcile(BODY);

    assertEquals(
        "matching_prior_ralph_abandoned_stale", json(response.body()).path("reason").asText());
  }

  @Test
  void givenServersOwnSessionVariables_reconcile_ignoresThem() {
    service = priorLoopAndEmptyCurrentSession();
    service.serverEnvironment.put("OMX_SESSION_ID", "sess-current");
    service.serverEnvironment.put("CODEX_SESSION_ID", "sess-current");
    service.serverEnvironment.put("TMUX_PANE", "%1");
    service.start();

    HttpResponse<String> response = service.reconcile("{\"codexSessionId\":\"codex-1\"}");

    assertEquals("current_omx_session_missing", json(response.body()).path("reason").asText());
  }

  @Test
  void givenNoOmxSessionId_reconcile_findsTheCurrentSessionInSessionJson() throws IOException {
    service = priorLoopAndEmptyCurrentSession().currentBySessionFile("sess-current").start();

    HttpResponse<String> response = service.reconcile("{\"codexSessionId\":\"codex-1\"}");

    assertTrue(json(response.body()).path("resumed").asBoolean(), response.body());
  }
}
