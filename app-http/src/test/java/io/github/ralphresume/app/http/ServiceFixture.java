package io.github.ralphresume.app.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ralphresume.testing.StateDirFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * A real service on an ephemeral loopback port over a real state dir in a temp directory, and a
 * {@link HttpClient} to call it.
 */
final class ServiceFixture implements AutoCloseable {
  static final String TOKEN = "test-token-0123456789abcdef";
  static final ObjectMapper JSON = new ObjectMapper();

  /** The state dir the service serves. */
  final StateDirFixture state;

  final Path project;
  final Path stateDir;
  final Map<String, String> serverEnvironment = new HashMap<>();
  Duration drainTimeout = HttpSettings.DEFAULT_DRAIN;
  int workers = HttpSettings.DEFAULT_WORKERS;
  int queueCapacity = HttpSettings.DEFAULT_QUEUE;
  boolean warmIndex = true;
  ConnectionLimits limits = ConnectionLimits.DEFAULT;
  Clock clock = Clock.systemDefaultZone();
  HttpApplication application;
  URI base;
  final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  ServiceFixture(Path root) {
    this.state = new StateDirFixture(root);
    this.project = state.project;
    this.stateDir = state.stateDir;
  }

  /** Starts the service with the fixture's environment and drain timeout. */
  ServiceFixture start() {
    application =
        new HttpApplication(
            new HttpSettings(
                stateDir,
                InetAddress.getLoopbackAddress(),
                ApiToken.of(TOKEN),
                serverEnvironment,
                clock,
                drainTimeout,
                workers,
                queueCapacity,
                warmIndex,
                limits));
    base = URI.create(HttpMain.url(application.start(0)));
    return this;
  }

  @Override
  public void close() {
    if (application != null) application.stop();
  }

  // ---- state dir ----

  ServiceFixture session(String id) {
    state.session(id);
    return this;
  }

  ServiceFixture write(String session, String json) {
    state.write(session, json);
    return this;
  }

  ServiceFixture writeBytes(String session, byte[] bytes) {
    state.writeBytes(session, bytes);
    return this;
  }

  ServiceFixture currentBySessionFile(String id) {
    state.currentBySessionFile(id);
    return this;
  }

  JsonNode readJson(String session) {
    return json(state.read(session));
  }

  // ---- requests ----

  HttpRequest.Builder request(String path) {
    // Not base.resolve(path): that would normalise the dot segments some tests send on purpose.
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
  }

  HttpRequest.Builder authorized(String path) {
    return request(path).header("Authorization", "Bearer " + TOKEN);
  }

  HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return client.send(
          request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> get(String path) {
    return send(authorized(path).GET());
  }

  HttpResponse<String> post(String path, String body) {
    return send(postRequest(path, body));
  }

  HttpRequest.Builder postRequest(String path, String body) {
    return authorized(path)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
  }

  HttpResponse<String> reconcile(String body) {
    return post("/v1/reconcile", body);
  }

  // ---- helpers ----

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Asserts an RFC 9457 problem of {@code kind} with {@code status} and no stack trace. */
  static JsonNode assertProblem(HttpResponse<String> response, int status, String kind) {
    assertEquals(status, response.statusCode(), response.body());
    assertEquals(
        "application/problem+json",
        response.headers().firstValue("Content-Type").orElse(""),
        response.body());
    JsonNode problem = json(response.body());
    assertEquals(Problem.TYPE_PREFIX + kind, problem.path("type").asText(), response.body());
    assertEquals(status, problem.path("status").asInt());
    assertFalse(problem.path("title").asText().isEmpty(), "title");
    assertFalse(problem.path("detail").asText().isBlank(), "detail");
    assertEquals(4, problem.size(), "type, title, status, detail and nothing else");
    assertFalse(response.body().contains("Exception"), "no exception names: " + response.body());
    assertFalse(response.body().contains("\tat "), "no stack trace");
    assertTrue(problem.path("detail").asText().length() < 400, "one short sentence");
    return problem;
  }

  /** Waits for {@code condition} up to {@code timeout}; fails when it never holds. */
  static void awaitTrue(BooleanSupplier condition, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
