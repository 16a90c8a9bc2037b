package io.github.ralphresume.domain.port;

/**
 * A state store operation failed for a reason outside the rules (I/O, permissions).
 *
 * @since 0.1.0
 */
public class StateStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * A failure with its cause.
   *
   * @param message what failed
   * @param cause the underlying exception
   */
  public StateStoreException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * A failure without an underlying exception.
   *
   * @param message what failed
   */
  public StateStoreException(String message) {
    super(message);
  }
}
