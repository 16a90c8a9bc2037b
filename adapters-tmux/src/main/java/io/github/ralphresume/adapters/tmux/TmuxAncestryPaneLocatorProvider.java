package io.github.ralphresume.adapters.tmux;

import io.github.ralphresume.domain.port.PaneLocator;

/**
 * Built-in provider {@code tmux-ancestry}: without {@code TMUX_PANE}, the agent pane that runs this
 * process or its nearest ancestor.
 *
 * @since 0.1.0
 */
public final class TmuxAncestryPaneLocatorProvider implements PaneLocatorProvider {
  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public TmuxAncestryPaneLocatorProvider() {}

  @Override
  public String name() {
    return "tmux-ancestry";
  }

  @Override
  public PaneLocator create(PaneLookupSettings settings) {
    return new TmuxAncestryPaneLocator(settings, ProcessHandle.current());
  }
}
