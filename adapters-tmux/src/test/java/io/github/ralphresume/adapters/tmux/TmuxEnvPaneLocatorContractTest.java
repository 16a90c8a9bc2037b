package io.github.ralphresume.adapters.tmux;

import io.github.ralphresume.domain.port.PaneLocator;
import java.util.Map;

class TmuxEnvPaneLocatorContractTest extends AbstractPaneLocatorContractTest {
  @Override
  PaneLocator locator(Map<String, String> settings) {
    return new TmuxEnvPaneLocator(PaneLookupSettings.from(settings));
  }

  @Override
  boolean answersFromTmuxPane() {
    return true;
  }
}
