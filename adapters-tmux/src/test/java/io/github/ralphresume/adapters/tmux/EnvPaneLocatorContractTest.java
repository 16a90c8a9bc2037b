package io.github.ralphresume.adapters.tmux;

import io.github.ralphresume.domain.port.PaneLocator;
import java.util.Map;

class EnvPaneLocatorContractTest extends AbstractPaneLocatorContractTest {
  @Override
  PaneLocator locator(Map<String, String> settings) {
    return new EnvPaneLocator();
  }

  @Override
  boolean answersFromTmuxPane() {
    return true;
  }
}
