package io.github.ralphresume.adapters.tmux;

/** Keeps remarks to one printable line, whatever a pane id or tmux's stderr contains. */
final class Notes {
  private static final int MAX_LENGTH = 200;

  private Notes() {}

  /** {@code text} with control characters escaped and cut to a readable length. */
  static String oneLine(String text) {
    return oneLine(text, MAX_LENGTH);
  }

  /** {@code text} with control characters escaped and cut to {@code maxLength} characters. */
  static String oneLine(String text, int maxLength) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < text.length() && line.length() < maxLength; i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || c == 0x2028 || c == 0x2029) {
        line.append(String.format("\\u%04x", (int) c));
      } else {
        line.append(c);
      }
    }
    return line.length() < maxLength ? line.toString() : line + "…";
  }

  /**
   * A plugin's failure on one line: the exception and its cause, without {@link
   * java.util.ServiceConfigurationError}'s repetition of the service's name.
   */
  static String failure(Throwable failure) {
    String text = String.valueOf(failure);
    if (failure instanceof java.util.ServiceConfigurationError && failure.getMessage() != null) {
      String message = failure.getMessage();
      String prefix = PaneLocatorProvider.class.getName() + ": ";
      text = message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }
    Throwable cause = failure.getCause();
    if (cause != null && cause != failure) text += " (" + cause + ")";
    return oneLine(text, 2 * MAX_LENGTH);
  }

  /** {@code text} in double quotes, on one line. */
  static String quoted(String text) {
    return "\"" + oneLine(text) + "\"";
  }
}
