package io.github.ralphresume.adapters.tmux;

import io.github.ralphresume.domain.model.Environment;
import java.util.Optional;

/** When the fallbacks ({@code tmux-tty}, {@code tmux-ancestry}) may run at all. */
final class Fallbacks {
  private Fallbacks() {}

  /**
   * Why a fallback must stay quiet, or empty when it may look. With a {@code TMUX_PANE} the
   * reference's answer ({@code tmux-env}) stands, even when that answer is "no pane", and in
   * whatever order the locators are configured.
   */
  static Optional<String> whyNot(Environment environment, PaneLookupSettings settings) {
    if (TmuxPaneSources.of(environment, settings).any()) {
      return Optional.of("skipped: TMUX_PANE is set, so only tmux-env answers");
    }
    return Platforms.unsupported();
  }
}
