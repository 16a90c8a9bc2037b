package io.github.ralphresume.domain.port;

import io.github.ralphresume.domain.model.CurrentSession;
import io.github.ralphresume.domain.model.Environment;

/**
 * Outgoing port: finds the OMX session the hook runs in.
 *
 * @since 0.1.0
 */
public interface CurrentSessionLocator {
  /** The current session, or why there is none. */
  CurrentSession locate(Environment environment);
}
