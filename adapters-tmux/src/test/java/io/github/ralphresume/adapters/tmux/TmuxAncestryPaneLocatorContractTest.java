package io.github.ralphresume.adapters.tmux;

import io.github.ralphresume.domain.port.PaneLocator;
import java.util.Map;

class TmuxAncestryPaneLocatorContractTest extends AbstractPaneLocatorContractTest {
  @Override
  PaneLocator locator(Map<String, String> settings) {
    return new TmuxAncestryPaneLocator(PaneLookupSettings.from(settings), ProcessHandle.current());
  }

  @Override
  boolean answersFromTmuxPane() {
    return false;
  }
}
