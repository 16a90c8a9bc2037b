package io.github.ralphresume.adapters.tmux;

import io.github.ralphresume.domain.port.PaneLocator;

/**
 * Built-in provider {@code tmux-tty}: without {@code TMUX_PANE}, the agent pane whose terminal this
 * process has.
 *
 * @since 0.1.0
 */
public final class TmuxTtyPaneLocatorProvider implements PaneLocatorProvider {
  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public TmuxTtyPaneLocatorProvider() {}

  @Override
  public String name() {
    return "tmux-tty";
  }

  @Override
  public PaneLocator create(PaneLookupSettings settings) {
    return new TmuxTtyPaneLocator(settings, ControllingTerminals.standard());
  }
}
