package com.example.ralph.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedReconcileTest {
  @TempDir Path project;

  @Test
  void givenAPriorLoopOfTheConversation_run_movesItAndPointsItAtOurPane() throws IOException {
    Path stateDir = project.resolve(".omx/state");
    Files.createDirectories(stateDir.resolve("sessions/sess-new"));
    Path prior = stateDir.resolve("sessions/sess-old/ralph-state.json");
    Files.createDirectories(prior.getParent());
    Files.writeString(prior, "{\n  \"active\": true,\n  \"iteration\": 3,\n"
        + "  \"current_phase\": \"executing\",\n  \"owner_codex_session_id\": \"codex-7\",\n"
        + "  \"updated_at\": \"" + Instant.now() + "\"\n}\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int status = EmbeddedReconcile.run(
        new String[] {stateDir.toString(), "codex-7", "%21"},
        Map.of("OMX_SESSION_ID", "sess-new"),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));

    String printed = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
    assertTrue(printed.startsWith("{\"currentOmxSessionId\":\"sess-new\",\"resumed\":true,"),
        printed);
    assertTrue(printed.contains("Moved the loop from "), printed);
    String moved = Files.readString(stateDir.resolve("sessions/sess-new/ralph-state.json"));
    assertTrue(moved.contains("\"tmux_pane_id\": \"%21\""), moved);
    assertTrue(moved.contains("\"owner_omx_session_id\": \"sess-new\""), moved);
    assertTrue(Files.readString(prior).contains("\"active\": false"), Files.readString(prior));
  }

  @Test
  void givenNoPriorLoop_run_movesNothing() throws IOException {
    Path stateDir = project.resolve(".omx/state");
    Files.createDirectories(stateDir.resolve("sessions/sess-new"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int status = EmbeddedReconcile.run(
        new String[] {stateDir.toString(), "codex-7"}, Map.of("OMX_SESSION_ID", "sess-new"),
        new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

    assertEquals(0, status);
    assertTrue(out.toString(StandardCharsets.UTF_8)
        .endsWith("Nothing moved: no_matching_prior_ralph.\n"), out::toString);
  }
}
