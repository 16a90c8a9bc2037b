package io.github.ralphresume.app.cli;

import io.github.ralphresume.testing.StateDirFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random state dirs: priors with random activity, phases, owners and timestamps, current
 * documents of every kind, the current session named by env or by session.json (or not at all), and
 * random thresholds, panes and payloads.
 */
final class RandomStateDirs {
  private RandomStateDirs() {}

  static final String[] PRIORS = {"p1", "p2", "p3", "p4", "p5"};

  /**
   * Fills {@code dir} and returns the payload to reconcile with.
   *
   * @param now the moment timestamps are relative to
   * @param boundaries whether ages exactly at a threshold may occur; only a fixed clock can explain
   *     and reconcile at the same millisecond, so runs on the real clock leave them out
   */
  static ExplainAgreementTest.Payload fill(
      StateDirFixture dir, Random random, Instant now, boolean boundaries) {
    environment(dir, random);
    sessionFile(dir, random);
    int priors = random.nextInt(7);
    for (int i = 0; i < priors; i++) {
      String id = PRIORS[random.nextInt(PRIORS.length)];
      dir.session(id);
      if (random.nextInt(8) == 0) continue; // a session without a document
      int kind = random.nextInt(8);
      dir.write(
          id,
          kind == 0
              ? unreadable(random)
              : kind <= 4 ? matchingLoop(random, now) : loop(random, now, boundaries));
      dir.modified(id, now.minusMillis(pick(random, 30_000L, 2 * 3_600_000L, 3 * 86_400_000L)));
    }
    current(dir, random, now, boundaries);
    return new ExplainAgreementTest.Payload(
        pick(random, "codex-1", "codex-1", "codex-1", "", " ", "codex-2", " codex-1 "),
        pick(random, "", "", "t-1", "t-2"));
  }

  private static void environment(StateDirFixture dir, Random random) {
    switch (random.nextInt(8)) {
      case 0, 1, 2, 3, 4 -> dir.env.put("OMX_SESSION_ID", "sess-current");
      case 5 -> dir.env.put("OMX_SESSION_ID", "sess-gone"); // no such directory
      case 6 -> dir.env.put("CODEX_SESSION_ID", random.nextBoolean() ? "sess-current" : "bad id!");
      default -> {} // session.json decides
    }
    switch (random.nextInt(6)) {
      case 0 -> dir.env.put("OMX_RALPH_ACTIVE_STATE_STALE_MS", "1000");
      case 1 -> dir.env.put("OMX_RALPH_ACTIVE_STATE_STALE_MS", "3600000");
      case 2 -> dir.env.put("OMX_RALPH_ACTIVE_STATE_STALE_MS", pick(random, "abc", "0", "-5"));
      case 3 -> dir.env.put("OMX_RALPH_RESUME_STALE_MS", "7200000xyz");
      default -> {} // 24 h
    }
    switch (random.nextInt(4)) {
      case 0 -> dir.pane("%7");
      case 1 -> dir.pane(pick(random, "%99", " %42 ", "bad"));
      default -> {} // no pane
    }
  }

  private static void sessionFile(StateDirFixture dir, Random random) {
    switch (random.nextInt(7)) {
      case 0, 1 -> dir.sessionFile("{\"session_id\": \"sess-current\"}");
      case 2 -> dir.sessionFile("{\"session_id\": \"sess-current\", \"cwd\": \"/elsewhere\"}");
      // A recorded process that is not running: the file is not usable.
      case 3 -> dir.sessionFile("{\"session_id\": \"sess-current\", \"pid\": 2147483646}");
      case 4 -> dir.sessionFile(pick(random, "{broken", "{\"session_id\": \"bad id\"}"));
      case 5 -> dir.sessionFile("{\"session_id\": \"p1\"}"); // names a prior's session
      default -> {} // no session.json
    }
  }

  private static void current(StateDirFixture dir, Random random, Instant now, boolean boundaries) {
    if (random.nextInt(8) == 0) return; // no current session directory at all
    if (random.nextInt(25) == 0) {
      // A current session directory that is a link (to a prior's): it reads as unreadable.
      try {
        dir.session("p2");
        Files.createSymbolicLink(
            dir.stateDir.resolve("sessions").resolve("sess-current"), Path.of("p2"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return;
    }
    dir.session("sess-current");
    switch (random.nextInt(7)) {
      case 0, 1, 2 -> {} // no document: look for a prior
      case 3 -> dir.write("sess-current", unreadable(random));
      case 4 -> dir.write("sess-current", "{\"active\": false, \"current_phase\": \"complete\"}");
      default -> dir.write("sess-current", loop(random, now, boundaries));
    }
    if (Files.exists(dir.document("sess-current"))) {
      dir.modified("sess-current", now.minusMillis(pick(random, 30_000L, 3 * 86_400_000L)));
    }
  }

  /** A loop of the usual payload's conversation, so that several priors often match. */
  private static String matchingLoop(Random random, Instant now) {
    return "{\n  \"active\": true,\n  \"current_phase\": \"executing\",\n  "
        + pick(
            random,
            "\"owner_codex_session_id\": \"codex-1\"",
            "\"owner_codex_session_id\": \"codex-1\"",
            "\"owner_codex_thread_id\": \"t-1\"")
        + ",\n  \"updated_at\": "
        + iso(now.minusSeconds(pick(random, 30L, 30L, 3 * 86_400L)))
        + "\n}";
  }

  private static String unreadable(Random random) {
    return pick(random, "{ \"active\": true", "null", "0", "\"\"", "false", "\ufeff{}");
  }

  /** A Ralph document (or, now and then, another JSON value) with random fields. */
  static String loop(Random random, Instant now, boolean boundaries) {
    if (random.nextInt(20) == 0) return pick(random, "[1, 2]", "\"text\"", "42", "true");
    List<String> members = new ArrayList<>();
    members.add("\"active\": " + pick(random, "true", "true", "true", "true", "false", "\"true\""));
    members.add("\"iteration\": " + random.nextInt(10));
    members.add("\"max_iterations\": 10");
    members.add(
        "\"current_phase\": "
            + pick(
                random,
                "\"executing\"",
                "\"executing\"",
                "\"executing\"",
                "\"complete\"",
                "\"interrupted\"",
                "\" Cancelled \"",
                "\"\""));
    optional(random, members, "owner_omx_session_id", "\"sess-current\"", "\"p1\"");
    optional(
        random,
        members,
        "owner_codex_session_id",
        "\"codex-1\"",
        "\"codex-1\"",
        "\"codex-2\"",
        "\"\"",
        "\" codex-1\"",
        "5");
    optional(random, members, "owner_codex_thread_id", "\"t-1\"", "\"t-2\"", "\"\"");
    optional(random, members, "tmux_pane_id", "\"%7\"", "\"%42\"");
    for (String field : new String[] {"updated_at", "last_turn_at", "tmux_pane_set_at"}) {
      if (random.nextInt(3) == 0) continue;
      members.add("\"" + field + "\": " + timestamp(random, now, boundaries));
    }
    if (random.nextInt(4) == 0) members.add("\"stop_reason\": \"old\"");
    if (random.nextInt(3) == 0) members.add("\"task\": \"keep going \\u2028 ✓\"");
    return "{\n  " + String.join(",\n  ", members) + "\n}";
  }

  private static String timestamp(Random random, Instant now, boolean boundaries) {
    List<String> choices =
        new ArrayList<>(
            List.of(
                iso(now.minusSeconds(30)),
                iso(now.minusSeconds(30 * 60)),
                iso(now.minusSeconds(3 * 3600)),
                iso(now.minusSeconds(3 * 86_400)),
                "\"garbage\"",
                "\"123\"",
                "\"\"",
                "1700000000000"));
    if (boundaries) {
      choices.add(iso(now.minusSeconds(3600))); // exactly the 1 h threshold: not yet stale
      choices.add(iso(now.minusSeconds(86_400)));
    }
    return choices.get(random.nextInt(choices.size()));
  }

  private static String iso(Instant instant) {
    return "\"" + instant + "\"";
  }

  private static void optional(
      Random random, List<String> members, String field, String... values) {
    if (random.nextBoolean()) members.add("\"" + field + "\": " + pick(random, values));
  }

  @SafeVarargs
  static <T> T pick(Random random, T... choices) {
    return choices[random.nextInt(choices.length)];
  }
}
