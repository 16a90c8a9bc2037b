package io.github.ralphresume.app.cli;

import io.github.ralphresume.adapters.fs.FileCurrentSessionLocator;
import io.github.ralphresume.adapters.fs.FileRalphStateStore;
import io.github.ralphresume.adapters.fs.FileTransferJournal;
import io.github.ralphresume.adapters.fs.FileTransferJournalSnapshot;
import io.github.ralphresume.adapters.fs.MkdirResumeLock;
import io.github.ralphresume.domain.js.JsStrings;
import io.github.ralphresume.domain.model.Environment;
import io.github.ralphresume.domain.model.Explanation;
import io.github.ralphresume.domain.model.PaneId;
import io.github.ralphresume.domain.model.ReconcileOutcome;
import io.github.ralphresume.domain.port.PaneLocator;
import io.github.ralphresume.domain.usecase.ExplainReconcile;
import io.github.ralphresume.domain.usecase.ReconcileRalphResume;
import io.github.ralphresume.domain.usecase.ReconcileRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A real state dir at a fixed moment, with the use cases wired to it through the fs adapters, for
 * comparing what explain says with what reconcile (or sweep) then does.
 */
final class ScenarioDir {
  static final Instant NOW = Instant.parse("2026-02-22T12:00:00.000Z");
  static final String NOW_ISO = "2026-02-22T12:00:00.000Z";
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  final Path stateDir;
  final Map<String, String> env = new HashMap<>();

  ScenarioDir(Path root) {
    stateDir = root.resolve(".omx").resolve("state");
    mkdirs(stateDir.resolve("sessions"));
  }

  ScenarioDir currentSession(String id) {
    env.put("OMX_SESSION_ID", id);
    return session(id);
  }

  ScenarioDir session(String id) {
    mkdirs(stateDir.resolve("sessions").resolve(id));
    return this;
  }

  ScenarioDir pane(String pane) {
    env.put("TMUX_PANE", pane);
    return this;
  }

  ScenarioDir write(String session, String json) {
    session(session);
    writeFile(document(session), json);
    return this;
  }

  ScenarioDir sessionFile(String json) {
    writeFile(stateDir.resolve("session.json"), json);
    return this;
  }

  ScenarioDir modified(String session, Instant when) {
    try {
      Files.setLastModifiedTime(document(session), FileTime.from(when));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  Path document(String session) {
    return stateDir.resolve("sessions").resolve(session).resolve("ralph-state.json");
  }

  String read(String session) {
    try {
      return Files.readString(document(session), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Environment environment() {
    return Environment.injected(env);
  }

  /** The injected TMUX_PANE as given (trimmed, validated), as the original uses an injected one. */
  static PaneLocator envPane() {
    return environment -> environment.get("TMUX_PANE").map(JsStrings::trim).flatMap(PaneId::parse);
  }

  Explanation explain(String codexSessionId, String threadId) {
    FileRalphStateStore store = new FileRalphStateStore(stateDir);
    return new ExplainReconcile(
            store,
            new FileCurrentSessionLocator(store),
            envPane(),
            new FileTransferJournalSnapshot(stateDir),
            CLOCK)
        .explain(new ReconcileRequest(codexSessionId, threadId, environment()));
  }

  ReconcileRalphResume reconcileUseCase() {
    FileRalphStateStore store = new FileRalphStateStore(stateDir);
    return new ReconcileRalphResume(
        store,
        new MkdirResumeLock(stateDir),
        new FileCurrentSessionLocator(store),
        envPane(),
        new FileTransferJournal(stateDir),
        CLOCK);
  }

  ReconcileOutcome reconcile(String codexSessionId, String threadId) {
    return reconcileUseCase()
        .reconcile(new ReconcileRequest(codexSessionId, threadId, environment()));
  }

  /** Every file under the state dir (and every directory), by relative path, with its bytes. */
  Map<String, String> snapshot() {
    return snapshot(stateDir);
  }

  static Map<String, String> snapshot(Path dir) {
    Map<String, String> all = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.toList()) {
        String key = dir.relativize(file).toString();
        // Modification times too: a temp file written and removed again changes its dir's.
        String modified = Files.getLastModifiedTime(file).toString();
        all.put(
            key,
            modified
                + " "
                + (Files.isRegularFile(file)
                    ? new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)
                    : "<dir>"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return all;
  }

  /** Each session's ralph-state.json text, by session id (sessions without one are left out). */
  Map<String, String> documents() {
    Map<String, String> all = new TreeMap<>();
    try (Stream<Path> sessions = Files.list(stateDir.resolve("sessions"))) {
      for (Path session : sessions.toList()) {
        Path file = session.resolve("ralph-state.json");
        if (Files.isRegularFile(file)) {
          all.put(
              session.getFileName().toString(),
              new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return all;
  }

  /** A Ralph document as the reference tests write them, plus extra members. */
  static String ralph(String extraMembers) {
    return "{\n  \"active\": true,\n  \"iteration\": 4,\n  \"max_iterations\": 10,\n"
        + "  \"current_phase\": \"executing\""
        + (extraMembers.isEmpty() ? "" : ",\n  " + extraMembers)
        + "\n}";
  }

  private static void writeFile(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void mkdirs(Path path) {
    try {
      Files.createDirectories(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
