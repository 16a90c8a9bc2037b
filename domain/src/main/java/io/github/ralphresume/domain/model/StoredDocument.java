package io.github.ralphresume.domain.model;

/**
 * What reading a session's {@code ralph-state.json} found.
 *
 * @since 0.1.0
 */
public sealed interface StoredDocument {
  /** No file there. */
  record Missing() implements StoredDocument {}

  /**
   * A file that is not a document: it does not parse, or parses to a value JavaScript counts as
   * false ({@code null}, {@code false}, {@code 0}, {@code ""}).
   *
   * @param why a short description for operators
   */
  record Unreadable(String why) implements StoredDocument {}

  /**
   * A parsed document.
   *
   * @param document the document
   */
  record Present(RalphDocument document) implements StoredDocument {}

  /** The singleton missing result. */
  StoredDocument MISSING = new Missing();
}
