package io.github.ralphresume.app.http;

import static io.github.ralphresume.app.http.ServiceFixture.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every error status, each as an RFC 9457 problem with a clear detail and no stack trace. */
class ErrorResponsesTest {
  @TempDir Path root;
  ServiceFixture service;

  @BeforeEach
  void setUp() {
    service = new ServiceFixture(root).session("sess-current").start();
  }

  @AfterEach
  void tearDown() {
    service.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"codexSessionId\": ",
        "{codexSessionId: \"x\"}",
        "{\"codexSessionId\": \"x\"} trailing",
        "{\"codexSessionId\": \"a\", \"codexSessionId\": \"b\"}",
        "",
        "   "
      })
  void givenMalformedJson_reconcile_400MalformedJson(String body) {
    assertProblem(service.reconcile(body), 400, "malformed-json");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[]",
        "\"codex-1\"",
        "null",
        "{}",
        "{\"codexSessionId\": null}",
        "{\"codexSessionId\": 42}",
        "{\"codexSessionId\": \"x\", \"threadId\": true}",
        "{\"codexSessionId\": \"x\", \"stateDir\": \"/etc\"}",
        "{\"codexSessionID\": \"x\"}"
      })
  void givenBodyNotAReconcileRequest_reconcile_400InvalidRequest(String body) {
    assertProblem(service.reconcile(body), 400, "invalid-request");
  }

  @ParameterizedTest
  @ValueSource(strings = {"3", "%", "%3a", " %3", "%3 ", "%-1", "", "%123456789012345678901"})
  void givenInvalidTmuxPane_reconcile_400NamingTheMember(String pane) {
    String body = "{\"codexSessionId\": \"x\", \"tmuxPane\": " + quoted(pane) + "}";

    var problem = assertProblem(service.reconcile(body), 400, "invalid-request");

    assertTrue(problem.path("detail").asText().startsWith("tmuxPane"), problem.toString());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "a/b",
        "..",
        "sess id",
        "sess.1",
        "é",
        "a2345678901234567890123456789012345678901234567890123456789012345"
      })
  void givenInvalidOmxSessionId_reconcile_400NamingTheMember(String id) {
    String body = "{\"codexSessionId\": \"x\", \"omxSessionId\": " + quoted(id) + "}";

    var problem = assertProblem(service.reconcile(body), 400, "invalid-request");

    assertTrue(problem.path("detail").asText().startsWith("omxSessionId"), problem.toString());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a.b",
        "..",
        "%2e%2e",
        "sess%20x",
        "a2345678901234567890123456789012345678901234567890123456789012345"
      })
  void givenInvalidSessionIdInPath_ralphState_400(String id) {
    assertProblem(service.get("/v1/sessions/" + id + "/ralph-state"), 400, "invalid-request");
  }

  @Test
  void givenInvalidSessionIdInQuery_sessions_400() {
    assertProblem(service.get("/v1/sessions?omxSessionId=..%2Fx"), 400, "invalid-request");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/",
        "/nope",
        "/v1/nope",
        "/v1/sessions/",
        "/v1/sessions/sess-current",
        "/v1/sessions/sess-current/ralph-state/x",
        "/healthz/",
        "/V1/sessions"
      })
  void givenUnknownRoute_404(String path) {
    assertProblem(service.get(path), 404, "not-found");
  }

  @Test
  void givenWrongMethod_405WithAllow() {
    HttpResponse<String> getReconcile = service.get("/v1/reconcile");
    assertProblem(getReconcile, 405, "method-not-allowed");
    assertEquals("POST", getReconcile.headers().firstValue("Allow").orElse(""));

    HttpResponse<String> deleteSessions = service.send(service.authorized("/v1/sessions").DELETE());
    assertProblem(deleteSessions, 405, "method-not-allowed");
    assertEquals("GET", deleteSessions.headers().firstValue("Allow").orElse(""));

    HttpResponse<String> postHealth = service.post("/healthz", "{}");
    assertProblem(postHealth, 405, "method-not-allowed");
    assertEquals("GET", postHealth.headers().firstValue("Allow").orElse(""));
  }

  @Test
  void givenBodyOver64KiB_reconcile_413() {
    String body = "{\"codexSessionId\": \"" + "x".repeat(Dispatcher.MAX_BODY_BYTES) + "\"}";

    assertProblem(service.reconcile(body), 413, "payload-too-large");
  }

  @Test
  void givenChunkedBodyOver64KiB_reconcile_413() {
    byte[] body = new byte[Dispatcher.MAX_BODY_BYTES + 1];
    java.util.Arrays.fill(body, (byte) ' ');
    HttpRequest.Builder request =
        service
            .authorized("/v1/reconcile")
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));

    assertProblem(service.send(request), 413, "payload-too-large");
  }

  @Test
  void givenBodyOfExactly64KiB_reconcile_isServed() {
    String head = "{\"codexSessionId\": \"\", \"threadId\": \"";
    String tail = "\"}";
    String body =
        head + "t".repeat(Dispatcher.MAX_BODY_BYTES - head.length() - tail.length()) + tail;
    assertEquals(Dispatcher.MAX_BODY_BYTES, body.getBytes(StandardCharsets.UTF_8).length);

    HttpResponse<String> response = service.reconcile(body);

    assertEquals(200, response.statusCode(), response.body());
  }

  private static String quoted(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
