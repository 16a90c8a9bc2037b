package io.github.ralphresume.domain.model;

import java.util.Objects;

/**
 * An OMX session whose process is provably gone: {@code session.json} names it and records a pid
 * that is no longer running.
 *
 * @param session the session {@code session.json} names
 * @param pid the process it records
 * @since 0.1.0
 */
public record DeadSession(OmxSessionId session, long pid) {
  /**
   * Checks and normalises the components.
   *
   * @param session the session {@code session.json} names
   * @param pid the process it records
   */
  public DeadSession {
    Objects.requireNonNull(session, "session");
    if (pid <= 0) throw new IllegalArgumentException("pid must be positive");
  }
}
