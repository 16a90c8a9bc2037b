package io.github.ralphresume.testing.plugin;

import io.github.ralphresume.adapters.tmux.PaneLocatorProvider;
import io.github.ralphresume.adapters.tmux.PaneLookupSettings;
import io.github.ralphresume.domain.model.PaneId;
import io.github.ralphresume.domain.port.PaneLocator;

/**
 * A pane-locator plugin as a third party writes one: {@code fixed} answers its {@code FIXED_PANE}.
 * It is registered only in the plugin jars tests build. Its package is none of ours, so a jar of it
 * can go on the module path beside the adapters, as a third party's does.
 */
public final class FixedPaneLocatorProvider implements PaneLocatorProvider {
  public FixedPaneLocatorProvider() {}

  @Override
  public String name() {
    return "fixed";
  }

  @Override
  public PaneLocator create(PaneLookupSettings settings) {
    return environment -> settings.get("FIXED_PANE").flatMap(PaneId::parse);
  }
}
