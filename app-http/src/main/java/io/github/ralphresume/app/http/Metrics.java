package io.github.ralphresume.app.http;

import io.github.ralphresume.domain.model.ResumeReason;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** The service's counters, rendered in the Prometheus text format (version 0.0.4). */
final class Metrics {
  static final String MEDIA_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  /** Seconds; a reconcile takes milliseconds, a contended one up to the 5 s lock timeout. */
  private static final double[] BUCKETS = {
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10
  };

  /** Seconds; the warm index answers in tens of microseconds, or gives up after 0.2 s. */
  private static final double[] INDEX_BUCKETS = {
    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05, 0.25
  };

  static final String DROP_HEADER_TIMEOUT = "header_timeout";
  static final String DROP_BODY_TIMEOUT = "body_timeout";
  static final String DROP_IDLE_TIMEOUT = "idle_timeout";
  static final String DROP_WRITE_TIMEOUT = "write_timeout";
  static final String DROP_EVICTED = "evicted";
  static final String DROP_REFUSED = "refused";

  private final Map<ResumeReason, LongAdder> reconciles = new EnumMap<>(ResumeReason.class);
  private final LongAdder reconcileFailures = new LongAdder();
  private final Histogram reconcileSeconds = new Histogram(BUCKETS);
  private final Histogram lockWaitSeconds = new Histogram(BUCKETS);
  private final LongAdder lockTimeouts = new LongAdder();
  private final Map<RequestKey, LongAdder> requests = new ConcurrentHashMap<>();
  private final LongAdder indexedListings = new LongAdder();
  private final LongAdder fullListings = new LongAdder();
  private final LongAdder indexRebuilds = new LongAdder();
  private final Histogram indexListingSeconds = new Histogram(INDEX_BUCKETS);

  private final AtomicInteger openConnections = new AtomicInteger();
  private final LongAdder acceptedConnections = new LongAdder();
  private final Map<String, LongAdder> droppedConnections = new LinkedHashMap<>();

  private record RequestKey(String route, int status) {}

  Metrics() {
    // Every reason from the start, so a rate over a reason that has not happened yet is 0.
    for (ResumeReason reason : ResumeReason.values()) reconciles.put(reason, new LongAdder());
    for (String reason :
        List.of(
            DROP_HEADER_TIMEOUT,
            DROP_BODY_TIMEOUT,
            DROP_IDLE_TIMEOUT,
            DROP_WRITE_TIMEOUT,
            DROP_EVICTED,
            DROP_REFUSED)) {
      droppedConnections.put(reason, new LongAdder());
    }
  }

  void connectionOpened() {
    openConnections.incrementAndGet();
    acceptedConnections.increment();
  }

  /** Connections admitted since the start. */
  long connectionsAccepted() {
    return acceptedConnections.sum();
  }

  /**
   * A connection was closed.
   *
   * @param dropped why the service closed it first (a {@code DROP_} reason), or null
   */
  void connectionClosed(String dropped) {
    openConnections.decrementAndGet();
    if (dropped != null) connectionDropped(dropped);
  }

  /** A connection the service closed before the client did, or refused. */
  void connectionDropped(String reason) {
    droppedConnections.get(reason).increment();
  }

  void reconciled(ResumeReason reason, long nanos) {
    reconciles.get(reason).increment();
    reconcileSeconds.observe(nanos);
  }

  void reconcileFailed(long nanos) {
    reconcileFailures.increment();
    reconcileSeconds.observe(nanos);
  }

  void lockAcquisition(boolean acquired, long nanos) {
    lockWaitSeconds.observe(nanos);
    if (!acquired) lockTimeouts.increment();
  }

  /** A reconcile listed prior sessions through the warm index, or read every session. */
  void listed(boolean indexed, long nanos) {
    (indexed ? indexedListings : fullListings).increment();
    if (indexed) indexListingSeconds.observe(nanos);
  }

  /** The warm index was built from a cold scan. */
  void indexRebuilt(long nanos, int sessions) {
    indexRebuilds.increment();
  }

  void requestServed(String route, int status) {
    requests.computeIfAbsent(new RequestKey(route, status), key -> new LongAdder()).increment();
  }

  /**
   * The exposition.
   *
   * @param indexReady whether the warm index answers now
   * @param indexedSessions the sessions it holds
   */
  String render(int requestsInFlight, boolean indexReady, int indexedSessions) {
    StringBuilder out = new StringBuilder(4096);
    header(
        out,
        "ralph_resume_reconciles_total",
        "counter",
        "Reconciles answered, by reason (resume_lock_timeout included).");
    reconciles.forEach(
        (reason, count) ->
            sample(out, "ralph_resume_reconciles_total", "reason", reason.wireName(), count.sum()));
    header(
        out,
        "ralph_resume_reconcile_failures_total",
        "counter",
        "Reconciles that failed with an error (answered 409 or 500).");
    out.append("ralph_resume_reconcile_failures_total ")
        .append(reconcileFailures.sum())
        .append('\n');
    reconcileSeconds.render(
        out,
        "ralph_resume_reconcile_duration_seconds",
        "Time to serve a reconcile, lock wait included.");
    lockWaitSeconds.render(
        out,
        "ralph_resume_lock_wait_seconds",
        "Time spent acquiring the resume lock; the count is the number of lock waits.");
    header(
        out,
        "ralph_resume_lock_timeouts_total",
        "counter",
        "Lock waits that gave up after the timeout (reason resume_lock_timeout).");
    out.append("ralph_resume_lock_timeouts_total ").append(lockTimeouts.sum()).append('\n');
    header(
        out,
        "ralph_resume_reconcile_listings_total",
        "counter",
        "How reconciles listed the prior sessions: through the warm index (indexed) or by"
            + " reading every session (full).");
    sample(
        out, "ralph_resume_reconcile_listings_total", "listing", "indexed", indexedListings.sum());
    sample(out, "ralph_resume_reconcile_listings_total", "listing", "full", fullListings.sum());
    indexListingSeconds.render(
        out,
        "ralph_resume_index_listing_seconds",
        "Time the warm index took to answer a reconcile's listing, its barrier included.");
    header(
        out,
        "ralph_resume_index_ready",
        "gauge",
        "1 while the warm index of the sessions dir answers, else 0.");
    out.append("ralph_resume_index_ready ").append(indexReady ? 1 : 0).append('\n');
    header(out, "ralph_resume_index_sessions", "gauge", "Sessions the warm index holds.");
    out.append("ralph_resume_index_sessions ").append(indexedSessions).append('\n');
    header(
        out,
        "ralph_resume_index_rebuilds_total",
        "counter",
        "Cold scans that (re)built the warm index: at start, after an overflow or a doubt.");
    out.append("ralph_resume_index_rebuilds_total ").append(indexRebuilds.sum()).append('\n');
    header(
        out,
        "ralph_resume_http_requests_total",
        "counter",
        "HTTP requests answered, by route template and status.");
    requests.entrySet().stream()
        .sorted(
            Map.Entry.comparingByKey(
                Comparator.comparing(RequestKey::route).thenComparingInt(RequestKey::status)))
        .forEach(
            entry ->
                out.append("ralph_resume_http_requests_total{route=\"")
                    .append(escape(entry.getKey().route()))
                    .append("\",status=\"")
                    .append(entry.getKey().status())
                    .append("\"} ")
                    .append(entry.getValue().sum())
                    .append('\n'));
    header(
        out,
        "ralph_resume_http_requests_in_flight",
        "gauge",
        "HTTP requests being served right now.");
    out.append("ralph_resume_http_requests_in_flight ").append(requestsInFlight).append('\n');
    header(
        out,
        "ralph_resume_http_connections_accepted_total",
        "counter",
        "Client connections admitted.");
    out.append("ralph_resume_http_connections_accepted_total ")
        .append(acceptedConnections.sum())
        .append('\n');
    header(out, "ralph_resume_http_connections_open", "gauge", "Open client connections.");
    out.append("ralph_resume_http_connections_open ").append(openConnections.get()).append('\n');
    header(
        out,
        "ralph_resume_http_connections_dropped_total",
        "counter",
        "Connections the service closed before the client did, by reason: a head or body not"
            + " complete in time, a kept-alive connection idle too long, an answer not read in"
            + " time, closed to make room under a connection cap (evicted), or not admitted"
            + " (refused).");
    droppedConnections.forEach(
        (reason, count) ->
            sample(
                out, "ralph_resume_http_connections_dropped_total", "reason", reason, count.sum()));
    return out.toString();
  }

  private static void header(StringBuilder out, String name, String type, String help) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static void sample(StringBuilder out, String name, String label, String value, long n) {
    out.append(name)
        .append('{')
        .append(label)
        .append("=\"")
        .append(escape(value))
        .append("\"} ")
        .append(n)
        .append('\n');
  }

  /** Label values escape backslash, double quote and line feed. */
  static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  /** A cumulative histogram of durations, read consistently under its own lock. */
  private static final class Histogram {
    private final double[] buckets;
    private final long[] counts;
    private long count;
    private double sumSeconds;

    Histogram(double[] buckets) {
      this.buckets = buckets;
      this.counts = new long[buckets.length];
    }

    synchronized void observe(long nanos) {
      double seconds = nanos / 1e9;
      for (int i = 0; i < buckets.length; i++) {
        if (seconds <= buckets[i]) counts[i]++;
      }
      count++;
      sumSeconds += seconds;
    }

    synchronized void render(StringBuilder out, String name, String help) {
      header(out, name, "histogram", help);
      for (int i = 0; i < buckets.length; i++) {
        out.append(name)
            .append("_bucket{le=\"")
            .append(buckets[i])
            .append("\"} ")
            .append(counts[i])
            .append('\n');
      }
      out.append(name).append("_bucket{le=\"+Inf\"} ").append(count).append('\n');
      out.append(name).append("_sum ").append(sumSeconds).append('\n');
      out.append(name).append("_count ").append(count).append('\n');
    }
  }
}
