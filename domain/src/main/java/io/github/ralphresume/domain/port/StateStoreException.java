package io.github.ralphresume.domain.port;

/**
 * A state store operation failed for a reason outside the rules (I/O, permissions).
 *
 * @since 0.1.0
 */
public class StateStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure with its cause. */
  public StateStoreException(String message, Throwable cause) {
    super(message, cause);
  }

  /** A failure without an underlying exception. */
  public StateStoreException(String message) {
    super(message);
  }
}
