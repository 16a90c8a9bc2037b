package io.github.ralphresume.adapters.tmux;

import java.util.Locale;
import java.util.Optional;

/** Where the terminal and process-tree fallbacks work: Linux and macOS. */
final class Platforms {
  private Platforms() {}

  /** Why the fallbacks cannot run on this OS, or empty on Linux and macOS. */
  static Optional<String> unsupported() {
    String os = System.getProperty("os.name", "");
    String lower = os.toLowerCase(Locale.ROOT);
    if (lower.startsWith("linux") || lower.startsWith("mac")) return Optional.empty();
    return Optional.of(
        "unavailable on " + (os.isEmpty() ? "this OS" : os) + " (Linux and macOS only)");
  }
}
