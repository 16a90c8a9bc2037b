package io.github.ralphresume.app.http;

import io.github.ralphresume.domain.model.ResumeReason;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** The service's counters, rendered in the Prometheus text format (version 0.0.4). */
final class Metrics {
  static final String MEDIA_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  /** Seconds; a reconcile takes milliseconds, a contended one up to the 5 s lock timeout. */
  private static final double[] BUCKETS = {
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10
  };

  private final Map<ResumeReason, LongAdder> reconciles = new EnumMap<>(ResumeReason.class);
  private final LongAdder reconcileFailures = new LongAdder();
  private final Histogram reconcileSeconds = new Histogram();
  private final Histogram lockWaitSeconds = new Histogram();
  private final LongAdder lockTimeouts = new LongAdder();
  private final Map<RequestKey, LongAdder> requests = new ConcurrentHashMap<>();

  private record RequestKey(String route, int status) {}

  Metrics() {
    // Every reason from the start, so a rate over a reason that has not happened yet is 0.
    for (ResumeReason reason : ResumeReason.values()) reconciles.put(reason, new LongAdder());
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

  void requestServed(String route, int status) {
    requests.computeIfAbsent(new RequestKey(route, status), key -> new LongAdder()).increment();
  }

  String render(int requestsInFlight) {
    StringBuilder out = new StringBuilder(4096);
    header(out, "ralph_resume_reconciles_total", "counter",
        "Reconciles answered, by reason (resume_lock_timeout included).");
    reconciles.forEach((reason, count) ->
        sample(out, "ralph_resume_reconciles_total", "reason", reason.wireName(), count.sum()));
    header(out, "ralph_resume_reconcile_failures_total", "counter",
        "Reconciles that failed with an error (answered 409 or 500).");
    out.append("ralph_resume_reconcile_failures_total ").append(reconcileFailures.sum())
        .append('\n');
    reconcileSeconds.render(out, "ralph_resume_reconcile_duration_seconds",
        "Time to serve a reconcile, lock wait included.");
    lockWaitSeconds.render(out, "ralph_resume_lock_wait_seconds",
        "Time spent acquiring the resume lock; the count is the number of lock waits.");
    header(out, "ralph_resume_lock_timeouts_total", "counter",
        "Lock waits that gave up after the timeout (reason resume_lock_timeout).");
    out.append("ralph_resume_lock_timeouts_total ").append(lockTimeouts.sum()).append('\n');
    header(out, "ralph_resume_http_requests_total", "counter",
        "HTTP requests answered, by route template and status.");
    requests.entrySet().stream()
        .sorted(Map.Entry.comparingByKey(
            Comparator.comparing(RequestKey::route).thenComparingInt(RequestKey::status)))
        .forEach(entry -> out.append("ralph_resume_http_requests_total{route=\"")
            .append(escape(entry.getKey().route())).append("\",status=\"")
            .append(entry.getKey().status()).append("\"} ")
            .append(entry.getValue().sum()).append('\n'));
    header(out, "ralph_resume_http_requests_in_flight", "gauge",
        "HTTP requests being served right now.");
    out.append("ralph_resume_http_requests_in_flight ").append(requestsInFlight).append('\n');
    return out.toString();
  }

  private static void header(StringBuilder out, String name, String type, String help) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static void sample(StringBuilder out, String name, String label, String value, long n) {
    out.append(name).append('{').append(label).append("=\"").append(escape(value)).append("\"} ")
        .append(n).append('\n');
  }

  /** Label values escape backslash, double quote and line feed. */
  static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  /** A cumulative histogram of durations, read consistently under its own lock. */
  private static final class Histogram {
    private final long[] counts = new long[BUCKETS.length];
    private long count;
    private double sumSeconds;

    synchronized void observe(long nanos) {
      double seconds = nanos / 1e9;
      for (int i = 0; i < BUCKETS.length; i++) {
        if (seconds <= BUCKETS[i]) counts[i]++;
      }
      count++;
      sumSeconds += seconds;
    }

    synchronized void render(StringBuilder out, String name, String help) {
      header(out, name, "histogram", help);
      for (int i = 0; i < BUCKETS.length; i++) {
        out.append(name).append("_bucket{le=\"").append(BUCKETS[i]).append("\"} ")
            .append(counts[i]).append('\n');
      }
      out.append(name).append("_bucket{le=\"+Inf\"} ").append(count).append('\n');
      out.append(name).append("_sum ").append(sumSeconds).append('\n');
      out.append(name).append("_count ").append(count).append('\n');
    }
  }
}
