package io.github.ralphresume.domain.model;

/**
 * Which OMX session is the current one, and how that was decided.
 *
 * @since 0.1.0
 */
public sealed interface CurrentSession {
  /**
   * Named by an environment variable whose session directory exists.
   *
   * @param id the session
   * @param variable the variable that named it
   */
  record FromEnvironment(OmxSessionId id, String variable) implements CurrentSession {}

  /**
   * Named by a usable {@code session.json}.
   *
   * @param id the session
   */
  record FromSessionFile(OmxSessionId id) implements CurrentSession {}

  /**
   * No current session.
   *
   * @param why what was tried and why it failed
   */
  record None(String why) implements CurrentSession {}

  /** {@return the session id, or {@code null} for {@link None}} */
  default OmxSessionId idOrNull() {
    if (this instanceof FromEnvironment e) return e.id();
    if (this instanceof FromSessionFile f) return f.id();
    return null;
  }
}
