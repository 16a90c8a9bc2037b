package io.github.ralphresume.app.cli;

/** Bad input from the user: reported in one line with exit status 2. */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
