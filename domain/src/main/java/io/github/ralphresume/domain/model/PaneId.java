package io.github.ralphresume.domain.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A tmux pane id such as {@code %42}. Validated before it is handed to tmux or written into a Ralph
 * document, so a stray {@code TMUX_PANE} value never becomes a nudge target.
 *
 * @param value the id, {@code %} followed by decimal digits
 * @since 0.1.0
 */
public record PaneId(String value) {
  /**
   * Checks and normalises the components.
   *
   * @param value the id, {@code %} followed by decimal digits
   */
  public PaneId {
    Objects.requireNonNull(value, "value");
    if (!isValid(value)) {
      throw new IllegalArgumentException(
          "invalid tmux pane id \"" + value + "\": expected % followed by digits, e.g. %42");
    }
  }

  /**
   * Whether {@code text} is {@code %} followed by one or more decimal digits.
   *
   * @param text the candidate, or null
   * @return whether it is a pane id
   */
  public static boolean isValid(String text) {
    if (text == null || text.length() < 2 || text.length() > 20 || text.charAt(0) != '%') {
      return false;
    }
    for (int i = 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') return false;
    }
    return true;
  }

  /**
   * The pane id, if {@code text} is one.
   *
   * @param text the candidate, or null
   * @return the pane id, or empty
   */
  public static Optional<PaneId> parse(String text) {
    return isValid(text) ? Optional.of(new PaneId(text)) : Optional.empty();
  }

  @Override
  public String toString() {
    return value;
  }
}
