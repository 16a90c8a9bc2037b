package io.github.ralphresume.app.http.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load script (not a test): the latency of {@code POST /v1/reconcile} against the real service,
 * started as its own JVM from {@code app-http/target/ralph-resume-http.jar}, on a generated state
 * dir of many sessions. One client sends the requests one after another over a kept-alive
 * connection and reports p50/p90/p99/max as the client sees them (HTTP included).
 *
 * <pre>
 * ./mvnw -q -o -pl app-http -am package -DskipTests
 * java -cp app-http/target/test-classes \
 *     io.github.ralphresume.app.http.bench.ReconcileLoad [options]
 *
 *   --sessions N        sessions to generate (default 10000)
 *   --requests N        measured requests (default 5000)
 *   --warmup N          requests before measuring (default 2000)
 *   --case C            nomatch (default): the current session has no document and the payload
 *                       owns no loop, so every prior session is judged and nothing is written;
 *                       active: the current session holds the payload's fresh loop (no write)
 *   --no-index          start the service with --no-index (every reconcile reads every session)
 *   --churn N           meanwhile rewrite N random documents per second, in place, from this
 *                       process (as OMX updates its loops)
 *   --node-generator    generate with bench/generate.mjs instead of the built-in generator
 *   --jar PATH          the service jar (default app-http/target/ralph-resume-http.jar)
 *   --keep              keep the generated state dir
 *   --java-opts "..."   the service JVM's options (default: bin/ralph-resume-http's default,
 *                       {@value #DEFAULT_JAVA_OPTIONS}; "" for none)
 * </pre>
 */
public final class ReconcileLoad {
  static final String TOKEN = "bench-token-0123456789abcdef";

  /** The JVM options {@code bin/ralph-resume-http} uses when none are given: keep them equal. */
  static final String DEFAULT_JAVA_OPTIONS = "-XX:+UseSerialGC -Xshare:auto";

  private static final Pattern LISTENING = Pattern.compile("listening on (http://[^ ]+)");

  private ReconcileLoad() {}

  record Options(
      int sessions,
      int requests,
      int warmup,
      String scenario,
      boolean index,
      int churn,
      boolean nodeGenerator,
      Path jar,
      boolean keep,
      List<String> javaOptions) {}

  record Generated(
      Path stateDir, String currentSession, String noMatchCodexSession, List<Path> documents) {}

  public static void main(String[] args) throws Exception {
    Options options = parse(args);
    Path out = Files.createTempDirectory("ralph-resume-load-");
    long generating = System.nanoTime();
    Generated generated =
        options.nodeGenerator()
            ? generateWithNode(out, options.sessions())
            : StateDirGenerator.generate(out, options.sessions(), 7);
    System.out.printf(
        Locale.ROOT,
        "generated %d sessions in %s (%.1f s)%n",
        options.sessions(),
        generated.stateDir(),
        (System.nanoTime() - generating) / 1e9);
    String codexSession = generated.noMatchCodexSession();
    if (options.scenario().equals("active")) {
      codexSession = "019a0000-bench-7000-8000-activeloop00";
      Files.writeString(
          generated
              .stateDir()
              .resolve("sessions")
              .resolve(generated.currentSession())
              .resolve("ralph-state.json"),
          StateDirGenerator.activeLoop(codexSession, generated.currentSession(), Instant.now()));
    }

    Process server = startServer(options, generated.stateDir());
    AtomicBoolean churning = new AtomicBoolean(options.churn() > 0);
    Thread churn = null;
    try {
      URI base = URI.create(awaitListening(server));
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      if (options.index()) {
        long waited = System.nanoTime();
        awaitIndexReady(client, base);
        System.out.printf(
            Locale.ROOT, "warm index ready after %.2f s%n", (System.nanoTime() - waited) / 1e9);
      }
      AtomicLong churned = new AtomicLong();
      if (options.churn() > 0) {
        churn = churner(generated.documents(), options.churn(), churning, churned);
        churn.start();
      }
      String body =
          "{\"codexSessionId\":\""
              + codexSession
              + "\",\"omxSessionId\":\""
              + generated.currentSession()
              + "\",\"tmuxPane\":\"%7\"}";
      HttpRequest request =
          HttpRequest.newBuilder(base.resolve("/v1/reconcile"))
              .header("Authorization", "Bearer " + TOKEN)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build();
      String expected =
          options.scenario().equals("active")
              ? "\"reason\":\"current_ralph_active\""
              : "\"reason\":\"no_matching_prior_ralph\"";
      for (int i = 0; i < options.warmup(); i++) send(client, request, expected);
      long[] nanos = new long[options.requests()];
      long started = System.nanoTime();
      for (int i = 0; i < nanos.length; i++) {
        long before = System.nanoTime();
        send(client, request, expected);
        nanos[i] = System.nanoTime() - before;
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      Arrays.sort(nanos);
      System.out.printf(
          Locale.ROOT,
          "POST /v1/reconcile, case %s, %d sessions, index %s%s: %d requests in %.1f s%n"
              + "  p50 %.3f ms  p90 %.3f ms  p99 %.3f ms  max %.3f ms%n",
          options.scenario(),
          options.sessions(),
          options.index() ? "on" : "off",
          options.churn() > 0
              ? ", churn " + options.churn() + "/s (" + churned.get() + " writes)"
              : "",
          nanos.length,
          seconds,
          percentile(nanos, 50),
          percentile(nanos, 90),
          percentile(nanos, 99),
          nanos[nanos.length - 1] / 1e6);
      System.out.println(listings(client, base));
    } finally {
      churning.set(false);
      if (churn != null) churn.join();
      server.destroy();
      server.waitFor();
      if (!options.keep()) deleteRecursively(out);
    }
  }

  static double percentile(long[] sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
  }

  static void send(HttpClient client, HttpRequest request, String expected) throws Exception {
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200 || !response.body().contains(expected)) {
      throw new IllegalStateException(
          "unexpected answer " + response.statusCode() + ": " + response.body());
    }
  }

  static Process startServer(Options options, Path stateDir) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>(List.of(java.toString()));
    command.addAll(options.javaOptions());
    command.addAll(
        List.of(
            "-jar", options.jar().toString(), "--state-dir", stateDir.toString(), "--port", "0"));
    if (!options.index()) command.add("--no-index");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().put("RALPH_RESUME_HTTP_TOKEN", TOKEN);
    return builder.start();
  }

  static String awaitListening(Process server) throws IOException {
    BufferedReader lines =
        new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      Matcher matcher = LISTENING.matcher(line);
      if (matcher.find()) {
        Thread drain =
            new Thread(
                () -> {
                  try {
                    lines.transferTo(java.io.Writer.nullWriter());
                  } catch (IOException ignored) {
                    // The server stopped.
                  }
                });
        drain.setDaemon(true);
        drain.start();
        return matcher.group(1);
      }
    }
    throw new IllegalStateException("the service did not start");
  }

  static void awaitIndexReady(HttpClient client, URI base) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (System.nanoTime() < deadline) {
      String metrics =
          client
              .send(
                  HttpRequest.newBuilder(base.resolve("/metrics")).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      if (metrics.contains("\nralph_resume_index_ready 1\n")) return;
      Thread.sleep(20);
    }
    throw new IllegalStateException("the warm index never became ready");
  }

  /** How the service listed priors, and its own reconcile and lock-wait histograms. */
  static String listings(HttpClient client, URI base) throws Exception {
    String metrics =
        client
            .send(
                HttpRequest.newBuilder(base.resolve("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    return "  "
        + String.join(
            ", ",
            metrics
                .lines()
                .filter(
                    line ->
                        line.startsWith("ralph_resume_reconcile_listings_total{")
                            || line.startsWith("ralph_resume_index_rebuilds_total "))
                .toList())
        + "\n  server side, cumulative (<= 1 ms, 2.5 ms, 5 ms, 10 ms of all):"
        + "\n    reconcile "
        + buckets(metrics, "ralph_resume_reconcile_duration_seconds")
        + "\n    lock wait "
        + buckets(metrics, "ralph_resume_lock_wait_seconds")
        + "\n    index (<= 0.1 ms, 0.25 ms, 0.5 ms, 1 ms of all) "
        + buckets(
            metrics,
            "ralph_resume_index_listing_seconds",
            List.of("1.0E-4", "2.5E-4", "5.0E-4", "0.001"));
  }

  static String buckets(String metrics, String histogram) {
    return buckets(metrics, histogram, List.of("0.001", "0.0025", "0.005", "0.01"));
  }

  static String buckets(String metrics, String histogram, List<String> bounds) {
    Map<String, Long> counts = new HashMap<>();
    metrics
        .lines()
        .filter(line -> line.startsWith(histogram + "_bucket{le=\""))
        .forEach(
            line ->
                counts.put(
                    line.substring(line.indexOf('"') + 1, line.lastIndexOf('"')),
                    Long.parseLong(line.substring(line.lastIndexOf(' ') + 1))));
    double all = counts.getOrDefault("+Inf", 0L);
    if (all == 0) return "(none)";
    StringBuilder out = new StringBuilder();
    for (String le : bounds) {
      out.append(String.format(Locale.ROOT, "%.1f%% ", 100 * counts.getOrDefault(le, 0L) / all));
    }
    return out.toString().strip();
  }

  /** Rewrites random documents in place at {@code perSecond}, keeping their kind. */
  static Thread churner(
      List<Path> documents, int perSecond, AtomicBoolean running, AtomicLong written) {
    Thread thread =
        new Thread(
            () -> {
              Random random = new Random(1);
              long interval = 1_000_000_000L / perSecond;
              long next = System.nanoTime();
              while (running.get()) {
                Path document = documents.get(random.nextInt(documents.size()));
                try {
                  String text = Files.readString(document);
                  Files.writeString(
                      document,
                      text.replaceFirst(
                          "\"notes\": \"[^\"]*\"", "\"notes\": \"churn " + written.get() + "\""),
                      StandardOpenOption.TRUNCATE_EXISTING,
                      StandardOpenOption.WRITE);
                  written.incrementAndGet();
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
                next += interval;
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                  try {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              }
            },
            "churn");
    thread.setDaemon(true);
    return thread;
  }

  static Generated generateWithNode(Path out, int sessions) throws Exception {
    Process node =
        new ProcessBuilder(
                "node",
                "bench/generate.mjs",
                "--sessions",
                Integer.toString(sessions),
                "--out",
                out.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String line = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (node.waitFor() != 0) throw new IllegalStateException("bench/generate.mjs failed");
    Map<String, String> fields = new HashMap<>();
    Matcher matcher = Pattern.compile("\"(\\w+)\":\"([^\"]*)\"").matcher(line);
    while (matcher.find()) fields.put(matcher.group(1), matcher.group(2));
    Path stateDir = Path.of(fields.get("stateDir"));
    List<Path> documents;
    try (var listed = Files.list(stateDir.resolve("sessions"))) {
      documents = listed.map(dir -> dir.resolve("ralph-state.json")).filter(Files::exists).toList();
    }
    return new Generated(
        stateDir, fields.get("currentSessionId"), fields.get("noMatchSessionId"), documents);
  }

  static Options parse(String[] args) {
    int sessions = 10_000;
    int requests = 5_000;
    int warmup = 2_000;
    String scenario = "nomatch";
    boolean index = true;
    int churn = 0;
    boolean node = false;
    Path jar = Path.of("app-http/target/ralph-resume-http.jar");
    boolean keep = false;
    String javaOptions = DEFAULT_JAVA_OPTIONS;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--sessions" -> sessions = Integer.parseInt(args[++i]);
        case "--requests" -> requests = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--case" -> scenario = args[++i];
        case "--no-index" -> index = false;
        case "--churn" -> churn = Integer.parseInt(args[++i]);
        case "--node-generator" -> node = true;
        case "--jar" -> jar = Path.of(args[++i]);
        case "--keep" -> keep = true;
        case "--java-opts" -> javaOptions = args[++i];
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (!scenario.equals("nomatch") && !scenario.equals("active")) {
      throw new IllegalArgumentException("--case is nomatch or active");
    }
    if (!Files.isRegularFile(jar)) {
      throw new IllegalArgumentException(
          jar + " is missing: run" + " ./mvnw -q -o -pl app-http -am package -DskipTests first");
    }
    return new Options(
        sessions,
        requests,
        warmup,
        scenario,
        index,
        churn,
        node,
        jar,
        keep,
        javaOptions.isBlank() ? List.of() : List.of(javaOptions.strip().split("\\s+")));
  }

  static void deleteRecursively(Path dir) throws IOException {
    try (var walk = Files.walk(dir)) {
      for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
