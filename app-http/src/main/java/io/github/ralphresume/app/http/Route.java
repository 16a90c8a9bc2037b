package io.github.ralphresume.app.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One served route: a method, a path template whose {@code {name}} segments match one path segment
 * each (the OpenAPI notation, so the contract test compares them as written), and its handler.
 */
record Route(String method, String template, Handler handler) {
  /** Serves one request that matched the route. */
  @FunctionalInterface
  interface Handler {
    Response handle(Request request);
  }

  /** Every path under {@code /v1}, served or not, needs the bearer token. */
  static boolean needsToken(String path) {
    return path.equals("/v1") || path.startsWith("/v1/");
  }

  boolean needsToken() {
    return needsToken(template);
  }

  /** The path parameters, if {@code rawPath} matches the template. */
  Optional<Map<String, String>> match(String rawPath) {
    String[] expected = template.split("/", -1);
    String[] actual = rawPath.split("/", -1);
    if (expected.length != actual.length) return Optional.empty();
    Map<String, String> parameters = new LinkedHashMap<>();
    for (int i = 0; i < expected.length; i++) {
      String segment = expected[i];
      if (segment.startsWith("{") && segment.endsWith("}")) {
        if (actual[i].isEmpty()) return Optional.empty();
        parameters.put(segment.substring(1, segment.length() - 1), actual[i]);
      } else if (!segment.equals(actual[i])) {
        return Optional.empty();
      }
    }
    return Optional.of(parameters);
  }
}
