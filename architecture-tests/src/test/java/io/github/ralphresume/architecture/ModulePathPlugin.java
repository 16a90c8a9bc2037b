package io.github.ralphresume.architecture;

import io.github.ralphresume.adapters.tmux.PaneLocatorProvider;
import io.github.ralphresume.adapters.tmux.PaneLookupSettings;
import io.github.ralphresume.domain.model.PaneId;
import io.github.ralphresume.domain.port.PaneLocator;

/**
 * A pane-locator plugin for the module-path run of {@link ModuleGraphTest}: {@code fixed} answers
 * its {@code FIXED_PANE}. Copied into a plugin jar of its own, it is loaded the way a third party's
 * is.
 */
public final class ModulePathPlugin implements PaneLocatorProvider {
  public ModulePathPlugin() {}

  @Override
  public String name() {
    return "fixed";
  }

  @Override
  public PaneLocator create(PaneLookupSettings settings) {
    return environment -> settings.get("FIXED_PANE").flatMap(PaneId::parse);
  }
}
