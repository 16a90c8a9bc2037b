package io.github.ralphresume.adapters.tmux;

import io.github.ralphresume.domain.js.JsStrings;
import io.github.ralphresume.domain.model.Environment;
import io.github.ralphresume.domain.model.PaneId;
import java.util.Optional;

/**
 * The {@code TMUX_PANE} values the reference's {@code resolveResumePane} reads: the environment's
 * own ({@code captureTmuxPaneFromEnv(env)}) and the one {@code resolveCodexPane} verifies with
 * tmux, which is always the process's ({@code process.env.TMUX_PANE}). They differ only for a
 * caller-supplied environment.
 *
 * @param fromEnvironment the environment's {@code TMUX_PANE}, trimmed as JavaScript trims
 * @param toVerify the pane the reference asks tmux about
 */
record TmuxPaneSources(String fromEnvironment, String toVerify) {
  static final String TMUX_PANE = "TMUX_PANE";

  static TmuxPaneSources of(Environment environment, PaneLookupSettings settings) {
    String fromEnvironment = envPane(environment);
    String toVerify = environment.callerSupplied() ? settings.processTmuxPane() : fromEnvironment;
    return new TmuxPaneSources(fromEnvironment, toVerify);
  }

  /** {@code captureTmuxPaneFromEnv(env)}: the environment's {@code TMUX_PANE}, trimmed, or "". */
  static String envPane(Environment environment) {
    return JsStrings.trim(environment.get(TMUX_PANE).orElse(""));
  }

  /**
   * Whether the reference would answer from {@code TMUX_PANE} at all. When it would, only {@code
   * tmux-env} speaks: the fallbacks stay quiet, so our answer is the reference's.
   */
  boolean any() {
    return !fromEnvironment.isEmpty() || !toVerify.isEmpty();
  }

  /** The one-line reason a {@code TMUX_PANE} value is refused, or empty when it is a pane id. */
  static Optional<String> problem(String value) {
    if (value.isEmpty() || PaneId.isValid(value)) return Optional.empty();
    return Optional.of(
        "TMUX_PANE "
            + Notes.quoted(value)
            + " is not a tmux pane id (expected % followed by digits, e.g. %42); ignored");
  }
}
