package io.github.ralphresume.app.http;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One complete request as it came off the wire, framing checked.
 *
 * @param method the method, as sent (case-sensitive)
 * @param rawPath the path of the request target, not decoded
 * @param rawQuery the query, not decoded; null when there is none
 * @param http10 whether the request is HTTP/1.0
 * @param headers the header values by lower-case name, in the order received
 * @param body the body, at most {@link Dispatcher#MAX_BODY_BYTES}; empty when too large
 * @param bodyTooLarge whether the body is over the limit (declared or streamed); it was not read
 * @param keepAlive whether the client lets the connection serve another request
 */
record IncomingRequest(
    String method,
    String rawPath,
    String rawQuery,
    boolean http10,
    Map<String, List<String>> headers,
    byte[] body,
    boolean bodyTooLarge,
    boolean keepAlive) {

  IncomingRequest {
    headers = Map.copyOf(headers);
  }

  /** Every value of the header {@code name}, in order; empty when absent. */
  List<String> header(String name) {
    return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
  }

  /** The first value of the header {@code name}. */
  Optional<String> firstHeader(String name) {
    List<String> values = header(name);
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }
}
