package io.github.ralphresume.adapters.tmux;

import io.github.ralphresume.domain.port.PaneLocator;
import java.util.Map;

class StandardPaneLocatorContractTest extends AbstractPaneLocatorContractTest {
  @Override
  PaneLocator locator(Map<String, String> settings) {
    return PaneLocators.standard(settings);
  }

  @Override
  boolean answersFromTmuxPane() {
    return true;
  }
}
