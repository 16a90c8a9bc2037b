package io.github.ralphresume.app.http;

/** Bad start-up input (options, state dir, token): one line on stderr and exit status 2. */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
