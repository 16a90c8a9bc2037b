package io.github.ralphresume.app.http;

import static io.github.ralphresume.app.http.ServiceFixture.awaitTrue;
import static io.github.ralphresume.app.http.ServiceFixture.json;
import static io.github.ralphresume.testing.StateDirFixture.loopOwnedBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that are slow, silent or many, against the real service on real sockets: they must not
 * keep a prompt client from being served, and the service closes them and frees their descriptors
 * at their deadline. Every wait is bounded.
 */
@Timeout(60)
class SlowClientsTest {
  static final String HEAD_START = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";
  static final String BODY = "{\"codexSessionId\":\"codex-1\",\"omxSessionId\":\"sess-current\"}";
  static final Duration SHORT = Duration.ofMillis(500);

  @TempDir Path root;
  ServiceFixture service;
  final List<RawConnection> slow = new ArrayList<>();
  final AtomicBoolean trickling = new AtomicBoolean(true);

  @AfterEach
  void tearDown() {
    trickling.set(false);
    slow.forEach(RawConnection::close);
    if (service != null) service.close();
  }

  ServiceFixture service(ConnectionLimits limits) {
    service =
        new ServiceFixture(root)
            .session("sess-current")
            .write("sess-prior", loopOwnedBy("codex-1", Duration.ofMinutes(1)));
    service.limits = limits;
    return service.start();
  }

  static ConnectionLimits shortDeadlines() {
    return ConnectionLimits.DEFAULT.withTimeouts(SHORT, SHORT, SHORT, SHORT);
  }

  /** {@code count} connections that each sent the start of a head that never ends. */
  void openSlow(int count) {
    for (int i = 0; i < count; i++) slow.add(RawConnection.open(service.base).send(HEAD_START));
  }

  /** One more header byte to every slow connection every 100 ms, as a trickling client sends. */
  void trickle() {
    Thread thread =
        new Thread(
            () -> {
              while (trickling.get()) {
                for (RawConnection connection : List.copyOf(slow)) connection.trySend("a");
                try {
                  Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                  return;
                }
              }
            },
            "trickle");
    thread.setDaemon(true);
    thread.start();
  }

  /** A client that has never talked to the service: a new connection for each request. */
  static HttpResponse<String> promptly(HttpRequest.Builder request) {
    try {
      return HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build()
          .send(
              request.timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static long openDescriptors() {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void givenHundredsOfSlowClients_healthzAndReconcile_stillAnswer() {
    // Deadlines out of the way: the slow clients must not be what holds up the prompt one.
    Duration minute = Duration.ofSeconds(60);
    service(ConnectionLimits.DEFAULT.withTimeouts(minute, minute, minute, minute));
    openSlow(300);
    trickle();

    HttpResponse<String> health = promptly(service.request("/healthz").GET());
    HttpResponse<String> reconcile = promptly(service.postRequest("/v1/reconcile", BODY));

    assertEquals(200, health.statusCode(), health.body());
    assertEquals(200, reconcile.statusCode(), reconcile.body());
    assertEquals("resumed_same_codex_session", json(reconcile.body()).path("reason").asText());
    long open = slow.stream().filter(c -> !c.closedWithin(Duration.ofMillis(1))).count();
    assertTrue(open >= 200, "hundreds of slow clients were still connected: " + open);
  }

  @Test
  void givenSlowClients_atTheHeaderDeadline_theServiceClosesThemAndReleasesTheirDescriptors() {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "counts descriptors in /proc");
    service(shortDeadlines());
    assertEquals(200, promptly(service.request("/healthz").GET()).statusCode());
    long before = openDescriptors();

    openSlow(100);
    trickle();
    long during = openDescriptors();
    for (RawConnection connection : slow) {
      assertTrue(connection.closedWithin(Duration.ofSeconds(10)), "closed by the service");
    }
    // Only the test's own ends of the connections are left; the service's are released.
    awaitTrue(
        () -> openDescriptors() <= before + 100 + 5,
        Duration.ofSeconds(5),
        "the service's descriptors released (before " + before + ", during " + during + ")");
    slow.forEach(RawConnection::close);
    awaitTrue(
        () -> openDescriptors() <= before + 5, Duration.ofSeconds(5), "back where it started");

    assertTrue(during >= before + 190, "both ends of 100 connections were open: " + during);
    assertEquals(200, promptly(service.request("/healthz").GET()).statusCode());
  }

  @Test
  void givenConnectionThatSendsNothing_isClosedAtTheHeaderDeadline() {
    service(shortDeadlines());

    try (RawConnection silent = RawConnection.open(service.base)) {
      assertTrue(silent.closedWithin(Duration.ofSeconds(10)));
    }
  }

  @Test
  void givenBodySentSlowly_isClosedAtTheBodyDeadlineWithoutAnAnswer() {
    service(shortDeadlines());

    try (RawConnection connection = RawConnection.open(service.base)) {
      connection.send(
          "POST /v1/reconcile HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
              + ServiceFixture.TOKEN
              + "\r\nContent-Length: "
              + BODY.length()
              + "\r\n\r\n"
              + BODY.substring(0, 10));
      long started = System.nanoTime();
      boolean closed = false;
      for (int i = 10; i < BODY.length() && !closed; i++) {
        closed = !connection.trySend(BODY.substring(i, i + 1)) || !connection.stillOpen();
        if (System.nanoTime() - started > Duration.ofSeconds(10).toNanos()) break;
      }

      assertTrue(closed || connection.closedWithin(Duration.ofSeconds(5)), "closed");
    }
    assertTrue(
        service.state.read("sess-prior").contains("\"active\": true"), "nothing was reconciled");
  }

  @Test
  void givenKeptAliveConnection_idleLongerThanTheIdleTimeout_isClosed() {
    service(shortDeadlines());

    try (RawConnection connection = RawConnection.open(service.base)) {
      connection.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
      assertEquals(200, connection.read().status());
      connection.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
      assertEquals(200, connection.read().status(), "kept alive between requests");

      assertTrue(connection.closedWithin(Duration.ofSeconds(10)), "closed once idle");
    }
  }

  @Test
  void givenClientThatDoesNotReadItsAnswers_isClosedAtTheWriteDeadline() {
    service(shortDeadlines());
    String request = "GET /openapi.json HTTP/1.1\r\nHost: x\r\n\r\n";

    try (RawConnection connection = RawConnection.open(service.base)) {
      connection.socket.setReceiveBufferSize(4096);
      // Far more answers than the socket buffers hold, and never read.
      connection.send(request.repeat(2000));
      int answer = service.get("/openapi.json").body().length();
      assertTrue(answer > 10_000, "a large answer: " + answer);

      assertTrue(connection.closedWithin(Duration.ofSeconds(20)), "closed while not reading");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void givenMoreConnectionsThanAClientMayOpen_theLongestWaitingAreClosedAndAPromptOneIsServed() {
    service(ConnectionLimits.DEFAULT.withCaps(100, 8));

    List<RawConnection> opened = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      RawConnection connection = RawConnection.open(service.base).send(HEAD_START);
      slow.add(connection);
      opened.add(connection);
      // Let the service admit them in this order.
      awaitAdmitted(i + 1);
    }

    for (int i = 0; i < 4; i++) {
      assertTrue(opened.get(i).closedWithin(Duration.ofSeconds(5)), "oldest " + i + " closed");
    }
    for (int i = 4; i < 12; i++) assertTrue(opened.get(i).stillOpen(), "newer " + i + " open");
    assertEquals(200, promptly(service.request("/healthz").GET()).statusCode());
    assertFalse(opened.get(4).stillOpen(), "the longest-waiting made room for it");
  }

  @Test
  void givenTwoClients_oneAtItsCap_onlyItsOwnConnectionsMakeRoom() throws Exception {
    InetAddress first = InetAddress.getByName("127.0.0.2");
    InetAddress second = InetAddress.getByName("127.0.0.3");
    assumeTrue(bindable(first) && bindable(second), "Linux routes all of 127/8 to loopback");
    service(ConnectionLimits.DEFAULT.withCaps(100, 3));

    List<RawConnection> firsts = new ArrayList<>();
    List<RawConnection> seconds = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      seconds.add(RawConnection.open(service.base, second).send(HEAD_START));
      awaitAdmitted(2 * i + 1);
      firsts.add(RawConnection.open(service.base, first).send(HEAD_START));
      awaitAdmitted(2 * i + 2);
    }
    slow.addAll(firsts);
    slow.addAll(seconds);
    RawConnection more = RawConnection.open(service.base, first).send(HEAD_START);
    slow.add(more);

    assertTrue(firsts.get(0).closedWithin(Duration.ofSeconds(5)), "its own oldest made room");
    for (RawConnection other : seconds) assertTrue(other.stillOpen(), "the other client's stay");
    assertTrue(more.stillOpen());
  }

  @Test
  void givenTheTotalCap_theLongestWaitingOfAnyClientMakesRoom() throws Exception {
    InetAddress other = InetAddress.getByName("127.0.0.2");
    assumeTrue(bindable(other), "Linux routes all of 127/8 to loopback");
    service(ConnectionLimits.DEFAULT.withCaps(4, 100));

    List<RawConnection> opened = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      opened.add(RawConnection.open(service.base).send(HEAD_START));
      awaitAdmitted(i + 1);
    }
    slow.addAll(opened);
    RawConnection newcomer = RawConnection.open(service.base, other).send(HEAD_START);
    slow.add(newcomer);

    assertTrue(opened.get(0).closedWithin(Duration.ofSeconds(5)), "the longest-waiting");
    for (int i = 1; i < 4; i++) assertTrue(opened.get(i).stillOpen(), "the others stay " + i);
    assertTrue(newcomer.stillOpen());
  }

  @Test
  void givenSlowClientsOpen_stop_closesThemWithoutWaitingForTheirDeadlines() {
    service(ConnectionLimits.DEFAULT);
    openSlow(50);
    awaitAdmitted(50);

    long started = System.nanoTime();
    service.application.stop();
    long tookMillis = (System.nanoTime() - started) / 1_000_000;

    assertTrue(tookMillis < 2_000, "no wait for slow clients: " + tookMillis + " ms");
    for (RawConnection connection : slow) {
      assertTrue(connection.closedWithin(Duration.ofSeconds(5)), "closed by the stop");
    }
  }

  /** Waits until the service has admitted {@code count} connections, by its own count. */
  void awaitAdmitted(int count) {
    awaitTrue(
        () -> service.application.connectionsAccepted() >= count,
        Duration.ofSeconds(5),
        count + " connections admitted");
  }

  static boolean bindable(InetAddress address) {
    try (java.net.Socket socket = new java.net.Socket()) {
      socket.bind(new java.net.InetSocketAddress(address, 0));
      return true;
    } catch (IOException notHere) {
      return false;
    }
  }
}
