package io.github.ralphresume.app.http;

import io.github.ralphresume.domain.json.JsonObject;
import io.github.ralphresume.domain.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one error body: an RFC 9457 problem detail, sent as {@code application/problem+json}. The
 * {@code type} is a tag URI per kind of problem, so clients can tell a malformed body from an
 * invalid id without parsing the detail.
 *
 * @param status the HTTP status
 * @param kind the last part of the type URI, e.g. {@code malformed-json}
 * @param title a short summary that is the same for every problem of this kind
 * @param detail what went wrong with this request, in one sentence, without a stack trace
 */
record Problem(int status, String kind, String title, String detail) {
  static final String MEDIA_TYPE = "application/problem+json";
  static final String TYPE_PREFIX = "tag:ralphresume.github.io,2026:problem/";

  /** The type URI. */
  String type() {
    return TYPE_PREFIX + kind;
  }

  static Problem malformedJson(String detail) {
    return new Problem(400, "malformed-json", "Malformed JSON", detail);
  }

  /** The bytes are not an HTTP/1.1 request: its framing (line, headers, body length) is broken. */
  static Problem malformedRequest(String detail) {
    return new Problem(400, "malformed-request", "Malformed request", detail);
  }

  static Problem invalidRequest(String detail) {
    return new Problem(400, "invalid-request", "Invalid request", detail);
  }

  static Problem unauthorized(String detail) {
    return new Problem(401, "unauthorized", "Unauthorized", detail);
  }

  static Problem notFound(String detail) {
    return new Problem(404, "not-found", "Not found", detail);
  }

  static Problem methodNotAllowed(String detail) {
    return new Problem(405, "method-not-allowed", "Method not allowed", detail);
  }

  static Problem symlinkRefused(String detail) {
    return new Problem(409, "symlink-refused", "Symbolic link refused", detail);
  }

  static Problem lockLost(String detail) {
    return new Problem(409, "lock-lost", "Resume lock lost", detail);
  }

  static Problem payloadTooLarge(String detail) {
    return new Problem(413, "payload-too-large", "Payload too large", detail);
  }

  static Problem internalError(String detail) {
    return new Problem(500, "internal-error", "Internal error", detail);
  }

  static Problem unavailable(String detail) {
    return new Problem(503, "unavailable", "Service unavailable", detail);
  }

  /** The body, members in the RFC's order. */
  JsonObject toJson() {
    Map<String, JsonValue> body = new LinkedHashMap<>();
    body.put("type", JsonValue.of(type()));
    body.put("title", JsonValue.of(title));
    body.put("status", JsonValue.of(status));
    body.put("detail", JsonValue.of(detail));
    return new JsonObject(body);
  }

  /** A caller-supplied value quoted for a detail, cut short so a huge value cannot flood it. */
  static String quote(String value) {
    String shown = value.length() > 80 ? value.substring(0, 80) + "…" : value;
    return "\"" + shown + "\"";
  }
}
