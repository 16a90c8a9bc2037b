package io.github.ralphresume.app.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.ralphresume.adapters.fs.FileCurrentSessionLocator;
import io.github.ralphresume.adapters.fs.FileRalphStateStore;
import io.github.ralphresume.adapters.fs.FileTransferJournal;
import io.github.ralphresume.domain.json.JsonText;
import io.github.ralphresume.domain.model.Environment;
import io.github.ralphresume.domain.model.Explanation;
import io.github.ralphresume.domain.model.OmxSessionId;
import io.github.ralphresume.domain.model.RalphDocument;
import io.github.ralphresume.domain.usecase.ExplainReconcile;
import io.github.ralphresume.domain.usecase.ReconcileRequest;
import io.github.ralphresume.domain.wire.WireFormat;
import io.github.ralphresume.testing.StateDirFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warm index never changes a decision: while the service runs, other processes (the shell,
 * node, and the TypeScript original itself) change the sessions dir, and right after each change,
 * with no pause, every {@code POST /v1/reconcile} answers exactly what a cold scan of the same dir
 * decides (the explain use case, in this process, which reads every session) and leaves exactly the
 * documents that scan plans.
 */
class WarmIndexAgreementTest {
  static final Path REFERENCE = Path.of("/work/shared/reference/ralph-resume-reference");

  /** Owners enough that a payload owns no loop, one, or several. */
  static final String[] CODEX =
      java.util.stream.IntStream.rangeClosed(1, 24)
          .mapToObj(i -> "codex-" + i)
          .toArray(String[]::new);

  static final String[] THREADS = {"", "", "t-1"};

  @TempDir Path root;
  ServiceFixture service;
  Clock clock;
  Random random;
  int reconciles;
  int scans;
  int indexedScans;

  @AfterEach
  void tearDown() {
    if (service != null) service.close();
  }

  @Test
  void givenShellAndNodeWritersBetweenReconciles_everyAnswer_isTheColdScans() throws Exception {
    assumeTrue(run(List.of("node", "--version"), Map.of()) == 0, "node is needed");
    start(7);
    for (int step = 0; step < 80; step++) {
      changeFromAnotherProcess(step, false);
      reconcileAndCompare(step);
    }
    assertWarmPathTaken();
  }

  @Test
  void givenTheTypeScriptOriginalReconcilingBetweenOurs_everyAnswer_isTheColdScans()
      throws Exception {
    assumeTrue(referenceBuilt(), "the TypeScript original is not built (run its setup.sh)");
    start(11);
    for (int step = 0; step < 50; step++) {
      changeFromAnotherProcess(step, true);
      reconcileAndCompare(step);
    }
    assertWarmPathTaken();
  }

  // ---- the state dir and the service ----

  void start(long seed) throws InterruptedException {
    random = new Random(seed);
    // A fixed moment for the service and the cold scan alike; documents are minutes or days old,
    // so the original, on the real clock, judges them the same.
    clock = Clock.fixed(Instant.now(), ZoneOffset.UTC);
    service = new ServiceFixture(root);
    service.clock = clock;
    for (int i = 0; i < 40; i++) service.write("s" + i, document());
    service.start();
    assertTrue(service.application.index().orElseThrow().awaitReady(Duration.ofSeconds(10)));
  }

  String document() {
    String owner = CODEX[random.nextInt(CODEX.length)];
    Instant when =
        random.nextInt(4) == 0
            ? Instant.now().minus(Duration.ofDays(3))
            : Instant.now().minus(Duration.ofMinutes(1 + random.nextInt(60)));
    String time = "\"updated_at\": \"" + when + "\"";
    return switch (random.nextInt(8)) {
      case 0, 1, 2 ->
          StateDirFixture.ralph("\"owner_codex_session_id\": \"" + owner + "\", " + time);
      case 3 -> StateDirFixture.ralph("\"owner_codex_thread_id\": \"t-1\", " + time);
      case 4 ->
          StateDirFixture.ralph("\"owner_codex_session_id\": \"" + owner + "\", " + time)
              .replace("\"active\": true", "\"active\": false");
      case 5 ->
          StateDirFixture.ralph("\"owner_codex_session_id\": \"" + owner + "\", " + time)
              .replace("executing", "complete");
      case 6 -> "{\"active\": true, \"owner_codex_session_id\": \"" + owner;
      default -> StateDirFixture.ralph(time);
    };
  }

  List<String> sessions() {
    try (Stream<Path> listed = Files.list(service.stateDir.resolve("sessions"))) {
      return listed
          .filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String some() {
    List<String> all = sessions();
    return all.get(random.nextInt(all.size()));
  }

  // ---- other processes ----

  /** One change by another process, which has exited when this returns. */
  void changeFromAnotherProcess(int step, boolean original) throws Exception {
    Path sessions = service.stateDir.resolve("sessions");
    int kind = random.nextInt(original ? 8 : 6);
    String session = some();
    Path document = sessions.resolve(session).resolve("ralph-state.json");
    int status;
    if (kind >= 6) {
      // The TypeScript original reconciles a payload into a session of its choosing.
      String current = random.nextBoolean() ? session : "ts-" + step;
      Files.createDirectories(sessions.resolve(current));
      List<String> command =
          new ArrayList<>(
              List.of(
                  REFERENCE.toString(),
                  "reconcile",
                  "--state-dir",
                  service.stateDir.toString(),
                  "--codex-session-id",
                  CODEX[random.nextInt(CODEX.length)]));
      if (random.nextInt(3) == 0) command.addAll(List.of("--thread-id", "t-1"));
      status = run(command, Map.of("OMX_SESSION_ID", current, "TMUX_PANE", "%" + step));
    } else if (kind <= 1) {
      // node rewrites a document in place, as OMX does.
      status =
          run(
              List.of(
                  "node",
                  "-e",
                  "require('fs').mkdirSync(require('path').dirname(process.argv[1]), {recursive: true});"
                      + "require('fs').writeFileSync(process.argv[1], process.argv[2])",
                  document.toString(),
                  document()),
              Map.of());
    } else if (kind == 2) {
      // The shell replaces one atomically.
      status =
          sh(
              "printf '%s' \"$2\" > \"$1.tmp\" && mv \"$1.tmp\" \"$1\"",
              document.toString(), document());
    } else if (kind == 3) {
      status =
          sh(
              "mkdir -p \"$1\" && printf '%s' \"$2\" > \"$1/ralph-state.json\"",
              sessions.resolve("new-" + step).toString(), document());
    } else if (kind == 4) {
      status =
          sessions().size() > 10
              ? sh("rm -rf \"$1\"", sessions.resolve(session).toString())
              : sh("rm -f \"$1\"", document.toString());
    } else {
      status =
          sh(
              "mv \"$1\" \"$2\"",
              sessions.resolve(session).toString(),
              sessions.resolve("moved-" + step).toString());
    }
    assertEquals(0, status, "step " + step + ": the other process failed");
  }

  static int sh(String script, String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of("sh", "-c", script, "sh"));
    command.addAll(Arrays.asList(arguments));
    return run(command, Map.of());
  }

  static int run(List<String> command, Map<String, String> environment) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().remove("OMX_SESSION_ID");
    builder.environment().remove("CODEX_SESSION_ID");
    builder.environment().remove("SESSION_ID");
    builder.environment().remove("TMUX_PANE");
    builder.environment().putAll(environment);
    Process process;
    try {
      process = builder.start();
    } catch (IOException missing) {
      return -1;
    }
    process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "finished: " + command);
    return process.exitValue();
  }

  static boolean referenceBuilt() throws Exception {
    if (!Files.isExecutable(REFERENCE)) return false;
    Path probe = Files.createTempDirectory("ralph-reference-probe-");
    try {
      return run(
              List.of(REFERENCE.toString(), "reconcile", "--state-dir", probe.toString()), Map.of())
          == 0;
    } finally {
      StateDirFixture.deleteRecursively(probe);
    }
  }

  // ---- the comparison ----

  void reconcileAndCompare(int step) throws IOException {
    // Often a new, empty current session (the reconcile then judges every prior), sometimes an
    // existing one (its loop is rebound, abandoned, or blocks).
    String current = random.nextInt(3) == 0 ? some() : "cur-" + step;
    Files.createDirectories(service.state.sessionDir(current));
    String codex = CODEX[random.nextInt(CODEX.length)];
    String thread = THREADS[random.nextInt(THREADS.length)];

    FileRalphStateStore cold = new FileRalphStateStore(service.stateDir);
    Explanation expected =
        new ExplainReconcile(
                cold,
                new FileCurrentSessionLocator(cold),
                HttpApplication.requestPane(),
                new FileTransferJournal(service.stateDir),
                clock)
            .explain(
                new ReconcileRequest(
                    codex,
                    thread,
                    Environment.injected(Map.of("OMX_SESSION_ID", current, "TMUX_PANE", "%7"))));
    long indexedBefore = listings("indexed");

    HttpResponse<String> response =
        service.reconcile(
            "{\"codexSessionId\":\""
                + codex
                + "\",\"threadId\":\""
                + thread
                + "\",\"omxSessionId\":\""
                + current
                + "\",\"tmuxPane\":\"%7\"}");

    String what = "step " + step + " (" + codex + "/" + thread + " into " + current + ")";
    assertEquals(200, response.statusCode(), what + ": " + response.body());
    assertEquals(
        JsonText.compact(WireFormat.reconcileResult(expected.outcome())), response.body(), what);
    Map<OmxSessionId, Optional<RalphDocument>> planned = new LinkedHashMap<>();
    for (Explanation.PlannedWrite write : expected.writes()) {
      planned.put(write.session(), write.after());
    }
    for (Map.Entry<OmxSessionId, Optional<RalphDocument>> write : planned.entrySet()) {
      Path file = service.state.document(write.getKey().value());
      if (write.getValue().isEmpty()) {
        assertFalse(Files.exists(file), what + ": removed " + file);
      } else {
        assertEquals(
            JsonText.pretty(write.getValue().get().root()),
            Files.readString(file, StandardCharsets.UTF_8),
            what + ": the bytes of " + file);
      }
    }
    reconciles++;
    boolean scanned =
        expected
                .currentDocument()
                .map(document -> document.verdict() == Explanation.CurrentVerdict.MISSING)
                .orElse(false)
            && !(codex.isBlank() && thread.isBlank());
    if (scanned) {
      scans++;
      if (listings("indexed") == indexedBefore + 1) indexedScans++;
    }
  }

  long listings(String how) {
    String metrics = service.send(service.request("/metrics").GET()).body();
    String prefix = "ralph_resume_reconcile_listings_total{listing=\"" + how + "\"} ";
    return metrics
        .lines()
        .filter(line -> line.startsWith(prefix))
        .mapToLong(line -> Long.parseLong(line.substring(prefix.length())))
        .findFirst()
        .orElseThrow();
  }

  /** The comparison is not vacuous: most reconciles judged priors, through the index. */
  void assertWarmPathTaken() {
    assertTrue(scans > reconciles / 2, "most reconciles judged priors: " + scans);
    // A listing may fall back to reading everything (a barrier slow under load); rarely.
    assertTrue(
        indexedScans >= scans * 9 / 10,
        "listed through the warm index: " + indexedScans + " of " + scans);
  }
}
