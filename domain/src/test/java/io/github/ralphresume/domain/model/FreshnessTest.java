package io.github.ralphresume.domain.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ralphresume.domain.json.JsonArray;
import io.github.ralphresume.domain.json.JsonObject;
import io.github.ralphresume.domain.json.JsonValue;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The freshness rule of the original ({@code readRalphStateFreshness}): the newest of updated_at,
 * last_turn_at and tmux_pane_set_at as {@code Date.parse} reads them (local zone UTC, as on the
 * machines the reference was observed on), else the file's mtime, else age 0; stale only when the
 * age exceeds the threshold. Expected instants were checked with Node ({@code TZ=UTC}).
 */
class FreshnessTest {
  private static final ZoneId UTC = ZoneId.of("UTC");
  private static final long NOW = Instant.parse("2026-03-10T00:00:00.000Z").toEpochMilli();
  private static final StaleThreshold DAY = StaleThreshold.DEFAULT;

  /** A modification time supplier that counts how often it is asked. */
  private static final class Mtime implements Supplier<OptionalDouble> {
    final AtomicInteger calls = new AtomicInteger();
    final OptionalDouble value;

    Mtime(OptionalDouble value) {
      this.value = value;
    }

    @Override
    public OptionalDouble get() {
      calls.incrementAndGet();
      return value;
    }
  }

  private static Mtime mtime(double epochMillis) {
    return new Mtime(OptionalDouble.of(epochMillis));
  }

  @ParameterizedTest(name = "updated_at \"{0}\" is {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "2026-02-22T00:00:00.000Z      | 2026-02-22T00:00:00.000Z",
        "2026-02-22T00:00:00Z          | 2026-02-22T00:00:00.000Z",
        "2026-02-22                    | 2026-02-22T00:00:00.000Z",
        "2026-02-22T00:00:00           | 2026-02-22T00:00:00.000Z",
        "2026-02-22T00:00              | 2026-02-22T00:00:00.000Z",
        "2026-02-22 00:00:00           | 2026-02-22T00:00:00.000Z",
        "2026-02-22T09:00:00+09:00     | 2026-02-22T00:00:00.000Z",
        "2026-02-21T19:00:00-05:00     | 2026-02-22T00:00:00.000Z",
        "2026-02-22T00:00:00.123456Z   | 2026-02-22T00:00:00.123Z",
        "Sun, 22 Feb 2026 00:00:00 GMT | 2026-02-22T00:00:00.000Z",
        "Feb 22 2026                   | 2026-02-22T00:00:00.000Z",
        "2026-02-30T00:00:00Z          | 2026-03-02T00:00:00.000Z",
        "2026-02-22T24:00:00Z          | 2026-02-23T00:00:00.000Z",
        "2026-2-3                      | 2026-02-03T00:00:00.000Z",
        // The original trims before Date.parse (which alone would answer NaN here).
        "'  2026-02-22T00:00:00Z  '    | 2026-02-22T00:00:00.000Z",
      })
  void givenTimestampForm_assess_ageCountsFromTheInstantDateParseReads(
      String updatedAt, String activity) {
    Mtime mtime = mtime(NOW);

    Freshness freshness = assess(doc("updated_at", updatedAt), DAY, mtime);

    long expectedAge = NOW - Instant.parse(activity).toEpochMilli();
    assertEquals(expectedAge, freshness.ageMillis());
    assertEquals(TimestampSource.UPDATED_AT, freshness.source());
    assertTrue(freshness.stale(), "over a week old against 24 h");
    assertEquals(0, mtime.calls.get(), "the mtime is not asked when a timestamp parses");
  }

  @ParameterizedTest(name = "updated_at \"{0}\" falls back to the mtime")
  @CsvSource({"garbage", "true", "2026-13-01", "1700000000000", "''", "'   '"})
  void givenUnparseableTimestamp_assess_usesTheFileMtime(String updatedAt) {
    Mtime mtime = mtime(NOW - 1500.25);

    Freshness freshness = assess(doc("updated_at", updatedAt), new StaleThreshold(1000), mtime);

    assertEquals(TimestampSource.MTIME, freshness.source());
    assertEquals(1500.25, freshness.ageMillis());
    assertTrue(freshness.stale());
    assertEquals(1, mtime.calls.get());
  }

  @Test
  void givenNonStringTimestampMembers_assess_readsThemAsJavaScriptStrings() {
    // 1700000000000 → "1700000000000" (NaN), true → "true" (NaN), null → "" (skipped),
    // ["2026-03-09T00:00:00Z"] → "2026-03-09T00:00:00Z" (parses).
    JsonObject members =
        object(
            "updated_at",
            JsonValue.of(1700000000000d),
            "last_turn_at",
            JsonValue.TRUE,
            "tmux_pane_set_at",
            new JsonArray(List.of(JsonValue.of("2026-03-09T00:00:00Z"))));
    Mtime mtime = mtime(NOW);

    Freshness freshness = assess(RalphDocument.of(members), DAY, mtime);

    assertEquals(TimestampSource.TMUX_PANE_SET_AT, freshness.source());
    assertEquals(24 * 3600_000d, freshness.ageMillis());
    assertEquals(0, mtime.calls.get());
  }

  @Test
  void givenOnlyNumericAndNullTimestamps_assess_usesTheFileMtime() {
    JsonObject members =
        object(
            "updated_at", JsonValue.of(1700000000000d),
            "last_turn_at", JsonValue.NULL,
            "tmux_pane_set_at", JsonValue.FALSE);
    Mtime mtime = mtime(NOW - 10);

    Freshness freshness = assess(RalphDocument.of(members), DAY, mtime);

    assertEquals(TimestampSource.MTIME, freshness.source());
    assertEquals(10, freshness.ageMillis());
    assertEquals(1, mtime.calls.get());
  }

  @ParameterizedTest(name = "[{index}] {0} / {1} / {2} -> {3}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        // updated_at | last_turn_at | tmux_pane_set_at | source | activity
        "2026-03-09T00:00:00Z | 2026-03-09T12:00:00Z | 2026-03-08T00:00:00Z | LAST_TURN_AT | 2026-03-09T12:00:00Z",
        "2026-03-09T00:00:00Z | 2026-03-08T00:00:00Z | 2026-03-09T18:00:00Z | TMUX_PANE_SET_AT | 2026-03-09T18:00:00Z",
        "2026-03-09T20:00:00Z | 2026-03-08T00:00:00Z | 2026-03-09T18:00:00Z | UPDATED_AT | 2026-03-09T20:00:00Z",
        // Ties keep the first field visited.
        "2026-03-09T00:00:00Z | 2026-03-09T00:00:00Z | 2026-03-09T00:00:00Z | UPDATED_AT | 2026-03-09T00:00:00Z",
        "2026-03-08T00:00:00Z | 2026-03-09T00:00:00Z | 2026-03-09T00:00:00Z | LAST_TURN_AT | 2026-03-09T00:00:00Z",
        "2026-03-09T09:00:00+09:00 | 2026-03-09T00:00:00Z | - | UPDATED_AT | 2026-03-09T00:00:00Z",
        "- | 2026-03-09T00:00:00Z | 2026-03-09T00:00:00Z | LAST_TURN_AT | 2026-03-09T00:00:00Z",
        // One millisecond is newer.
        "2026-03-09T00:00:00.000Z | 2026-03-09T00:00:00.001Z | - | LAST_TURN_AT | 2026-03-09T00:00:00.001Z",
        // Unparseable or missing fields are skipped.
        "garbage | - | 2026-03-09T00:00:00Z | TMUX_PANE_SET_AT | 2026-03-09T00:00:00Z",
        "2026-03-01 | garbage | - | UPDATED_AT | 2026-03-01T00:00:00Z",
        // Different forms compare by instant: local 23:00 (UTC) is newer than 22:00Z.
        "2026-03-09 23:00:00 | 2026-03-09T22:00:00Z | - | UPDATED_AT | 2026-03-09T23:00:00Z",
      })
  void givenSeveralTimestamps_assess_theNewestDecides(
      String updatedAt,
      String lastTurnAt,
      String paneSetAt,
      TimestampSource source,
      String activity) {
    Mtime mtime = mtime(NOW);
    LinkedHashMap<String, JsonValue> members = new LinkedHashMap<>();
    if (updatedAt != null) members.put("updated_at", JsonValue.of(updatedAt));
    if (lastTurnAt != null) members.put("last_turn_at", JsonValue.of(lastTurnAt));
    if (paneSetAt != null) members.put("tmux_pane_set_at", JsonValue.of(paneSetAt));

    Freshness freshness = assess(RalphDocument.of(new JsonObject(members)), DAY, mtime);

    assertEquals(source, freshness.source());
    assertEquals(NOW - Instant.parse(activity).toEpochMilli(), freshness.ageMillis());
    assertEquals(0, mtime.calls.get());
  }

  @Test
  void givenStaleUpdatedAtButFreshLastTurn_assess_isNotStale() {
    // Reference scenario 6: OMX_RALPH_ACTIVE_STATE_STALE_MS=1000, updated_at an hour old,
    // last_turn_at half a second old.
    RalphDocument document =
        RalphDocument.of(
            object(
                "updated_at", JsonValue.of("2026-03-09T23:00:00.000Z"),
                "last_turn_at", JsonValue.of("2026-03-09T23:59:59.500Z")));

    Freshness freshness = assess(document, new StaleThreshold(1000), mtime(NOW));

    assertFalse(freshness.stale());
    assertEquals(TimestampSource.LAST_TURN_AT, freshness.source());
    assertEquals(500, freshness.ageMillis());
  }

  @Test
  void givenNoTimestampAndNoMtime_assess_isAgeZeroFromMissingMtime() {
    Mtime missing = new Mtime(OptionalDouble.empty());

    Freshness freshness = assess(doc("active", "true"), new StaleThreshold(1), missing);

    assertFalse(freshness.stale());
    assertEquals(0, freshness.ageMillis());
    assertEquals(TimestampSource.MISSING_MTIME, freshness.source());
    assertEquals("missing_mtime", freshness.source().wireName());
    assertEquals(NOW, freshness.checkedAtMillis());
    assertEquals(1, missing.calls.get());
  }

  @Test
  void givenNonObjectDocument_assess_usesTheFileMtime() {
    Mtime mtime = mtime(NOW - 5000);

    Freshness freshness =
        assess(
            new RalphDocument(new JsonArray(List.of(JsonValue.of(1)))),
            new StaleThreshold(1000),
            mtime);

    assertEquals(TimestampSource.MTIME, freshness.source());
    assertTrue(freshness.stale());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"2026-03-10T01:00:00Z", "2026-03-10T00:00:00.001Z", "2099-01-01"})
  void givenFutureTimestamp_assess_isAgeZeroAndFresh(String updatedAt) {
    Freshness freshness = assess(doc("updated_at", updatedAt), new StaleThreshold(1), mtime(NOW));

    assertEquals(0, freshness.ageMillis());
    assertFalse(freshness.stale());
    assertEquals(TimestampSource.UPDATED_AT, freshness.source());
  }

  @Test
  void givenFutureMtime_assess_isAgeZeroAndFresh() {
    Freshness freshness = assess(doc("other", "x"), new StaleThreshold(1), mtime(NOW + 60_000));

    assertEquals(0, freshness.ageMillis());
    assertFalse(freshness.stale());
    assertEquals(TimestampSource.MTIME, freshness.source());
  }

  @ParameterizedTest(name = "age {0} ms against 1000 ms: stale {1}")
  @CsvSource({"999, false", "1000, false", "1001, true"})
  void givenAgeAroundThreshold_assess_isStaleOnlyAboveIt(long ageMillis, boolean stale) {
    String updatedAt = Instant.ofEpochMilli(NOW - ageMillis).toString();

    Freshness freshness =
        assess(doc("updated_at", updatedAt), new StaleThreshold(1000), mtime(NOW));

    assertEquals(stale, freshness.stale());
    assertEquals(ageMillis, freshness.ageMillis());
    assertEquals(1000, freshness.thresholdMillis());
  }

  @ParameterizedTest(name = "mtime age {0} ms against 1000 ms: stale {1}")
  @CsvSource({"1000, false", "1000.001, true"})
  void givenFractionalMtimeAroundThreshold_assess_comparesTheExactAge(
      double ageMillis, boolean stale) {
    // Node's mtimeMs has a fraction; the age keeps it.
    Freshness freshness =
        assess(doc("other", "x"), new StaleThreshold(1000), mtime(NOW - ageMillis));

    assertEquals(stale, freshness.stale());
    assertEquals(TimestampSource.MTIME, freshness.source());
  }

  @Test
  void givenDefaultThreshold_assess_twentyFourHoursIsStillFresh() {
    String dayAgo = Instant.ofEpochMilli(NOW - 86_400_000L).toString();
    String dayAndAMsAgo = Instant.ofEpochMilli(NOW - 86_400_001L).toString();

    assertFalse(assess(doc("updated_at", dayAgo), DAY, mtime(NOW)).stale());
    assertTrue(assess(doc("updated_at", dayAndAMsAgo), DAY, mtime(NOW)).stale());
  }

  private static Freshness assess(RalphDocument document, StaleThreshold threshold, Mtime mtime) {
    return Freshness.assess(document, NOW, threshold, UTC, mtime);
  }

  private static RalphDocument doc(String key, String value) {
    return RalphDocument.of(object("active", JsonValue.TRUE, key, JsonValue.of(value)));
  }

  private static JsonObject object(Object... keysAndValues) {
    LinkedHashMap<String, JsonValue> members = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      members.put((String) keysAndValues[i], (JsonValue) keysAndValues[i + 1]);
    }
    return new JsonObject(members);
  }
}
