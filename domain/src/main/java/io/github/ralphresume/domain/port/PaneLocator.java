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
  /** The agent's pane, or empty when it cannot be found. Never throws for a missing multiplexer. */
  Optional<PaneId> locate(Environment environment);
}
