package io.github.ralphresume.app.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A stand-in for the OpenAI Responses API on 127.0.0.1, so the real Codex CLI runs offline: every
 * {@code POST /v1/responses} is one turn and is answered {@code "answer N"} (N counts turns from 1)
 * as the event stream Codex reads ({@code response.created}, the message item added, its text
 * delta, the item done, {@code response.completed}). Each request is kept for the test to inspect.
 *
 * <p>{@link #main} runs it alone and prints its port, for {@code bench/codex-turn.sh}.
 */
final class MockResponsesApi implements AutoCloseable {
  /** One turn as Codex sent it. */
  record Request(String sessionIdHeader, String body) {}

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  private MockResponsesApi(HttpServer server) {
    this.server = server;
  }

  static MockResponsesApi start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    MockResponsesApi api = new MockResponsesApi(server);
    server.createContext("/v1/responses", api::respond);
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
    return api;
  }

  int port() {
    return server.getAddress().getPort();
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  static String answer(int turn) {
    return "answer " + turn;
  }

  private void respond(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      if (!exchange.getRequestMethod().equals("POST")) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      requests.add(new Request(exchange.getRequestHeaders().getFirst("session-id"), body));
      int turn = requests.size();
      String id = "resp_" + turn;
      String item = "msg_" + turn;
      String text = answer(turn);
      String message =
          "{\"type\":\"message\",\"role\":\"assistant\",\"id\":\""
              + item
              + "\",\"content\":[{\"type\":\"output_text\",\"text\":\""
              + text
              + "\",\"annotations\":[]}]}";
      String stream =
          frame("response.created", "\"response\":{\"id\":\"" + id + "\"}")
              + frame(
                  "response.output_item.added",
                  "\"output_index\":0,\"item\":"
                      + message.replace(
                          "[{\"type\":\"output_text\",\"text\":\""
                              + text
                              + "\",\"annotations\":[]}]",
                          "[]"))
              + frame(
                  "response.output_text.delta",
                  "\"output_index\":0,\"content_index\":0,\"item_id\":\""
                      + item
                      + "\",\"delta\":\""
                      + text
                      + "\"")
              + frame("response.output_item.done", "\"output_index\":0,\"item\":" + message)
              + frame(
                  "response.completed",
                  "\"response\":{\"id\":\""
                      + id
                      + "\",\"usage\":{\"input_tokens\":1,\"output_tokens\":1,"
                      + "\"total_tokens\":2,\"input_tokens_details\":{\"cached_tokens\":0},"
                      + "\"output_tokens_details\":{\"reasoning_tokens\":0}}}");
      byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
      exchange.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private static String frame(String type, String fields) {
    return "event: " + type + "\ndata: {\"type\":\"" + type + "\"," + fields + "}\n\n";
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }

  /** Serves until killed; prints the port on stdout. */
  public static void main(String[] args) throws Exception {
    MockResponsesApi api = start();
    System.out.println(api.port());
    System.out.flush();
    Thread.currentThread().join();
  }
}
