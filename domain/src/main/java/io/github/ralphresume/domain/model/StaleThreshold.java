package io.github.ralphresume.domain.model;

import io.github.ralphresume.domain.js.JsStrings;

/**
 * How old a loop's last activity may be before it is stale: {@code
 * OMX_RALPH_ACTIVE_STATE_STALE_MS}, else {@code OMX_RALPH_RESUME_STALE_MS}, else 24 hours. Each is
 * read with JavaScript's {@code parseInt(…, 10)} and counts only when finite and positive ({@code
 * "1000abc"} is 1000).
 *
 * @param millis the threshold in milliseconds (a double, as JavaScript holds it)
 * @since 0.1.0
 */
public record StaleThreshold(double millis) {
  /** The default: 24 hours. */
  public static final StaleThreshold DEFAULT = new StaleThreshold(24 * 60 * 60 * 1000);

  /** The variable read first: a positive integer of milliseconds. */
  public static final String ACTIVE_STATE_VARIABLE = "OMX_RALPH_ACTIVE_STATE_STALE_MS";

  /** The variable read when {@link #ACTIVE_STATE_VARIABLE} gives no positive number. */
  public static final String RESUME_VARIABLE = "OMX_RALPH_RESUME_STALE_MS";

  /**
   * Checks and normalises the components.
   *
   * @param millis the threshold in milliseconds (a double, as JavaScript holds it)
   */
  public StaleThreshold {
    if (!(millis > 0) || Double.isInfinite(millis)) {
      throw new IllegalArgumentException("stale threshold must be a positive number of ms");
    }
  }

  /**
   * The threshold the environment selects, as the original reads it ({@code parseInt}).
   *
   * @param environment the variables
   * @return the first positive threshold, else {@link #DEFAULT}
   */
  public static StaleThreshold from(Environment environment) {
    for (String name : new String[] {ACTIVE_STATE_VARIABLE, RESUME_VARIABLE}) {
      String raw = environment.get(name).orElse("");
      double parsed = JsStrings.parseInt(raw);
      if (Double.isFinite(parsed) && parsed > 0) return new StaleThreshold(parsed);
    }
    return DEFAULT;
  }
}
