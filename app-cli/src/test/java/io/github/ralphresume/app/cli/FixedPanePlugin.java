package io.github.ralphresume.app.cli;

import io.github.ralphresume.adapters.tmux.PaneLocatorProvider;
import io.github.ralphresume.adapters.tmux.PaneLookupSettings;
import io.github.ralphresume.domain.model.PaneId;
import io.github.ralphresume.domain.port.PaneLocator;

/**
 * A pane-locator plugin as a third party writes one: {@code fixed} answers its {@code FIXED_PANE}.
 * It is registered only inside the jars {@link PluginPathTest} builds.
 */
public final class FixedPanePlugin implements PaneLocatorProvider {
  public FixedPanePlugin() {}

  @Override
  public String name() {
    return "fixed";
  }

  @Override
  public PaneLocator create(PaneLookupSettings settings) {
    return environment -> settings.get("FIXED_PANE").flatMap(PaneId::parse);
  }
}
