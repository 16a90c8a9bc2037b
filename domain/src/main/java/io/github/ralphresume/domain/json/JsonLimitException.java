package io.github.ralphresume.domain.json;

/**
 * A JSON value JavaScript cannot handle the way the original tool needs it to: nested deeper than
 * {@code JSON.stringify} or {@code String(array)} can recurse, or longer than JavaScript's longest
 * string. The original fails its reconcile there ({@code RangeError}); so does ours, with this
 * one-line message, before anything is written.
 *
 * @since 0.1.0
 */
public final class JsonLimitException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * A value past one of JavaScript's limits.
   *
   * @param message what was too deep or too long, and which limit it passed
   */
  public JsonLimitException(String message) {
    super(message);
  }
}
