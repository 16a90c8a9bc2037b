package io.github.ralphresume.app.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a handler answers.
 *
 * @param status the HTTP status
 * @param contentType the media type of {@code body}
 * @param body the bytes sent
 * @param headers further headers, e.g. {@code Allow}
 */
record Response(int status, String contentType, byte[] body, Map<String, String> headers) {
  static final String JSON = "application/json";

  Response {
    headers = Map.copyOf(headers);
  }

  static Response json(int status, byte[] body) {
    return new Response(status, JSON, body, Map.of());
  }

  static Response json(int status, String body) {
    return json(status, body.getBytes(StandardCharsets.UTF_8));
  }

  Response withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new Response(status, contentType, body, more);
  }
}
