package io.github.ralphresume.domain.js;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.OptionalLong;

/**
 * JavaScript's {@code Date.parse} and {@code Date.prototype.toISOString}, the two date operations
 * the original tool's freshness rule and written timestamps depend on.
 *
 * @since 0.1.0
 */
public final class JsDates {
  private JsDates() {}

  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /**
   * {@code Date.parse(text)}: epoch milliseconds, or empty where JavaScript answers NaN.
   *
   * @param text the text to parse
   * @param localZone the zone JavaScript would take as local time for forms without an offset
   * @return the instant in epoch milliseconds, or empty
   */
  public static OptionalLong parse(String text, ZoneId localZone) {
    return JsDateParser.parse(text, localZone);
  }

  /**
   * {@code new Date(epochMillis).toISOString()} for years 0 to 9999: always UTC, always ms.
   *
   * @param epochMillis the instant
   * @return e.g. {@code 2025-01-31T12:00:00.000Z}
   */
  public static String toIsoString(long epochMillis) {
    return ISO_MILLIS.format(Instant.ofEpochMilli(epochMillis));
  }
}
