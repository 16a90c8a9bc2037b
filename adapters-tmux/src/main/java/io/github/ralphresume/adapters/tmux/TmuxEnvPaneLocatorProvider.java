package io.github.ralphresume.adapters.tmux;

import io.github.ralphresume.domain.port.PaneLocator;

/**
 * Built-in provider {@code tmux-env}: the reference's {@code resolveCodexPane() || TMUX_PANE}.
 *
 * @since 0.1.0
 */
public final class TmuxEnvPaneLocatorProvider implements PaneLocatorProvider {
  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public TmuxEnvPaneLocatorProvider() {}

  @Override
  public String name() {
    return "tmux-env";
  }

  @Override
  public PaneLocator create(PaneLookupSettings settings) {
    return new TmuxEnvPaneLocator(settings);
  }
}
