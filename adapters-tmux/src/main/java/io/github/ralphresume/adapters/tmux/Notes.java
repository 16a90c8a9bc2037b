package io.github.ralphresume.adapters.tmux;

/** Keeps remarks to one printable line, whatever a pane id or tmux's stderr contains. */
final class Notes {
  private static final int MAX_LENGTH = 200;

  private Notes() {}

  /** {@code text} with control characters escaped and cut to a readable length. */
  static String oneLine(String text) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < text.length() && line.length() < MAX_LENGTH; i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || c == 0x2028 || c == 0x2029) {
        line.append(String.format("\\u%04x", (int) c));
      } else {
        line.append(c);
      }
    }
    return line.length() < MAX_LENGTH ? line.toString() : line + "…";
  }

  /** {@code text} in double quotes, on one line. */
  static String quoted(String text) {
    return "\"" + oneLine(text) + "\"";
  }
}
