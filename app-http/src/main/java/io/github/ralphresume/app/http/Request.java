package io.github.ralphresume.app.http;

import java.util.Map;
import java.util.Optional;

/**
 * What a handler gets of a request that found its route and passed the token check.
 *
 * @param pathParameters the values of the route's {@code {name}} segments, as sent (not decoded)
 * @param query the query parameters, decoded; the first of repeated names wins
 * @param body the body, at most {@link Dispatcher#MAX_BODY_BYTES}
 */
record Request(Map<String, String> pathParameters, Map<String, String> query, byte[] body) {
  Request {
    pathParameters = Map.copyOf(pathParameters);
    query = Map.copyOf(query);
  }

  Optional<String> queryParameter(String name) {
    return Optional.ofNullable(query.get(name));
  }
}
