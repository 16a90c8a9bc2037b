package io.github.ralphresume.app.http;

import static io.github.ralphresume.app.http.ServiceFixture.json;
import static io.github.ralphresume.testing.StateDirFixture.loopOwnedBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.ralphresume.adapters.fs.IndexedRalphStateStore;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsTest {
  static final String BODY = "{\"codexSessionId\":\"codex-1\",\"omxSessionId\":\"sess-current\"}";

  @TempDir Path root;
  ServiceFixture service;

  @BeforeEach
  void setUp() {
    service =
        new ServiceFixture(root)
            .session("sess-current")
            .write("sess-prior", loopOwnedBy("codex-1", Duration.ofMinutes(1)))
            .start();
  }

  @AfterEach
  void tearDown() {
    service.state.releaseLock();
    service.close();
  }

  /** Sample lines as name{labels} → value. */
  Map<String, String> samples() {
    HttpResponse<String> response = service.send(service.request("/metrics").GET());
    assertEquals(200, response.statusCode());
    assertEquals(
        "text/plain; version=0.0.4; charset=utf-8",
        response.headers().firstValue("Content-Type").orElse(""));
    return Arrays.stream(response.body().split("\n"))
        .filter(line -> !line.startsWith("#") && !line.isBlank())
        .collect(
            Collectors.toMap(
                line -> line.substring(0, line.lastIndexOf(' ')),
                line -> line.substring(line.lastIndexOf(' ') + 1)));
  }

  @Test
  void givenReconcilesAndErrors_metrics_countReasonsLatencyLockWaitsAndStatuses() {
    service.reconcile(BODY);
    service.reconcile(BODY);
    service.reconcile("{");
    service.get("/nowhere");

    Map<String, String> samples = samples();

    String reconciles = "ralph_resume_reconciles_total{reason=";
    assertEquals("1", samples.get(reconciles + "\"resumed_same_codex_session\"}"));
    assertEquals("1", samples.get(reconciles + "\"current_ralph_active\"}"));
    assertEquals("0", samples.get(reconciles + "\"no_matching_prior_ralph\"}"));
    assertEquals("2", samples.get("ralph_resume_reconcile_duration_seconds_count"));
    assertEquals("2", samples.get("ralph_resume_reconcile_duration_seconds_bucket{le=\"+Inf\"}"));
    assertEquals("2", samples.get("ralph_resume_lock_wait_seconds_count"));
    assertEquals("0", samples.get("ralph_resume_lock_timeouts_total"));
    assertEquals(
        "2",
        samples.get("ralph_resume_http_requests_total{route=\"/v1/reconcile\",status=\"200\"}"));
    assertEquals(
        "1",
        samples.get("ralph_resume_http_requests_total{route=\"/v1/reconcile\",status=\"400\"}"));
    assertEquals(
        "1", samples.get("ralph_resume_http_requests_total{route=\"unmatched\",status=\"404\"}"));
    assertEquals("1", samples.get("ralph_resume_http_requests_in_flight"), "this very request");
  }

  @Test
  void givenTheWarmIndex_metrics_sayItIsReadyAndHowReconcilesListedPriors() throws Exception {
    assumeTrue(IndexedRalphStateStore.supported(), "the warm index needs Linux");
    assertTrue(service.application.index().orElseThrow().awaitReady(Duration.ofSeconds(10)));
    service.reconcile("{\"codexSessionId\":\"codex-2\",\"omxSessionId\":\"sess-current\"}");

    Map<String, String> samples = samples();

    assertEquals("1", samples.get("ralph_resume_index_ready"));
    assertEquals("2", samples.get("ralph_resume_index_sessions"), "sess-current and sess-prior");
    assertEquals("1", samples.get("ralph_resume_index_rebuilds_total"));
    assertEquals("1", samples.get("ralph_resume_reconcile_listings_total{listing=\"indexed\"}"));
    assertEquals("0", samples.get("ralph_resume_reconcile_listings_total{listing=\"full\"}"));
  }

  @Test
  void givenLockHeldPastTheTimeout_reconcile_answersResumeLockTimeoutAndCountsIt() {
    service.state.holdLock();

    HttpResponse<String> response = service.reconcile(BODY);

    assertEquals(200, response.statusCode());
    assertEquals("resume_lock_timeout", json(response.body()).path("reason").asText());
    Map<String, String> samples = samples();
    assertEquals("1", samples.get("ralph_resume_lock_timeouts_total"));
    assertEquals("1", samples.get("ralph_resume_reconciles_total{reason=\"resume_lock_timeout\"}"));
    assertTrue(
        Double.parseDouble(samples.get("ralph_resume_lock_wait_seconds_sum")) >= 5.0,
        "waited the 5 s timeout");
  }
}
