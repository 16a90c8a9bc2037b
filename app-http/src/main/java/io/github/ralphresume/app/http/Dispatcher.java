package io.github.ralphresume.app.http;

import io.github.ralphresume.domain.json.JsonText;
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
final class Dispatcher implements NioHttpServer.Handler {
  /** Bodies above 64 KiB are refused; a reconcile body is a few hundred bytes. */
  static final int MAX_BODY_BYTES = 64 * 1024;

  static final String UNMATCHED = "unmatched";

  private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());

  private final List<Route> routes;
  private final ApiToken token;
  private final Metrics metrics;
  private final InFlight inFlight;

  Dispatcher(List<Route> routes, ApiToken token, Metrics metrics, InFlight inFlight) {
    this.routes = List.copyOf(routes);
    this.token = token;
    this.metrics = metrics;
    this.inFlight = inFlight;
  }

  /** A response and the route template it is counted under. */
  private record Served(String route, Response response) {}

  @Override
  public NioHttpServer.Reply handle(IncomingRequest request) {
    boolean counted = inFlight.enter();
    Served served =
        counted
            ? serve(request)
            : new Served(
                UNMATCHED,
                problem(
                        Problem.unavailable(
                            "the service is stopping; requests in flight finish, new ones are refused"))
                    .withHeader("Connection", "close"));
    Response response = withSecurityHeaders(served.response());
    // Counted out once the answer is written (or lost), so a stop waits for it to reach the client.
    return new NioHttpServer.Reply(
        response,
        () -> {
          metrics.requestServed(served.route(), response.status());
          if (counted) inFlight.exit();
        });
  }

  @Override
  public Response refusal(Problem problem) {
    metrics.requestServed(UNMATCHED, problem.status());
    return withSecurityHeaders(problem(problem));
  }

  private static Response withSecurityHeaders(Response response) {
    return response
        .withHeader("Cache-Control", "no-store")
        .withHeader("X-Content-Type-Options", "nosniff");
  }

  private Served serve(IncomingRequest exchange) {
    String method = exchange.method();
    String path = exchange.rawPath();
    String routeLabel = UNMATCHED;
    try {
      if (Route.needsToken(path)) {
        Optional<String> refusal = refusal(exchange.header("Authorization"));
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
      if (exchange.bodyTooLarge()) throw tooLarge();
      Request request = new Request(parameters, query(exchange.rawQuery()), exchange.body());
      return new Served(routeLabel, found.handler().handle(request));
    } catch (ProblemException expected) {
      return new Served(routeLabel, problem(expected.problem()));
    } catch (RuntimeException unexpected) {
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
  private Optional<String> refusal(List<String> values) {
    if (values.isEmpty()) {
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
    return new Response(
        problem.status(),
        Problem.MEDIA_TYPE,
        JsonText.compact(problem.toJson()).getBytes(StandardCharsets.UTF_8),
        Map.of());
  }
}
