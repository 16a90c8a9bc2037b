package io.github.ralphresume.domain.js;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * JavaScript's {@code Date.parse} and {@code Date.prototype.toISOString}, the two date operations
 * the original tool's freshness rule and written timestamps depend on.
 *
 * @since 0.1.0
 */
public final class JsDates {
  private JsDates() {}

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
   * {@code Date.parse(text)}, asking for the local zone only for forms without an offset.
   *
   * @param text the text to parse
   * @param localZone gives the zone JavaScript would take as local time
   * @return the instant in epoch milliseconds, or empty
   */
  public static OptionalLong parse(String text, Supplier<ZoneId> localZone) {
    return JsDateParser.parse(text, localZone);
  }

  /**
   * {@code new Date(epochMillis).toISOString()} for years 0 to 9999: always UTC, always ms.
   *
   * @param epochMillis the instant
   * @return e.g. {@code 2025-01-31T12:00:00.000Z}
   */
  public static String toIsoString(long epochMillis) {
    // Formatted by hand: DateTimeFormatter's set-up is a measurable part of a cold CLI run.
    long days = Math.floorDiv(epochMillis, 86_400_000L);
    long millisOfDay = Math.floorMod(epochMillis, 86_400_000L);
    LocalDate date = LocalDate.ofEpochDay(days);
    StringBuilder out = new StringBuilder(24);
    pad(out, date.getYear(), 4).append('-');
    pad(out, date.getMonthValue(), 2).append('-');
    pad(out, date.getDayOfMonth(), 2).append('T');
    pad(out, (int) (millisOfDay / 3_600_000), 2).append(':');
    pad(out, (int) (millisOfDay / 60_000 % 60), 2).append(':');
    pad(out, (int) (millisOfDay / 1000 % 60), 2).append('.');
    pad(out, (int) (millisOfDay % 1000), 3).append('Z');
    return out.toString();
  }

  private static StringBuilder pad(StringBuilder out, int value, int width) {
    String digits = Integer.toString(value);
    for (int i = digits.length(); i < width; i++) out.append('0');
    return out.append(digits);
  }
}
