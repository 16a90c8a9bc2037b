package io.github.ralphresume.domain.port;

/**
 * The resume lock was taken over by another process while a reconcile still needed it.
 *
 * @since 0.1.0
 */
public class LockLostException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * A lost lock.
   *
   * @param message what was lost, and when
   */
  public LockLostException(String message) {
    super(message);
  }
}
