package io.github.ralphresume.domain.model;

import java.util.List;

/**
 * Every session's Ralph loop at one moment, newest activity first.
 *
 * @param current the current OMX session and how it was found
 * @param sessions one summary per session directory
 * @since 0.1.0
 */
public record Inspection(CurrentSession current, List<SessionSummary> sessions) {
  /**
   * Checks and normalises the components.
   *
   * @param current the current OMX session and how it was found
   * @param sessions one summary per session directory
   */
  public Inspection {
    sessions = List.copyOf(sessions);
  }
}
