package io.github.ralphresume.app.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** A real state dir for CLI tests: a prior session with an active loop, a current session. */
final class StateDir {
  static final String CODEX = "codex-session-1";

  final Path project;
  final Path dir;

  StateDir(Path root) {
    project = root;
    dir = root.resolve(".omx").resolve("state");
    mkdirs(dir.resolve("sessions").resolve("sess-current"));
  }

  static String activeLoop(String extra) {
    return "{\n  \"active\": true,\n  \"iteration\": 4,\n  \"max_iterations\": 10,\n"
        + "  \"current_phase\": \"executing\",\n"
        + "  \"owner_codex_session_id\": \""
        + CODEX
        + "\",\n"
        + "  \"updated_at\": \""
        + Instant.now().minusSeconds(60)
        + "\""
        + extra
        + "\n}";
  }

  StateDir prior(String session, String json) {
    Path file = document(session);
    mkdirs(file.getParent());
    try {
      Files.writeString(file, json, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  Path document(String session) {
    return dir.resolve("sessions").resolve(session).resolve("ralph-state.json");
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

  /** Whether the document is an active loop ({@code "active": true}). */
  boolean active(String session) {
    return exists(session) && read(session).contains("\"active\": true");
  }

  String snapshot() {
    StringBuilder all = new StringBuilder();
    try (var files = Files.walk(dir)) {
      for (Path file : files.sorted().toList()) {
        all.append(dir.relativize(file)).append('\n');
        if (Files.isRegularFile(file)) all.append(Files.readString(file)).append('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return all.toString();
  }

  private static void mkdirs(Path path) {
    try {
      Files.createDirectories(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
