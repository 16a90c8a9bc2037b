package io.github.ralphresume.adapters.tmux;

import io.github.ralphresume.domain.port.PaneLocator;
import java.util.Map;

class TmuxTtyPaneLocatorContractTest extends AbstractPaneLocatorContractTest {
  @Override
  PaneLocator locator(Map<String, String> settings) {
    return new TmuxTtyPaneLocator(PaneLookupSettings.from(settings), ControllingTerminals.libc());
  }

  @Override
  boolean answersFromTmuxPane() {
    return false;
  }
}
