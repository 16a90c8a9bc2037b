package io.github.ralphresume.app.http;

import java.time.Duration;
import java.util.Objects;

/**
 * What a connection may cost the service before it is closed, so that clients that are slow, silent
 * or many cannot take the workers, the descriptors or the memory from clients that send a request
 * promptly.
 *
 * @param headerTimeout from the connection's accept (or, on a kept-alive connection, from the first
 *     byte of its next request) until the request's head is complete
 * @param bodyTimeout from the end of the head until the whole body has arrived
 * @param idleTimeout how long a kept-alive connection may wait for its next request
 * @param writeTimeout how long a client may take to read an answer
 * @param maxConnections open connections in all; at the cap, the longest-waiting connection that
 *     has no request in progress is closed to make room, else the new one is
 * @param maxConnectionsPerClient open connections from one remote address, with the same rule
 * @param maxHeadBytes the request line and headers together
 */
record ConnectionLimits(
    Duration headerTimeout,
    Duration bodyTimeout,
    Duration idleTimeout,
    Duration writeTimeout,
    int maxConnections,
    int maxConnectionsPerClient,
    int maxHeadBytes) {

  /**
   * A local client sends a request of a few hundred bytes in well under a millisecond; 5 s leaves
   * room for a loaded machine and none for a client that trickles.
   */
  static final ConnectionLimits DEFAULT =
      new ConnectionLimits(
          Duration.ofSeconds(5),
          Duration.ofSeconds(5),
          Duration.ofSeconds(30),
          Duration.ofSeconds(10),
          512,
          256,
          16 * 1024);

  ConnectionLimits {
    for (Duration timeout :
        new Duration[] {headerTimeout, bodyTimeout, idleTimeout, writeTimeout}) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeouts must be positive");
      }
    }
    if (maxConnections < 1 || maxConnectionsPerClient < 1) {
      throw new IllegalArgumentException("connection caps must be positive");
    }
    if (maxHeadBytes < 1024) throw new IllegalArgumentException("maxHeadBytes below 1 KiB");
  }

  ConnectionLimits withTimeouts(Duration header, Duration body, Duration idle, Duration write) {
    return new ConnectionLimits(
        header, body, idle, write, maxConnections, maxConnectionsPerClient, maxHeadBytes);
  }

  ConnectionLimits withCaps(int total, int perClient) {
    return new ConnectionLimits(
        headerTimeout, bodyTimeout, idleTimeout, writeTimeout, total, perClient, maxHeadBytes);
  }
}
