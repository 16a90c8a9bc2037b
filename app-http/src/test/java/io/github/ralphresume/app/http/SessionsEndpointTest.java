package io.github.ralphresume.app.http;

import static io.github.ralphresume.app.http.ServiceFixture.assertProblem;
import static io.github.ralphresume.app.http.ServiceFixture.json;
import static io.github.ralphresume.testing.StateDirFixture.loopOwnedBy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ralphresume.testing.StateDirFixture;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionsEndpointTest {
  @TempDir Path root;
  ServiceFixture service;

  @BeforeEach
  void setUp() {
    service =
        new ServiceFixture(root)
            .currentBySessionFile("sess-current")
            .write(
                "sess-current",
                StateDirFixture.ralph(
                    "\"owner_omx_session_id\": \"sess-current\",\n"
                        + "  \"owner_codex_session_id\": \"codex-1\",\n"
                        + "  \"owner_codex_thread_id\": \"thread-1\",\n"
                        + "  \"tmux_pane_id\": \"%3\",\n"
                        + "  \"updated_at\": \""
                        + java.time.Instant.now().minusSeconds(60)
                        + "\""))
            .write("sess-stale", loopOwnedBy("codex-0", Duration.ofDays(2)))
            .write("sess-broken", "{ \"active\": true")
            .session("sess-empty");
  }

  @AfterEach
  void tearDown() {
    service.close();
  }

  static Map<String, JsonNode> byId(JsonNode listing) {
    Map<String, JsonNode> sessions = new HashMap<>();
    listing.path("sessions").forEach(session -> sessions.put(session.path("id").asText(), session));
    return sessions;
  }

  @Test
  void givenRealFiles_listSessions_flagsCurrentStaleAndUnreadable() {
    service.start();

    HttpResponse<String> response = service.get("/v1/sessions");

    assertEquals(200, response.statusCode(), response.body());
    JsonNode listing = json(response.body());
    assertEquals("sess-current", listing.path("currentSession").path("id").asText());
    assertEquals("session_file", listing.path("currentSession").path("foundBy").asText());
    Map<String, JsonNode> sessions = byId(listing);
    assertEquals(4, sessions.size(), response.body());

    JsonNode current = sessions.get("sess-current");
    assertTrue(current.path("current").asBoolean());
    assertEquals("present", current.path("document").asText());
    assertTrue(current.path("active").asBoolean());
    assertEquals("executing", current.path("phase").asText());
    assertEquals("4", current.path("iteration").asText());
    assertEquals("10", current.path("maxIterations").asText());
    assertEquals("sess-current", current.path("ownerOmxSessionId").asText());
    assertEquals("codex-1", current.path("ownerCodexSessionId").asText());
    assertEquals("thread-1", current.path("ownerCodexThreadId").asText());
    assertEquals("%3", current.path("pane").asText());
    JsonNode freshness = current.path("freshness");
    assertFalse(freshness.path("stale").asBoolean());
    assertEquals("updated_at", freshness.path("source").asText());
    assertEquals(86_400_000L, freshness.path("thresholdMs").asLong());
    long age = freshness.path("ageMs").asLong();
    assertTrue(age >= 60_000 && age < 120_000, "age " + age);

    JsonNode stale = sessions.get("sess-stale");
    assertFalse(stale.path("current").asBoolean());
    assertTrue(stale.path("freshness").path("stale").asBoolean());
    assertTrue(stale.path("freshness").path("ageMs").asLong() > 86_400_000L);

    JsonNode broken = sessions.get("sess-broken");
    assertEquals("unreadable", broken.path("document").asText());
    assertEquals("not valid JSON", broken.path("unreadableWhy").asText());
    assertFalse(broken.has("freshness"), "no freshness without a document");

    JsonNode empty = sessions.get("sess-empty");
    assertEquals("missing", empty.path("document").asText());
    assertFalse(empty.has("unreadableWhy"));
    assertFalse(empty.has("freshness"), "no freshness without a document");

    assertEquals(
        "sess-current",
        listing.path("sessions").get(0).path("id").asText(),
        "newest activity first");
  }

  @Test
  void givenOmxSessionIdQuery_listSessions_currentIsFoundInTheEnvironment() {
    service.start();

    JsonNode listing = json(service.get("/v1/sessions?omxSessionId=sess-stale").body());

    assertEquals("sess-stale", listing.path("currentSession").path("id").asText());
    assertEquals("environment", listing.path("currentSession").path("foundBy").asText());
    assertEquals("OMX_SESSION_ID", listing.path("currentSession").path("variable").asText());
    assertTrue(byId(listing).get("sess-stale").path("current").asBoolean());
    assertFalse(byId(listing).get("sess-current").path("current").asBoolean());
  }

  @Test
  void givenNoCurrentSession_listSessions_saysWhy() throws IOException {
    Files.delete(service.stateDir.resolve("session.json"));
    service.start();

    JsonNode current = json(service.get("/v1/sessions").body()).path("currentSession");

    assertTrue(current.path("id").isNull());
    assertEquals("none", current.path("foundBy").asText());
    assertTrue(current.path("why").asText().contains("session.json"), current.toString());
  }

  @Test
  void givenServerStaleThreshold_listSessions_usesIt() {
    service.serverEnvironment.put("OMX_RALPH_ACTIVE_STATE_STALE_MS", "1000");
    service.start();

    JsonNode current = byId(json(service.get("/v1/sessions").body())).get("sess-current");

    assertEquals(1000, current.path("freshness").path("thresholdMs").asLong());
    assertTrue(current.path("freshness").path("stale").asBoolean());
  }

  @Test
  void givenStoredDocument_ralphState_returnsTheExactBytes() {
    byte[] stored =
        "{\"active\":true,  \"note\":\"é – \u2028\"}\n\n".getBytes(StandardCharsets.UTF_8);
    service.writeBytes("sess-odd", stored).start();

    HttpResponse<byte[]> response = sendForBytes("/v1/sessions/sess-odd/ralph-state");

    assertEquals(200, response.statusCode());
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
    assertArrayEquals(stored, response.body());
  }

  @Test
  void givenUnreadableDocument_ralphState_returnsItAsStoredToo() {
    service.start();

    HttpResponse<byte[]> response = sendForBytes("/v1/sessions/sess-broken/ralph-state");

    assertEquals(200, response.statusCode());
    assertEquals("{ \"active\": true", new String(response.body(), StandardCharsets.UTF_8));
  }

  @Test
  void givenNoDocumentOrNoSession_ralphState_404() {
    service.start();

    assertProblem(service.get("/v1/sessions/sess-empty/ralph-state"), 404, "not-found");
    assertProblem(service.get("/v1/sessions/sess-nowhere/ralph-state"), 404, "not-found");
  }

  @Test
  void givenDocumentIsASymlink_ralphState_409() throws IOException {
    Path secret = root.resolve("secret.json");
    Files.writeString(secret, "{\"secret\": true}");
    service.session("sess-link");
    Files.createSymbolicLink(service.state.document("sess-link"), secret);
    service.start();

    var problem =
        assertProblem(service.get("/v1/sessions/sess-link/ralph-state"), 409, "symlink-refused");

    assertTrue(problem.path("detail").asText().contains("symbolic link"));
  }

  @Test
  void givenSessionDirIsASymlink_ralphState_409() throws IOException {
    Path elsewhere = root.resolve("elsewhere");
    Files.createDirectories(elsewhere);
    Files.writeString(elsewhere.resolve("ralph-state.json"), "{}");
    Files.createSymbolicLink(service.state.sessionDir("sess-linked"), elsewhere);
    service.start();

    assertProblem(service.get("/v1/sessions/sess-linked/ralph-state"), 409, "symlink-refused");
  }

  private HttpResponse<byte[]> sendForBytes(String path) {
    try {
      return service.client.send(
          service.authorized(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
