package io.github.ralphresume.app.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * A real service on an ephemeral loopback port over a real state dir in a temp directory, and a
 * {@link HttpClient} to call it.
 */
final class ServiceFixture implements AutoCloseable {
  static final String TOKEN = "test-token-0123456789abcdef";
  static final String LOCK_DIR = ".lock.ralph-session-resume";
  static final ObjectMapper JSON = new ObjectMapper();

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
    this.project = root;
    this.stateDir = root.resolve(".omx").resolve("state");
    createDirectories(stateDir.resolve("sessions"));
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
    createDirectories(sessionDir(id));
    return this;
  }

  ServiceFixture write(String session, String json) {
    return writeBytes(session, json.getBytes(StandardCharsets.UTF_8));
  }

  ServiceFixture writeBytes(String session, byte[] bytes) {
    session(session);
    try {
      Files.write(document(session), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** A usable {@code session.json} naming {@code id}, with its session directory. */
  ServiceFixture currentBySessionFile(String id) {
    session(id);
    try {
      Files.writeString(stateDir.resolve("session.json"), "{\"session_id\": \"" + id + "\"}");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  Path sessionDir(String id) {
    return stateDir.resolve("sessions").resolve(id);
  }

  Path document(String session) {
    return sessionDir(session).resolve("ralph-state.json");
  }

  String read(String session) {
    try {
      return Files.readString(document(session), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  JsonNode readJson(String session) {
    return json(read(session));
  }

  Path lockDir() {
    return stateDir.resolve(LOCK_DIR);
  }

  /** Holds the resume lock as another process would: a fresh directory with its own token. */
  void holdLock() {
    createDirectories(lockDir());
    try {
      Files.writeString(lockDir().resolve("owner"), "4242.1.other-holder");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void releaseLock() {
    deleteRecursively(lockDir());
  }

  /** Removes everything in the state dir and recreates an empty one. */
  void clearState() {
    deleteRecursively(stateDir);
    createDirectories(stateDir.resolve("sessions"));
  }

  /**
   * Every file and directory under the state dir by relative path, with its modification time and
   * bytes: a write, even of the same bytes, or a temp file made and removed again, shows.
   */
  Map<String, String> snapshot() {
    return snapshot(stateDir);
  }

  static Map<String, String> snapshot(Path dir) {
    Map<String, String> all = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.toList()) {
        String modified =
            Files.getLastModifiedTime(file, java.nio.file.LinkOption.NOFOLLOW_LINKS).toString();
        all.put(
            dir.relativize(file).toString(),
            modified
                + " "
                + (Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                    ? new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)
                    : "<dir>"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return all;
  }

  /** Copies the state dir to {@code target}, modification times included. */
  void copyStateDirTo(Path target) {
    try (Stream<Path> files = Files.walk(stateDir)) {
      for (Path file : files.toList()) {
        Path copy = target.resolve(stateDir.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(file, copy, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
      // Directories last: copying their files changed their times.
      for (Path file : Files.walk(stateDir).toList()) {
        if (Files.isDirectory(file)) {
          Files.setLastModifiedTime(
              target.resolve(stateDir.relativize(file).toString()),
              Files.getLastModifiedTime(file));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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

  /** A Ralph document as the reference tests write them, plus extra members. */
  static String ralph(String extraMembers) {
    return "{\n  \"active\": true,\n  \"iteration\": 4,\n  \"max_iterations\": 10,\n"
        + "  \"current_phase\": \"executing\""
        + (extraMembers.isEmpty() ? "" : ",\n  " + extraMembers)
        + "\n}";
  }

  /** An active loop owned by {@code codexSession}, last updated {@code ago} before now. */
  static String loopOwnedBy(String codexSession, Duration ago) {
    return ralph(
        "\"owner_codex_session_id\": \""
            + codexSession
            + "\",\n  \"updated_at\": \""
            + Instant.now().minus(ago)
            + "\"");
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

  static void createDirectories(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
