package io.github.ralphresume.adapters.tmux;

import io.github.ralphresume.domain.model.PaneId;
import io.github.ralphresume.domain.port.PaneLocator;

/** A plugin as a third party would write one: {@code fixed} answers its {@code FIXED_PANE}. */
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
