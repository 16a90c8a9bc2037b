package io.github.ralphresume.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Fixtures: Ralph documents shaped like the ones {@code bench/generate.mjs} writes (about 1 KB, the
 * fields the rules read plus those other OMX components own), and state dirs made of them.
 */
final class Documents {
  private Documents() {}

  /** The payload's Codex session id in the "no match" case: no document names it. */
  static final String NO_MATCH_SESSION = "019a2a9a-a817-7771-9a3c-59a56ae35ede";

  /** The i-th document: every third active, owners spread over i / 20 conversations. */
  static String text(int i, Instant now) {
    boolean active = i % 3 == 0;
    String updated = now.minus(i % 300, ChronoUnit.MINUTES).toString();
    String started = now.minus(360 + i % 60, ChronoUnit.MINUTES).toString();
    String owner = String.format("019a%04x-5f7b-7d21-9c2e-5e0c%08x", i % 4096, i / 20);
    String id = String.format("omx-%06d-%08x", i, i * 2654435761L & 0xffffffffL);
    return "{\n"
        + "  \"active\": "
        + active
        + ",\n"
        + "  \"iteration\": "
        + (1 + i % 40)
        + ",\n"
        + "  \"max_iterations\": 50,\n"
        + "  \"current_phase\": \""
        + (active ? "executing" : "complete")
        + "\",\n"
        + "  \"mode\": \"ralph\",\n"
        + "  \"task\": \"port the billing export to the new storage API, CSV byte for byte\",\n"
        + "  \"prompt_digest\": \"65e457d6f86584e9fd76be8a2b69d641abf541be\",\n"
        + "  \"started_at\": \""
        + started
        + "\",\n"
        + "  \"updated_at\": \""
        + updated
        + "\",\n"
        + "  \"last_turn_at\": \""
        + updated
        + "\",\n"
        + "  \"owner_omx_session_id\": \""
        + id
        + "\",\n"
        + "  \"owner_codex_session_id\": \""
        + owner
        + "\",\n"
        + "  \"tmux_pane_id\": \"%"
        + (i % 400)
        + "\",\n"
        + "  \"tmux_pane_set_at\": \""
        + updated
        + "\",\n"
        + "  \"linked_ultrawork\": false,\n"
        + "  \"verification\": {\n"
        + "    \"command\": \"./mvnw -q verify\",\n"
        + "    \"last_result\": \"pending\",\n"
        + "    \"last_run_at\": \""
        + updated
        + "\",\n"
        + "    \"failures\": 0\n"
        + "  },\n"
        + "  \"history\": [\n"
        + "    {\n"
        + "      \"iteration\": "
        + (1 + i % 40)
        + ",\n"
        + "      \"phase\": \"executing\",\n"
        + "      \"at\": \""
        + updated
        + "\",\n"
        + "      \"summary\": \"narrowed the race to the release path\"\n"
        + "    }\n"
        + "  ],\n"
        + "  \"context_snapshot_path\": \".omx/context/"
        + id
        + "/iteration-3.md\",\n"
        + "  \"cwd\": \"/home/dev/projects/app\",\n"
        + "  \"notes\": \"session "
        + i
        + ": 7eac5efd02c11e494cb07f11\"\n"
        + "}";
  }

  static byte[] bytes(int i, Instant now) {
    return text(i, now).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A state dir with {@code sessions} prior sessions and an empty current one.
   *
   * @return the state dir ({@code <root>/.omx/state})
   */
  static Path stateDir(Path root, int sessions, Instant now) throws IOException {
    Path state = root.resolve(".omx").resolve("state");
    Path dirs = state.resolve("sessions");
    for (int i = 0; i < sessions; i++) {
      Path dir = dirs.resolve(String.format("omx-%06d-%08x", i, i * 2654435761L & 0xffffffffL));
      Files.createDirectories(dir);
      Files.write(dir.resolve("ralph-state.json"), bytes(i, now));
    }
    Files.createDirectories(dirs.resolve("omx-current"));
    return state;
  }

  /** Deletes a fixture tree. */
  static void delete(Path root) throws IOException {
    try (var paths = Files.walk(root)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
