package io.github.ralphresume.testing;

import io.github.ralphresume.adapters.fs.FileCurrentSessionLocator;
import io.github.ralphresume.adapters.fs.FileRalphStateStore;
import io.github.ralphresume.adapters.fs.FileTransferJournal;
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
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A real OMX state dir ({@code <root>/.omx/state}) in a temp directory, the documents tests write
 * into it, and the use cases wired to it through the file adapters: the one fixture every module's
 * tests share (the adapters' own, the CLI's, the HTTP service's), published in this module's
 * test-jar.
 */
public final class StateDirFixture {
  /** The fixed moment of {@link #CLOCK}. */
  public static final Instant NOW = Instant.parse("2026-02-22T12:00:00.000Z");

  /** {@link #NOW} as the documents spell it. */
  public static final String NOW_ISO = "2026-02-22T12:00:00.000Z";

  /** A clock stopped at {@link #NOW}. */
  public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  /** The Codex session that owns {@link #activeLoop}. */
  public static final String CODEX = "codex-session-1";

  /** The project: the state dir's grandparent. */
  public final Path project;

  /** {@code <project>/.omx/state}. */
  public final Path stateDir;

  /** The environment the use cases see ({@link #currentSession}, {@link #pane}). */
  public final Map<String, String> env = new HashMap<>();

  /** The clock the use cases read; {@link #CLOCK} unless a test sets another. */
  public Clock clock = CLOCK;

  /** A state dir with an empty {@code sessions} directory under {@code root}. */
  public StateDirFixture(Path root) {
    this.project = root;
    this.stateDir = root.resolve(".omx").resolve("state");
    createDirectories(stateDir.resolve("sessions"));
  }

  /**
   * A state dir where a reconcile for {@link #CODEX} resumes: session {@code sess-current} without
   * a document, and {@code sess-prior} with {@link #activeLoop}.
   */
  public static StateDirFixture resumable(Path root) {
    return new StateDirFixture(root).session("sess-current").write("sess-prior", activeLoop(""));
  }

  // ---- writing the state dir ----

  /** The current OMX session, named by {@code OMX_SESSION_ID}, with its directory. */
  public StateDirFixture currentSession(String id) {
    env.put("OMX_SESSION_ID", id);
    return session(id);
  }

  /** A session directory, without a document. */
  public StateDirFixture session(String id) {
    createDirectories(sessionDir(id));
    return this;
  }

  /** {@code TMUX_PANE} in the use cases' environment. */
  public StateDirFixture pane(String pane) {
    env.put("TMUX_PANE", pane);
    return this;
  }

  /** The session's {@code ralph-state.json}, with its directory. */
  public StateDirFixture write(String session, String json) {
    return writeBytes(session, json.getBytes(StandardCharsets.UTF_8));
  }

  /** The session's {@code ralph-state.json} as raw bytes, with its directory. */
  public StateDirFixture writeBytes(String session, byte[] bytes) {
    session(session);
    try {
      Files.write(document(session), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** {@code <stateDir>/session.json}. */
  public StateDirFixture sessionFile(String json) {
    try {
      Files.writeString(stateDir.resolve("session.json"), json, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** A usable {@code session.json} naming {@code id}, with its session directory. */
  public StateDirFixture currentBySessionFile(String id) {
    return session(id).sessionFile("{\"session_id\": \"" + id + "\"}");
  }

  /** Sets the modification time of the session's document. */
  public StateDirFixture modified(String session, Instant when) {
    try {
      Files.setLastModifiedTime(document(session), FileTime.from(when));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Holds the resume lock as another process would: a fresh directory with its own token. */
  public void holdLock() {
    createDirectories(lockDir());
    try {
      Files.writeString(lockDir().resolve("owner"), "4242.1.other-holder");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void releaseLock() {
    deleteRecursively(lockDir());
  }

  /** Removes everything in the state dir and recreates an empty one. */
  public void clear() {
    deleteRecursively(stateDir);
    createDirectories(stateDir.resolve("sessions"));
  }

  /**
   * The explain golden's priors, at {@link #NOW}: a fresh loop of Codex session {@code codex-1}
   * ({@code sess-a}), another conversation's ({@code sess-b}), a stale one of {@code codex-1}
   * ({@code sess-c}) and a finished one ({@code sess-d}).
   */
  public StateDirFixture fourPriors() {
    write(
        "sess-a",
        ralph(
            "\"owner_codex_session_id\": \"codex-1\",\n"
                + "  \"updated_at\": \"2026-02-22T11:59:00.000Z\""));
    write(
        "sess-b",
        ralph(
            "\"owner_codex_session_id\": \"codex-2\",\n"
                + "  \"updated_at\": \"2026-02-22T11:59:00.000Z\""));
    write(
        "sess-c",
        ralph(
            "\"owner_codex_session_id\": \"codex-1\",\n"
                + "  \"updated_at\": \"2026-02-19T09:00:00.000Z\""));
    return write(
        "sess-d",
        "{\"active\": true, \"current_phase\": \"complete\","
            + " \"owner_codex_session_id\": \"codex-1\"}");
  }

  // ---- reading it ----

  public Path sessionDir(String session) {
    return stateDir.resolve("sessions").resolve(session);
  }

  public Path document(String session) {
    return sessionDir(session).resolve("ralph-state.json");
  }

  public Path lockDir() {
    return stateDir.resolve(".lock.ralph-session-resume");
  }

  public String read(String session) {
    try {
      return Files.readString(document(session), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public boolean exists(String session) {
    return Files.exists(document(session));
  }

  /** Whether the session's document is an active loop ({@code "active": true}). */
  public boolean active(String session) {
    return exists(session) && read(session).contains("\"active\": true");
  }

  /**
   * Every file and directory under the state dir by relative path, with its modification time and
   * bytes: a write, even of the same bytes, or a temp file made and removed again, shows.
   */
  public Map<String, String> snapshot() {
    return snapshot(stateDir);
  }

  /** {@link #snapshot()} of any directory. */
  public static Map<String, String> snapshot(Path dir) {
    Map<String, String> all = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.toList()) {
        String modified = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toString();
        all.put(
            dir.relativize(file).toString(),
            modified
                + " "
                + (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                    ? new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)
                    : "<dir>"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return all;
  }

  /** Every path under the state dir with the text of each file, without times. */
  public String contents() {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.walk(stateDir)) {
      for (Path file : files.sorted().toList()) {
        all.append(stateDir.relativize(file)).append('\n');
        if (Files.isRegularFile(file)) all.append(Files.readString(file)).append('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return all.toString();
  }

  /** Each session's ralph-state.json text, by session id (sessions without one are left out). */
  public Map<String, String> documents() {
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

  /** Copies the state dir to {@code target}, modification times included. */
  public void copyTo(Path target) {
    try (Stream<Path> files = Files.walk(stateDir)) {
      for (Path file : files.toList()) {
        Path copy = target.resolve(stateDir.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
      // Directories last: copying their files changed their times.
      try (Stream<Path> dirs = Files.walk(stateDir)) {
        for (Path dir : dirs.filter(Files::isDirectory).toList()) {
          Files.setLastModifiedTime(
              target.resolve(stateDir.relativize(dir).toString()), Files.getLastModifiedTime(dir));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- the use cases over it ----

  public Environment environment() {
    return Environment.injected(env);
  }

  /** The injected {@code TMUX_PANE} as given (trimmed, validated), as the original uses it. */
  public static PaneLocator envPane() {
    return environment -> environment.get("TMUX_PANE").map(JsStrings::trim).flatMap(PaneId::parse);
  }

  /** The reconcile over the file adapters, with {@link #envPane} and {@link #clock}. */
  public ReconcileRalphResume reconcileUseCase() {
    return reconcileUseCase(new FileRalphStateStore(stateDir));
  }

  /** The reconcile over {@code store} and the other file adapters. */
  public ReconcileRalphResume reconcileUseCase(FileRalphStateStore store) {
    return new ReconcileRalphResume(
        store,
        new MkdirResumeLock(stateDir),
        new FileCurrentSessionLocator(store),
        envPane(),
        new FileTransferJournal(stateDir),
        clock);
  }

  /** The reconcile over the file adapters, telling {@code steps} each step of a transfer. */
  public ReconcileRalphResume reconcileUseCase(TransferSteps steps) {
    FileRalphStateStore store = new FileRalphStateStore(stateDir);
    return new ReconcileRalphResume(
        steps.store(store),
        new MkdirResumeLock(stateDir),
        new FileCurrentSessionLocator(store),
        envPane(),
        steps.journal(new FileTransferJournal(stateDir)),
        clock);
  }

  public ReconcileOutcome reconcile(String codexSessionId, String threadId) {
    return reconcileUseCase()
        .reconcile(new ReconcileRequest(codexSessionId, threadId, environment()));
  }

  /** The dry run of {@link #reconcile}, as {@code explain} makes it. */
  public Explanation explain(String codexSessionId, String threadId) {
    FileRalphStateStore store = new FileRalphStateStore(stateDir);
    return new ExplainReconcile(
            store,
            new FileCurrentSessionLocator(store),
            envPane(),
            new FileTransferJournal(stateDir),
            clock)
        .explain(new ReconcileRequest(codexSessionId, threadId, environment()));
  }

  // ---- documents ----

  /** A Ralph document as the reference tests write them, plus extra members. */
  public static String ralph(String extraMembers) {
    return "{\n  \"active\": true,\n  \"iteration\": 4,\n  \"max_iterations\": 10,\n"
        + "  \"current_phase\": \"executing\""
        + (extraMembers.isEmpty() ? "" : ",\n  " + extraMembers)
        + "\n}";
  }

  /** An active loop owned by {@code codexSession}, last updated {@code ago} before now. */
  public static String loopOwnedBy(String codexSession, Duration ago) {
    return ralph(
        "\"owner_codex_session_id\": \""
            + codexSession
            + "\",\n  \"updated_at\": \""
            + Instant.now().minus(ago)
            + "\"");
  }

  /** An active loop of {@link #CODEX}, updated a minute ago, with {@code extra} members after. */
  public static String activeLoop(String extra) {
    String loop = loopOwnedBy(CODEX, Duration.ofMinutes(1));
    return loop.substring(0, loop.length() - "\n}".length()) + extra + "\n}";
  }

  // ---- files ----

  public static void createDirectories(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Removes {@code dir} and everything in it, without following links; absent is fine. */
  public static void deleteRecursively(Path dir) {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) return;
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
