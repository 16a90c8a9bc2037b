package io.github.ralphresume.domain.model;

import io.github.ralphresume.domain.js.JsDates;
import java.time.ZoneId;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Whether a loop's last activity is older than the threshold. Activity is the newest of {@code
 * updated_at}, {@code last_turn_at} and {@code tmux_pane_set_at} (the first one wins a tie);
 * without any, the file's modification time; without that, the check time (age 0).
 *
 * @param stale whether {@code ageMillis > thresholdMillis}
 * @param ageMillis how old the activity is, never negative
 * @param checkedAtMillis when the check was made, epoch ms
 * @param thresholdMillis the threshold applied
 * @param source which timestamp was used
 * @since 0.1.0
 */
public record Freshness(
    boolean stale,
    double ageMillis,
    long checkedAtMillis,
    double thresholdMillis,
    TimestampSource source) {

  /**
   * An activity time and where it came from.
   *
   * @param epochMillis the time, epoch ms
   * @param source the timestamp it came from
   */
  public record Activity(double epochMillis, TimestampSource source) {}

  /**
   * The newest parseable document timestamp, if any.
   *
   * @param document the document
   * @param localZone the zone {@code Date.parse} takes for times without an offset
   * @return the newest timestamp, or empty
   */
  public static java.util.Optional<Activity> newestDocumentActivity(
      RalphDocument document, ZoneId localZone) {
    return newestDocumentActivity(document, () -> localZone);
  }

  /**
   * The newest parseable document timestamp, if any, asking for the local zone only when a
   * timestamp has no offset.
   *
   * @param document the document
   * @param localZone gives the zone {@code Date.parse} takes for times without an offset
   * @return the newest timestamp, or empty
   */
  public static java.util.Optional<Activity> newestDocumentActivity(
      RalphDocument document, Supplier<ZoneId> localZone) {
    Activity newest = null;
    for (TimestampSource field : TimestampSource.documentFields()) {
      String raw = document.text(field.wireName());
      if (raw.isEmpty()) continue;
      OptionalLong parsed = JsDates.parse(raw, localZone);
      if (parsed.isPresent() && (newest == null || parsed.getAsLong() > newest.epochMillis())) {
        newest = new Activity(parsed.getAsLong(), field);
      }
    }
    return java.util.Optional.ofNullable(newest);
  }

  /**
   * Assesses a document.
   *
   * @param document the document
   * @param nowMillis the time of the check, epoch ms
   * @param threshold the stale threshold
   * @param localZone the zone {@code Date.parse} takes for times without an offset
   * @param modifiedMillis the file's modification time in epoch ms, asked only when the document
   *     has no usable timestamp
   * @return the verdict
   */
  public static Freshness assess(
      RalphDocument document,
      long nowMillis,
      StaleThreshold threshold,
      ZoneId localZone,
      Supplier<OptionalDouble> modifiedMillis) {
    return assess(document, nowMillis, threshold, () -> localZone, modifiedMillis);
  }

  /**
   * Assesses a document, asking for the local zone only when a timestamp has no offset.
   *
   * @param document the document
   * @param nowMillis the time of the check, epoch ms
   * @param threshold the stale threshold
   * @param localZone gives the zone {@code Date.parse} takes for times without an offset
   * @param modifiedMillis the file's modification time in epoch ms, asked only when the document
   *     has no usable timestamp
   * @return the verdict
   */
  public static Freshness assess(
      RalphDocument document,
      long nowMillis,
      StaleThreshold threshold,
      Supplier<ZoneId> localZone,
      Supplier<OptionalDouble> modifiedMillis) {
    Activity activity =
        newestDocumentActivity(document, localZone)
            .orElseGet(
                () -> {
                  OptionalDouble mtime = modifiedMillis.get();
                  return mtime.isPresent()
                      ? new Activity(mtime.getAsDouble(), TimestampSource.MTIME)
                      : new Activity(nowMillis, TimestampSource.MISSING_MTIME);
                });
    double age = Math.max(0, nowMillis - activity.epochMillis());
    return new Freshness(
        age > threshold.millis(), age, nowMillis, threshold.millis(), activity.source());
  }
}
