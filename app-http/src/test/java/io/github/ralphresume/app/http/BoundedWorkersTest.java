package io.github.ralphresume.app.http;

import static io.github.ralphresume.app.http.ServiceFixture.assertProblem;
import static io.github.ralphresume.app.http.ServiceFixture.awaitTrue;
import static io.github.ralphresume.testing.StateDirFixture.loopOwnedBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoundedWorkersTest {
  static final String BODY = "{\"codexSessionId\":\"codex-1\",\"omxSessionId\":\"sess-current\"}";

  @TempDir Path root;
  ServiceFixture service;

  @AfterEach
  void tearDown() {
    service.state.releaseLock();
    service.close();
  }

  CompletableFuture<HttpResponse<String>> reconcileAsync() {
    return service.client.sendAsync(
        service.postRequest("/v1/reconcile", BODY).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  @Test
  void givenWorkersAndQueueFull_anotherRequest_gets503AndTheServiceKeepsServing() throws Exception {
    service =
        new ServiceFixture(root)
            .session("sess-current")
            .write("sess-prior", loopOwnedBy("codex-1", Duration.ofMinutes(1)));
    service.workers = 1;
    service.queueCapacity = 1;
    service.start();
    service.state.holdLock();

    CompletableFuture<HttpResponse<String>> running = reconcileAsync();
    awaitTrue(() -> service.application.inFlight() == 1, Duration.ofSeconds(5), "the first");
    CompletableFuture<HttpResponse<String>> queued = reconcileAsync();
    Thread.sleep(200);
    CompletableFuture<HttpResponse<String>> refused = reconcileAsync();

    HttpResponse<String> busy = refused.get(5, TimeUnit.SECONDS);
    assertProblem(busy, 503, "unavailable");
    assertEquals("close", busy.headers().firstValue("Connection").orElse(""));
    service.state.releaseLock();
    assertEquals(200, running.get(10, TimeUnit.SECONDS).statusCode());
    assertEquals(200, queued.get(10, TimeUnit.SECONDS).statusCode());
    assertEquals(200, service.send(service.request("/healthz").GET()).statusCode());
    assertFalse(Files.exists(service.state.lockDir()));
  }
}
