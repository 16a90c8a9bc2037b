package io.github.ralphresume.adapters.tmux;

import io.github.ralphresume.domain.model.Environment;
import io.github.ralphresume.domain.model.PaneId;
import io.github.ralphresume.domain.port.PaneLocator;
import java.util.Optional;

/**
 * A {@link PaneLocator} that can say why it found a pane or none. Every built-in locator is one;
 * plugin locators may implement it so their remarks reach the user too.
 *
 * @since 0.1.0
 */
public interface ExplainingPaneLocator extends PaneLocator {
  /**
   * Looks for the agent's pane. Never throws for a missing or failing multiplexer.
   *
   * @param environment the environment of the reconcile
   * @return the pane found, if any, and one-line remarks saying why
   */
  PaneLookup lookup(Environment environment);

  @Override
  default Optional<PaneId> locate(Environment environment) {
    return lookup(environment).pane();
  }
}
