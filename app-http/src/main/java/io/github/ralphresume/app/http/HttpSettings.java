package io.github.ralphresume.app.http;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the service is configured with, decided once at start-up.
 *
 * @param stateDir the one state dir served, validated; result paths are built from its text
 * @param bindAddress the address to listen on (loopback unless the operator allowed otherwise)
 * @param token the bearer token {@code /v1} requests must present
 * @param environment the server's own environment; only the stale thresholds are used
 * @param clock the clock the use cases read
 * @param drainTimeout how long a stop waits for requests in flight
 * @param workers the request threads; at most this many reconciles wait for the lock at once
 * @param queueCapacity requests waiting for a thread beyond which connections are refused
 * @param warmIndex whether reconciles may use the warm index of the sessions dir (Linux only)
 * @param limits the deadlines and caps every connection is held to
 */
record HttpSettings(
    Path stateDir,
    InetAddress bindAddress,
    ApiToken token,
    Map<String, String> environment,
    Clock clock,
    Duration drainTimeout,
    int workers,
    int queueCapacity,
    boolean warmIndex,
    ConnectionLimits limits) {

  /** Long enough for a reconcile that waits the whole 5 s lock timeout, then writes. */
  static final Duration DEFAULT_DRAIN = Duration.ofSeconds(10);

  static final int DEFAULT_WORKERS = 16;
  static final int DEFAULT_QUEUE = 256;

  HttpSettings {
    Objects.requireNonNull(stateDir, "stateDir");
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(token, "token");
    environment = Map.copyOf(environment);
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(drainTimeout, "drainTimeout");
    Objects.requireNonNull(limits, "limits");
    if (workers < 1 || queueCapacity < 1) {
      throw new IllegalArgumentException("workers and queueCapacity must be positive");
    }
  }

  /**
   * The defaults: the system clock in the local zone, a 10 s drain, 16 workers, the index, and the
   * default connection limits.
   */
  static HttpSettings of(
      Path stateDir, InetAddress bindAddress, ApiToken token, Map<String, String> environment) {
    return new HttpSettings(
        stateDir,
        bindAddress,
        token,
        environment,
        Clock.systemDefaultZone(),
        DEFAULT_DRAIN,
        DEFAULT_WORKERS,
        DEFAULT_QUEUE,
        true,
        ConnectionLimits.DEFAULT);
  }

  HttpSettings withDrainTimeout(Duration timeout) {
    return new HttpSettings(
        stateDir,
        bindAddress,
        token,
        environment,
        clock,
        timeout,
        workers,
        queueCapacity,
        warmIndex,
        limits);
  }

  HttpSettings withWarmIndex(boolean on) {
    return new HttpSettings(
        stateDir,
        bindAddress,
        token,
        environment,
        clock,
        drainTimeout,
        workers,
        queueCapacity,
        on,
        limits);
  }
}
