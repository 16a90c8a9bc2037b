package io.github.ralphresume.app.http;

import static io.github.ralphresume.app.http.ServiceFixture.assertProblem;
import static io.github.ralphresume.app.http.ServiceFixture.awaitTrue;
import static io.github.ralphresume.app.http.ServiceFixture.json;
import static io.github.ralphresume.testing.StateDirFixture.loopOwnedBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GracefulStopTest {
  static final String BODY = "{\"codexSessionId\":\"codex-1\",\"omxSessionId\":\"sess-current\"}";

  @TempDir Path root;
  ServiceFixture service;

  @BeforeEach
  void setUp() {
    service =
        new ServiceFixture(root)
            .session("sess-current")
            .write("sess-prior", loopOwnedBy("codex-1", Duration.ofMinutes(1)));
  }

  @AfterEach
  void tearDown() {
    service.state.releaseLock();
    service.close();
  }

  CompletableFuture<HttpResponse<String>> reconcileInFlight() {
    CompletableFuture<HttpResponse<String>> pending =
        service.client.sendAsync(
            service.postRequest("/v1/reconcile", BODY).build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    awaitTrue(() -> service.application.inFlight() == 1, Duration.ofSeconds(5), "the request");
    return pending;
  }

  @Test
  void givenReconcileWaitingForTheLock_stop_letsItFinishAndTheLockIsReleased() throws Exception {
    service.start();
    service.state.holdLock();
    CompletableFuture<HttpResponse<String>> inFlight = reconcileInFlight();

    CompletableFuture<Void> stopping = CompletableFuture.runAsync(service.application::stop);
    Thread.sleep(200);
    assertFalse(stopping.isDone(), "stop waits for the request in flight");
    assertProblem(service.send(service.request("/healthz").GET()), 503, "unavailable");
    service.state.releaseLock();
    HttpResponse<String> finished = inFlight.get(10, TimeUnit.SECONDS);
    stopping.get(10, TimeUnit.SECONDS);

    assertEquals(200, finished.statusCode(), finished.body());
    assertEquals("resumed_same_codex_session", json(finished.body()).path("reason").asText());
    assertFalse(Files.exists(service.state.lockDir()), "the service released the lock");
    assertThrows(
        UncheckedIOException.class,
        () -> service.send(service.request("/healthz").GET()),
        "no longer listening");
  }

  @Test
  void givenLockNeverFreed_stop_givesUpAfterTheDrainTimeoutAndLeavesTheOtherHoldersLock()
      throws Exception {
    service.drainTimeout = Duration.ofMillis(300);
    service.start();
    service.state.holdLock();
    CompletableFuture<HttpResponse<String>> inFlight = reconcileInFlight();

    long started = System.nanoTime();
    service.application.stop();
    long tookMillis = (System.nanoTime() - started) / 1_000_000;

    assertTrue(tookMillis < 4_000, "bounded: " + tookMillis + " ms");
    ExecutionException cut =
        assertThrows(ExecutionException.class, () -> inFlight.get(5, TimeUnit.SECONDS));
    assertTrue(cut.getCause() instanceof IOException, cut.toString());
    assertEquals(
        "4242.1.other-holder",
        Files.readString(service.state.lockDir().resolve("owner")),
        "not ours to remove");
    assertTrue(
        service.state.read("sess-prior").contains("\"active\": true"), "nothing was written");
  }

  @Test
  void givenNothingInFlight_stop_returnsAtOnce() {
    service.start();
    assertEquals(200, service.get("/v1/sessions").statusCode());

    long started = System.nanoTime();
    service.application.stop();

    assertTrue((System.nanoTime() - started) / 1_000_000 < 2_000, "no drain wait when idle");
  }
}
