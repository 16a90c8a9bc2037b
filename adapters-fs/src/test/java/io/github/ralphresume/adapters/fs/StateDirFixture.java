package io.github.ralphresume.adapters.fs;

import io.github.ralphresume.domain.model.Environment;
import io.github.ralphresume.domain.model.PaneId;
import io.github.ralphresume.domain.port.PaneLocator;
import io.github.ralphresume.domain.usecase.ReconcileRalphResume;
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

/** A real state dir in a temp directory, and the use case wired to it with the fs adapters. */
final class StateDirFixture {
  static final Instant NOW = Instant.parse("2026-02-22T12:00:00.000Z");
  static final String NOW_ISO = "2026-02-22T12:00:00.000Z";

  final Path stateDir;
  final Map<String, String> env = new HashMap<>();
  Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

  StateDirFixture(Path root) {
    this.stateDir = root.resolve(".omx").resolve("state");
    try {
      Files.createDirectories(stateDir.resolve("sessions"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The current OMX session, named by OMX_SESSION_ID, with its directory. */
  StateDirFixture currentSession(String id) {
    env.put("OMX_SESSION_ID", id);
    return session(id);
  }

  StateDirFixture session(String id) {
    try {
      Files.createDirectories(stateDir.resolve("sessions").resolve(id));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  StateDirFixture pane(String pane) {
    env.put("TMUX_PANE", pane);
    return this;
  }

  StateDirFixture write(String session, String json) {
    session(session);
    try {
      Files.writeString(document(session), json, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  StateDirFixture modified(String session, Instant when) {
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

  boolean exists(String session) {
    return Files.exists(document(session));
  }

  Environment environment() {
    return Environment.injected(env);
  }

  ReconcileRalphResume useCase() {
    FileRalphStateStore store = new FileRalphStateStore(stateDir);
    return useCase(store);
  }

  ReconcileRalphResume useCase(FileRalphStateStore store) {
    return new ReconcileRalphResume(
        store,
        new MkdirResumeLock(stateDir),
        new FileCurrentSessionLocator(store),
        envPane(),
        new FileTransferJournal(stateDir),
        clock);
  }

  /** The injected TMUX_PANE, used as given, as the original does for injected environments. */
  static PaneLocator envPane() {
    return environment -> environment.get("TMUX_PANE").map(String::trim).flatMap(PaneId::parse);
  }

  /** A Ralph document as the reference tests write them, plus extra members. */
  static String ralph(String extraMembers) {
    return "{\n  \"active\": true,\n  \"iteration\": 4,\n  \"max_iterations\": 10,\n"
        + "  \"current_phase\": \"executing\""
        + (extraMembers.isEmpty() ? "" : ",\n  " + extraMembers)
        + "\n}";
  }
}
