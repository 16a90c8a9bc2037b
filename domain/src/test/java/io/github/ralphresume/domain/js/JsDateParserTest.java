package io.github.ralphresume.domain.js;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class JsDateParserTest {

  private static final String GOLDEN = "/js/date-parse-golden.tsv";
  private static final ZoneId UTC = ZoneId.of("UTC");

  /**
   * Replays every row of the golden table, which was produced by real Node (see
   * generate-date-parse-golden.mjs next to it).
   */
  @ParameterizedTest(name = "[{index}] line {3}: {0} {1}")
  @MethodSource("goldenRows")
  void matchesNodeDateParse(String zone, String escapedInput, String expected, int line) {
    OptionalLong actual = JsDateParser.parse(unescape(escapedInput), ZoneId.of(zone));
    assertEquals(
        expected,
        actual.isPresent() ? Long.toString(actual.getAsLong()) : "NaN",
        () -> "Date.parse(\"" + escapedInput + "\") in " + zone);
  }

  static Stream<Arguments> goldenRows() {
    List<Arguments> rows = new ArrayList<>();
    try (InputStream in = JsDateParserTest.class.getResourceAsStream(GOLDEN)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + GOLDEN);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String row;
      int line = 0;
      while ((row = reader.readLine()) != null) {
        line++;
        if (row.startsWith("#") || row.isEmpty()) {
          continue;
        }
        String[] fields = row.split("\t", -1);
        if (fields.length != 3) {
          throw new IllegalStateException(GOLDEN + ":" + line + " does not have 3 columns");
        }
        rows.add(Arguments.of(fields[0], fields[1], fields[2], line));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (rows.size() < 1000) {
      throw new IllegalStateException("golden table unexpectedly small: " + rows.size());
    }
    return rows.stream();
  }

  /** Undoes the generator's escaping: {@code \\} and {@code \}{@code uXXXX}. */
  private static String unescape(String escaped) {
    StringBuilder out = new StringBuilder(escaped.length());
    for (int i = 0; i < escaped.length(); i++) {
      char c = escaped.charAt(i);
      if (c != '\\') {
        out.append(c);
      } else if (escaped.charAt(i + 1) == '\\') {
        out.append('\\');
        i++;
      } else if (escaped.charAt(i + 1) == 'u') {
        out.append((char) Integer.parseInt(escaped.substring(i + 2, i + 6), 16));
        i += 5;
      } else {
        throw new IllegalArgumentException("bad escape in " + escaped);
      }
    }
    return out.toString();
  }

  // The cases below restate a few well-known behaviours readably; the golden table is the real
  // spec.

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "2026-02-22T00:00:00.000Z        | 2026-02-22T00:00:00Z",
        "2026-02-22                      | 2026-02-22T00:00:00Z",
        "2026-02-22T00:00:00+09:00       | 2026-02-21T15:00:00Z",
        "2026-02-22T00:00:00.123456Z     | 2026-02-22T00:00:00.123Z",
        "Sun, 22 Feb 2026 00:00:00 GMT   | 2026-02-22T00:00:00Z",
        "2026-02-30T00:00:00Z            | 2026-03-02T00:00:00Z",
        "2026-02-22T24:00:00Z            | 2026-02-23T00:00:00Z",
        "+275760-09-13T00:00:00Z         | +275760-09-13T00:00:00Z",
        "-000001-01-01T00:00:00Z         | -0001-01-01T00:00:00Z",
      })
  void parsesIndependentlyOfTheLocalZone(String input, String expectedInstant) {
    long expected = Instant.parse(expectedInstant).toEpochMilli();
    assertEquals(
        OptionalLong.of(expected), JsDateParser.parse(input, ZoneId.of("America/New_York")));
    assertEquals(OptionalLong.of(expected), JsDateParser.parse(input, ZoneId.of("Asia/Tokyo")));
  }

  @Test
  void readsDateTimesWithoutOffsetAndLegacyDatesAsLocalTime() {
    ZoneId newYork = ZoneId.of("America/New_York");
    long midnightNewYork = Instant.parse("2026-02-22T05:00:00Z").toEpochMilli();
    assertEquals(
        OptionalLong.of(midnightNewYork), JsDateParser.parse("2026-02-22T00:00:00", newYork));
    assertEquals(
        OptionalLong.of(midnightNewYork), JsDateParser.parse("2026-02-22 00:00:00", newYork));
    assertEquals(OptionalLong.of(midnightNewYork), JsDateParser.parse("Feb 22 2026", newYork));
    assertEquals(OptionalLong.of(midnightNewYork), JsDateParser.parse("2026-2-22", newYork));
  }

  @Test
  void usesTheOffsetBeforeTheTransitionInDstGapsAndOverlaps() {
    ZoneId newYork = ZoneId.of("America/New_York");
    // 02:30 does not exist on 2026-03-08; V8 reads it with the standard offset (-05:00).
    assertEquals(
        OptionalLong.of(Instant.parse("2026-03-08T07:30:00Z").toEpochMilli()),
        JsDateParser.parse("2026-03-08T02:30:00", newYork));
    // 01:30 happens twice on 2026-11-01; V8 picks the first one (-04:00).
    assertEquals(
        OptionalLong.of(Instant.parse("2026-11-01T05:30:00Z").toEpochMilli()),
        JsDateParser.parse("2026-11-01T01:30:00", newYork));
  }

  @Test
  void acceptsFixedOffsetZones() {
    assertEquals(
        JsDateParser.parse("2026-02-22T09:00:00", ZoneId.of("Asia/Tokyo")),
        JsDateParser.parse("2026-02-22T09:00:00", ZoneOffset.ofHours(9)));
  }

  @ParameterizedTest(name = "\"{0}\" is NaN")
  @CsvSource(
      delimiter = '|',
      value = {
        "garbage",
        "true",
        "2026-13-01",
        "1700000000000",
        "-000000-01-01T00:00:00Z",
        "''",
        "+275760-09-13T00:00:00.001Z",
        "2026-02-22T24:00:01Z",
      })
  void returnsEmptyWhereNodeReturnsNaN(String input) {
    assertTrue(JsDateParser.parse(input, UTC).isEmpty());
  }

  @Test
  void rejectsNullArguments() {
    assertThrows(NullPointerException.class, () -> JsDateParser.parse(null, UTC));
    assertThrows(NullPointerException.class, () -> JsDateParser.parse("2026", (ZoneId) null));
    assertThrows(
        NullPointerException.class, () -> JsDateParser.parse("2026", (Supplier<ZoneId>) null));
  }

  @Test
  void asksForTheLocalZoneOnlyForTextWithoutAnOffset() {
    AtomicInteger asked = new AtomicInteger();
    Supplier<ZoneId> tokyo =
        () -> {
          asked.incrementAndGet();
          return ZoneId.of("Asia/Tokyo");
        };

    assertEquals(
        1_771_718_400_000L, JsDateParser.parse("2026-02-22T00:00:00.000Z", tokyo).getAsLong());
    assertEquals(0, asked.get(), "an instant with an offset needs no zone");
    assertEquals(1_771_686_000_000L, JsDateParser.parse("2026-02-22T00:00:00", tokyo).getAsLong());
    assertEquals(1, asked.get());
  }
}
