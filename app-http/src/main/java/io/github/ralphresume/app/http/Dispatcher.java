package io.github.ralphresume.app.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The one handler behind every path: counts the request in, checks the token for {@code /v1}, finds
 * the route (404, 405 with {@code Allow}), bounds the body (413), runs the handler and turns
 * anything it throws into a problem response; no stack trace ever leaves the process.
 */
final class Dispatcher implements HttpHandler {
  /** Bodies above 64 KiB are refused; a reconcile body is a few hundred bytes. */
  static final int MAX_BODY_BYTES = 64 * 1024;

  static final String UNMATCHED = "unmatched";

  private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());

  private final List<Route> routes;
  private final ApiToken token;
  private final ObjectMapper mapper;
  private final Metrics metrics;
  private final InFlight inFlight;

  Dispatcher(
      List<Route> routes, ApiToken token, ObjectMapper mapper, Metrics metrics, InFlight inFlight) {
    this.routes = List.copyOf(routes);
    this.token = token;
    this.mapper = mapper;
    this.metrics = metrics;
    this.inFlight = inFlight;
  }

  /** A response and the route template it is counted under. */
  private record Served(String route, Response response) {}

  @Override
  public void handle(HttpExchange exchange) {
    boolean counted = inFlight.enter();
    Served served =
        counted
            ? serve(exchange)
            : new Served(
                UNMATCHED,
                problem(
                        Problem.unavailable(
                            "the service is stopping; requests in flight finish, new ones are refused"))
                    .withHeader("Connection", "close"));
    try {
      send(exchange, served.response());
    } catch (IOException clientGone) {
      // The client closed the connection; there is nobody left to answer.
    } finally {
      exchange.close();
      metrics.requestServed(served.route(), served.response().status());
      if (counted) inFlight.exit();
    }
  }

  private Served serve(HttpExchange exchange) {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath();
    String routeLabel = UNMATCHED;
    try {
      if (Route.needsToken(path)) {
        Optional<String> refusal = refusal(exchange.getRequestHeaders());
        if (refusal.isPresent()) {
          return new Served(
              UNMATCHED,
              problem(Problem.unauthorized(refusal.get()))
                  .withHeader("WWW-Authenticate", "Bearer realm=\"ralph-resume\""));
        }
      }
      Route found = null;
      Map<String, String> parameters = Map.of();
      TreeSet<String> allowed = new TreeSet<>();
      for (Route route : routes) {
        Optional<Map<String, String>> match = route.match(path);
        if (match.isEmpty()) continue;
        allowed.add(route.method());
        if (route.method().equals(method)) {
          found = route;
          parameters = match.get();
        }
      }
      if (found == null && allowed.isEmpty()) {
        return new Served(
            UNMATCHED,
            problem(
                Problem.notFound("no route " + Problem.quote(path) + "; see GET /openapi.json")));
      }
      if (found == null) {
        String allow = String.join(", ", allowed);
        return new Served(
            UNMATCHED,
            problem(
                    Problem.methodNotAllowed(
                        Problem.quote(method)
                            + " is not allowed on "
                            + Problem.quote(path)
                            + "; allowed: "
                            + allow))
                .withHeader("Allow", allow));
      }
      routeLabel = found.template();
      byte[] body = readBody(exchange);
      Request request =
          new Request(parameters, query(exchange.getRequestURI().getRawQuery()), body);
      return new Served(routeLabel, found.handler().handle(request));
    } catch (ProblemException expected) {
      return new Served(routeLabel, problem(expected.problem()));
    } catch (IOException | RuntimeException unexpected) {
      LOG.log(System.Logger.Level.ERROR, "failed to serve " + method + " " + path, unexpected);
      return new Served(
          routeLabel,
          problem(
              Problem.internalError(
                  "the request failed unexpectedly ("
                      + unexpected.getClass().getSimpleName()
                      + "); the service log has the details")));
    }
  }

  /** Why the request may not use {@code /v1}, if it may not. */
  private Optional<String> refusal(Headers headers) {
    List<String> values = headers.get("Authorization");
    if (values == null || values.isEmpty()) {
      return Optional.of("this route needs the header Authorization: Bearer <token>");
    }
    if (values.size() > 1) return Optional.of("send exactly one Authorization header");
    String value = values.get(0).strip();
    int space = value.indexOf(' ');
    if (space < 0 || !value.substring(0, space).equalsIgnoreCase("Bearer")) {
      return Optional.of("the Authorization header must use the Bearer scheme");
    }
    if (!token.matches(value.substring(space + 1).strip())) {
      return Optional.of("the bearer token is not this service's token");
    }
    return Optional.empty();
  }

  /** At most {@link #MAX_BODY_BYTES}; a declared or actual larger body is a 413. */
  private static byte[] readBody(HttpExchange exchange) throws IOException {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared != null) {
      try {
        if (Long.parseLong(declared.strip()) > MAX_BODY_BYTES) throw tooLarge();
      } catch (NumberFormatException notANumber) {
        throw new ProblemException(Problem.invalidRequest("Content-Length is not a number"));
      }
    }
    InputStream in = exchange.getRequestBody();
    byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
    if (body.length > MAX_BODY_BYTES) throw tooLarge();
    return body;
  }

  private static ProblemException tooLarge() {
    return new ProblemException(
        Problem.payloadTooLarge("the body is larger than " + MAX_BODY_BYTES + " bytes (64 KiB)"));
  }

  /** Query parameters, decoded; the first of repeated names wins. */
  static Map<String, String> query(String rawQuery) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) return parameters;
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) continue;
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      try {
        parameters.putIfAbsent(
            URLDecoder.decode(name, StandardCharsets.UTF_8),
            URLDecoder.decode(value, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException malformed) {
        throw new ProblemException(Problem.invalidRequest("the query string is not well encoded"));
      }
    }
    return parameters;
  }

  private Response problem(Problem problem) {
    try {
      return new Response(
          problem.status(),
          Problem.MEDIA_TYPE,
          mapper.writeValueAsBytes(problem.toJson(mapper)),
          Map.of());
    } catch (JsonProcessingException impossible) {
      throw new UncheckedIOException(impossible);
    }
  }

  private static void send(HttpExchange exchange, Response response) throws IOException {
    Headers headers = exchange.getResponseHeaders();
    headers.set("Content-Type", response.contentType());
    headers.set("Cache-Control", "no-store");
    headers.set("X-Content-Type-Options", "nosniff");
    response.headers().forEach(headers::set);
    byte[] body = response.body();
    // A HEAD answer has headers only; the JDK server refuses a body for it.
    boolean withBody = body.length > 0 && !"HEAD".equals(exchange.getRequestMethod());
    exchange.sendResponseHeaders(response.status(), withBody ? body.length : -1);
    if (withBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
