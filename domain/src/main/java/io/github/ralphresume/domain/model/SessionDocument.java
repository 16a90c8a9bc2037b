package io.github.ralphresume.domain.model;

import java.util.Objects;

/**
 * One session and what reading its document found.
 *
 * @param session the session
 * @param stored its document, or why there is none
 * @since 0.1.0
 */
public record SessionDocument(OmxSessionId session, StoredDocument stored) {
  /**
   * Checks the components.
   *
   * @param session the session
   * @param stored its document, or why there is none
   */
  public SessionDocument {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(stored, "stored");
  }
}
