package io.github.ralphresume.app.http.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * A state dir as OMX leaves it after a long day, for the load script: documents of about 1 KB with
 * the fields the rules read and the ones other OMX components own, a third of them active loops,
 * owners spread over many Codex conversations (one per ~20 sessions; a tenth legacy thread-only
 * owners, a tenth none), timestamps minutes to hours old (nothing turns stale during a run), and
 * the current session just started, without a document. The shape follows {@code
 * bench/generate.mjs}.
 */
final class StateDirGenerator {
  private static final String[] TASKS = {
    "make the flaky integration test deterministic",
    "port the billing export to the new storage API and keep the CSV format byte for byte",
    "fix the race between the heartbeat and the lock release under load",
    "add pagination to the audit log endpoint, with tests for the edge cases",
  };
  private static final String[] ACTIVE = {"executing", "verifying", "planning", "fixing"};
  private static final String[] DONE = {"complete", "cancelled", "failed", "blocked_on_user"};

  private StateDirGenerator() {}

  static ReconcileLoad.Generated generate(Path out, int sessions, long seed) throws IOException {
    Random random = new Random(seed);
    Instant now = Instant.now();
    Path stateDir = out.resolve(".omx").resolve("state");
    Path sessionsDir = Files.createDirectories(stateDir.resolve("sessions"));
    List<String> owners = new ArrayList<>();
    for (int i = 0; i < Math.max(3, sessions / 20); i++) owners.add(uuid(random));
    List<Path> documents = new ArrayList<>(sessions);
    for (int i = 0; i < sessions; i++) {
      String id = String.format("omx-%06d-%s", i, hex(random, 4));
      Path dir = Files.createDirectory(sessionsDir.resolve(id));
      Path document = dir.resolve("ralph-state.json");
      Files.writeString(document, document(random, id, i, now, owners, i % 3 == 0));
      documents.add(document);
    }
    String current = "omx-current-" + hex(random, 4);
    Files.createDirectory(sessionsDir.resolve(current));
    String noMatch;
    do {
      noMatch = uuid(random);
    } while (owners.contains(noMatch));
    return new ReconcileLoad.Generated(stateDir, current, noMatch, documents);
  }

  /** A fresh active loop of {@code codexSession} in {@code session}. */
  static String activeLoop(String codexSession, String session, Instant now) {
    return "{\n  \"active\": true,\n  \"iteration\": 3,\n  \"max_iterations\": 20,\n"
        + "  \"current_phase\": \"executing\",\n  \"updated_at\": \""
        + now
        + "\",\n"
        + "  \"owner_omx_session_id\": \""
        + session
        + "\",\n"
        + "  \"owner_codex_session_id\": \""
        + codexSession
        + "\",\n"
        + "  \"tmux_pane_id\": \"%7\",\n  \"tmux_pane_set_at\": \""
        + now
        + "\"\n}";
  }

  private static String document(
      Random random, String id, int index, Instant now, List<String> owners, boolean active) {
    long updatedMinutes = 1 + random.nextInt(300);
    Instant updated = now.minus(Duration.ofMinutes(updatedMinutes));
    int iteration = 1 + random.nextInt(40);
    StringBuilder out = new StringBuilder(1200).append("{\n");
    field(out, "active", Boolean.toString(active));
    field(out, "iteration", Integer.toString(iteration));
    field(out, "max_iterations", Integer.toString(new int[] {10, 20, 50, 100}[random.nextInt(4)]));
    text(out, "current_phase", active ? pick(random, ACTIVE) : pick(random, DONE));
    text(out, "mode", "ralph");
    text(out, "task", pick(random, TASKS));
    text(out, "prompt_digest", hex(random, 20));
    text(out, "started_at", updated.minus(Duration.ofMinutes(30)).toString());
    text(out, "updated_at", updated.toString());
    text(out, "last_turn_at", updated.plusSeconds(random.nextInt(120)).toString());
    double owner = random.nextDouble();
    if (owner < 0.8) {
      text(out, "owner_omx_session_id", id);
      text(out, "owner_codex_session_id", owners.get(random.nextInt(owners.size())));
    } else if (owner < 0.9) {
      text(out, "owner_codex_thread_id", "thread-" + hex(random, 8));
    }
    text(out, "tmux_pane_id", "%" + random.nextInt(400));
    text(out, "tmux_pane_set_at", updated.toString());
    out.append(
        "  \"verification\": {\n    \"command\": \"./mvnw -q verify\",\n"
            + "    \"last_result\": \"pass\",\n    \"last_run_at\": \""
            + updated
            + "\",\n"
            + "    \"failures\": "
            + random.nextInt(3)
            + "\n  },\n");
    out.append(
        "  \"history\": [\n    {\n      \"iteration\": "
            + iteration
            + ",\n      \"phase\": \"executing\",\n      \"at\": \""
            + updated
            + "\",\n      \"summary\": \"narrowed the race to the release path\"\n    }\n  ],\n");
    text(out, "context_snapshot_path", ".omx/context/" + id + "/iteration-" + iteration + ".md");
    text(out, "cwd", "/home/dev/projects/app");
    if (!active) {
      text(out, "completed_at", updated.toString());
      text(out, "stop_reason", "verified_complete");
    }
    out.append("  \"notes\": \"session ")
        .append(index)
        .append(": ")
        .append(hex(random, 12))
        .append("\"\n}");
    return out.toString();
  }

  private static void field(StringBuilder out, String name, String json) {
    out.append("  \"").append(name).append("\": ").append(json).append(",\n");
  }

  private static void text(StringBuilder out, String name, String value) {
    field(out, name, "\"" + value + "\"");
  }

  private static String pick(Random random, String[] choices) {
    return choices[random.nextInt(choices.length)];
  }

  private static String uuid(Random random) {
    return "019a"
        + hex(random, 2)
        + "-"
        + hex(random, 2)
        + "-7"
        + hex(random, 2).substring(1)
        + "-"
        + "89ab".charAt(random.nextInt(4))
        + hex(random, 2).substring(1)
        + "-"
        + hex(random, 6);
  }

  private static String hex(Random random, int bytes) {
    byte[] raw = new byte[bytes];
    random.nextBytes(raw);
    return HexFormat.of().formatHex(raw);
  }
}
