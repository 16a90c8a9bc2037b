package io.github.ralphresume.adapters.tmux;

import io.github.ralphresume.domain.port.PaneLocator;

/**
 * Built-in provider {@code env}: {@link EnvPaneLocator}, {@code TMUX_PANE} as given, no tmux.
 *
 * @since 0.1.0
 */
public final class EnvPaneLocatorProvider implements PaneLocatorProvider {
  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public EnvPaneLocatorProvider() {}

  @Override
  public String name() {
    return "env";
  }

  @Override
  public PaneLocator create(PaneLookupSettings settings) {
    return new EnvPaneLocator();
  }
}
