package io.github.ralphresume.domain.model;

import io.github.ralphresume.domain.js.JsDates;
import io.github.ralphresume.domain.json.JsonValue;

/**
 * A stale active loop retired instead of revived: inactive, cancelled, with the age, threshold and
 * timestamp source that condemned it.
 *
 * @param abandoned the document to write
 * @param why the freshness that made it stale
 * @since 0.1.0
 */
public record Abandonment(RalphDocument abandoned, Freshness why) {

  /**
   * Retires {@code document}, stamped with the freshness check's own time.
   *
   * @param document the stale active loop
   * @param why the freshness check that found it stale
   * @return the abandonment, holding the retired document
   */
  public static Abandonment of(RalphDocument document, Freshness why) {
    String at = JsDates.toIsoString(why.checkedAtMillis());
    RalphDocument abandoned =
        document
            .with(RalphDocument.ACTIVE, JsonValue.FALSE)
            .with(RalphDocument.CURRENT_PHASE, "cancelled")
            .with(RalphDocument.COMPLETED_AT, at)
            .with(RalphDocument.ABANDONED_AT, at)
            .with(RalphDocument.STOP_REASON, "stale_active_state")
            .with(RalphDocument.STALE_RESUME_AGE_MS, JsonValue.of(why.ageMillis()))
            .with(RalphDocument.STALE_RESUME_THRESHOLD_MS, JsonValue.of(why.thresholdMillis()))
            .with(RalphDocument.STALE_RESUME_TIMESTAMP_SOURCE, why.source().wireName());
    return new Abandonment(abandoned, why);
  }
}
