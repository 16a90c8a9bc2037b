package io.github.ralphresume.app.http;

import static io.github.ralphresume.app.http.ServiceFixture.json;
import static io.github.ralphresume.testing.StateDirFixture.loopOwnedBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests framed wrongly, sent on real sockets: each is a 400 problem, logged in one line without
 * a stack trace, and the connection closes. And the framings a client may rightly use (chunked
 * bodies, pipelining, HTTP/1.0, {@code Expect: 100-continue}, HEAD) keep working.
 */
@Timeout(30)
class RequestFramingTest {
  static final String BODY = "{\"codexSessionId\":\"codex-1\",\"omxSessionId\":\"sess-current\"}";
  static final String AUTHORIZED =
      "Host: 127.0.0.1\r\nAuthorization: Bearer " + ServiceFixture.TOKEN + "\r\n";

  @TempDir Path root;
  ServiceFixture service;
  final List<LogRecord> logged = new ArrayList<>();
  final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          synchronized (logged) {
            logged.add(record);
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  final Logger serviceLogs = Logger.getLogger("io.github.ralphresume.app.http");

  @BeforeEach
  void setUp() {
    service =
        new ServiceFixture(root)
            .session("sess-current")
            .write("sess-prior", loopOwnedBy("codex-1", Duration.ofMinutes(1)))
            .start();
    serviceLogs.addHandler(capture);
  }

  @AfterEach
  void tearDown() {
    serviceLogs.removeHandler(capture);
    service.close();
  }

  RawConnection connect() {
    return RawConnection.open(service.base);
  }

  static void assertMalformed(RawConnection.Answer answer) {
    assertEquals(400, answer.status(), answer.body());
    assertEquals("application/problem+json", answer.header("Content-Type"));
    assertEquals("close", answer.header("Connection"));
    JsonNode problem = json(answer.body());
    assertEquals(
        Problem.TYPE_PREFIX + "malformed-request", problem.path("type").asText(), answer.body());
    assertEquals(400, problem.path("status").asInt());
    assertFalse(answer.body().contains("Exception"), answer.body());
  }

  List<LogRecord> logged() {
    synchronized (logged) {
      return List.copyOf(logged);
    }
  }

  @Test
  void givenChunkSizeThatIsNotHex_reconcile_400ProblemLoggedInOneLineWithoutAStackTrace() {
    try (RawConnection connection = connect()) {
      connection.send(
          "POST /v1/reconcile HTTP/1.1\r\n"
              + AUTHORIZED
              + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
              + "ZZZ\r\n"
              + BODY
              + "\r\n0\r\n\r\n");
      RawConnection.Answer answer = connection.read();

      assertMalformed(answer);
      assertEquals(
          "the chunk size \"ZZZ\" is not a hexadecimal number",
          json(answer.body()).path("detail").asText());
      assertTrue(connection.closedWithin(Duration.ofSeconds(5)), "the connection is closed");
    }
    List<LogRecord> records = logged();
    assertEquals(1, records.size(), "one record: " + records.stream().map(LogRecord::getMessage));
    LogRecord record = records.get(0);
    assertEquals(Level.WARNING, record.getLevel());
    assertNull(record.getThrown(), "no stack trace");
    assertFalse(record.getMessage().contains("\n"), record.getMessage());
    assertTrue(record.getMessage().contains("chunk size \"ZZZ\""), record.getMessage());
    assertTrue(
        service.state.read("sess-prior").contains("\"active\": true"), "nothing was reconciled");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // The request line.
        "GARBAGE\r\n\r\n",
        "GET /healthz\r\n\r\n",
        "GET  /healthz HTTP/1.1\r\n\r\n",
        "GET /healthz HTTP/2.0\r\n\r\n",
        "G(T /healthz HTTP/1.1\r\n\r\n",
        "GET /a b HTTP/1.1\r\n\r\n",
        "GET /%zz HTTP/1.1\r\n\r\n",
        // Headers.
        "GET /healthz HTTP/1.1\r\nHost : x\r\n\r\n",
        "GET /healthz HTTP/1.1\r\nno colon\r\n\r\n",
        "GET /healthz HTTP/1.1\r\nX-A: 1\r\n folded\r\n\r\n",
        "GET /healthz HTTP/1.1\r\nX-A: a\u0000b\r\n\r\n",
        "GET /healthz HTTP/1.1\r\nX-A: a\rb\r\n\r\n",
        // Body framing.
        "POST /v1/reconcile HTTP/1.1\r\nContent-Length: abc\r\n\r\n",
        "POST /v1/reconcile HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
        "POST /v1/reconcile HTTP/1.1\r\nContent-Length: 5, 6\r\n\r\nabcde",
        "POST /v1/reconcile HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nabcde",
        "POST /v1/reconcile HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n",
        "POST /v1/reconcile HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n",
        "POST /v1/reconcile HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
        "POST /v1/reconcile HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n",
        "POST /v1/reconcile HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n-5\r\n",
        "POST /v1/reconcile HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n\r\n",
        "POST /v1/reconcile HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0x5\r\n",
        "POST /v1/reconcile HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n",
        "POST /v1/reconcile HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\rx0\r\n\r\n"
      })
  void givenMalformedFraming_400MalformedRequestAndClose(String request) {
    try (RawConnection connection = connect()) {
      connection.send(request);

      assertMalformed(connection.read());
      assertTrue(connection.closedWithin(Duration.ofSeconds(5)), "the connection is closed");
    }
    assertEquals(1, logged().size());
    assertNull(logged().get(0).getThrown());
  }

  @Test
  void givenHeadLargerThanTheLimit_400MalformedRequest() {
    try (RawConnection connection = connect()) {
      connection.send("GET /healthz HTTP/1.1\r\nX-Big: " + "b".repeat(20 * 1024) + "\r\n\r\n");

      RawConnection.Answer answer = connection.read();

      assertMalformed(answer);
      assertTrue(json(answer.body()).path("detail").asText().contains("16 KiB"), answer.body());
    }
  }

  @Test
  void givenChunkSizeLineLongerThan1KiB_400MalformedRequest() {
    try (RawConnection connection = connect()) {
      connection.send(
          "POST /v1/reconcile HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1;"
              + "x".repeat(2000)
              + "\r\n");

      assertMalformed(connection.read());
    }
  }

  @Test
  void givenChunkedBodyWithExtensionsAndTrailers_reconcile_isServed() {
    String first = BODY.substring(0, 20);
    String rest = BODY.substring(20);
    try (RawConnection connection = connect()) {
      connection.send(
          "POST /v1/reconcile HTTP/1.1\r\n"
              + AUTHORIZED
              + "Transfer-Encoding: chunked\r\n\r\n"
              + Integer.toHexString(first.length())
              + ";name=value\r\n"
              + first
              + "\r\n"
              + Integer.toHexString(rest.length()).toUpperCase()
              + "\r\n"
              + rest
              + "\r\n0\r\nX-Trailer: t\r\n\r\n");

      RawConnection.Answer answer = connection.read();

      assertEquals(200, answer.status(), answer.body());
      assertEquals("resumed_same_codex_session", json(answer.body()).path("reason").asText());
    }
  }

  @Test
  void givenPipelinedRequests_eachIsAnsweredInOrderOnOneConnection() {
    try (RawConnection connection = connect()) {
      connection.send(
          "GET /v1/sessions/sess-prior/ralph-state HTTP/1.1\r\n"
              + AUTHORIZED
              + "\r\n"
              + "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
              + "POST /v1/reconcile HTTP/1.1\r\n"
              + AUTHORIZED
              + "Content-Length: "
              + BODY.length()
              + "\r\n\r\n"
              + BODY);

      RawConnection.Answer document = connection.read();
      RawConnection.Answer health = connection.read();
      RawConnection.Answer reconcile = connection.read();

      assertEquals(200, document.status());
      assertTrue(document.body().contains("\"active\": true"), "read before the reconcile");
      assertEquals("{\"status\":\"ok\"}", health.body());
      assertEquals("resumed_same_codex_session", json(reconcile.body()).path("reason").asText());
      assertTrue(connection.stillOpen(), "kept alive");
    }
  }

  @Test
  void givenEmptyLinesBeforeTheRequestLine_theyAreIgnored() {
    try (RawConnection connection = connect()) {
      connection.send("\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");

      assertEquals(200, connection.read().status());
    }
  }

  @Test
  void givenHttp10Request_itIsAnsweredAndTheConnectionClosed() {
    try (RawConnection connection = connect()) {
      connection.send("GET /healthz HTTP/1.0\r\n\r\n");

      RawConnection.Answer answer = connection.read();

      assertEquals(200, answer.status());
      assertEquals("close", answer.header("Connection"));
      assertTrue(connection.closedWithin(Duration.ofSeconds(5)));
    }
  }

  @Test
  void givenExpect100Continue_theServiceAsksForTheBodyThenAnswers() {
    try (RawConnection connection = connect()) {
      connection.send(
          "POST /v1/reconcile HTTP/1.1\r\n"
              + AUTHORIZED
              + "Expect: 100-continue\r\nContent-Length: "
              + BODY.length()
              + "\r\n\r\n");
      RawConnection.Answer interim = connection.readHead();
      connection.send(BODY);
      RawConnection.Answer answer = connection.read();

      assertEquals(100, interim.status());
      assertEquals(200, answer.status(), answer.body());
      assertEquals("resumed_same_codex_session", json(answer.body()).path("reason").asText());
    }
  }

  @Test
  void givenHeadRequest_theAnswerHasHeadersOnly() {
    try (RawConnection connection = connect()) {
      connection.send(
          "HEAD /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");

      RawConnection.Answer head = connection.readHead();
      RawConnection.Answer next = connection.read();

      assertEquals(405, head.status());
      assertEquals("GET", head.header("Allow"));
      assertEquals(200, next.status(), "no body came between the two answers");
      assertEquals("{\"status\":\"ok\"}", next.body());
    }
  }

  @Test
  void givenDeclaredBodyOver64KiB_413WithoutReadingItAndTheConnectionCloses() {
    try (RawConnection connection = connect()) {
      connection.send(
          "POST /v1/reconcile HTTP/1.1\r\n" + AUTHORIZED + "Content-Length: 10000000\r\n\r\n{");

      RawConnection.Answer answer = connection.read();

      assertEquals(413, answer.status(), answer.body());
      assertEquals("close", answer.header("Connection"));
      assertTrue(connection.closedWithin(Duration.ofSeconds(5)));
    }
  }
}
