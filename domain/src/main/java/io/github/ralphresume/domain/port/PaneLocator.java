package io.github.ralphresume.domain.port;

import io.github.ralphresume.domain.model.Environment;
import io.github.ralphresume.domain.model.PaneId;
import java.util.Optional;

/**
 * Outgoing port: finds the terminal pane the agent runs in, so the loop's nudges reach it.
 *
 * @since 0.1.0
 */
public interface PaneLocator {
  /**
   * Finds the agent's pane. Never throws for a missing multiplexer.
   *
   * @param environment the environment of the reconcile (the process's own, or a caller's)
   * @return the agent's pane, or empty when it cannot be found
   */
  Optional<PaneId> locate(Environment environment);
}
