package io.github.ralphresume.domain.port;

import io.github.ralphresume.domain.model.CurrentSession;
import io.github.ralphresume.domain.model.Environment;

/**
 * Outgoing port: finds the OMX session the hook runs in.
 *
 * @since 0.1.0
 */
public interface CurrentSessionLocator {
  /**
   * Finds the current session.
   *
   * @param environment the variables that may name it
   * @return the current session, or why there is none
   */
  CurrentSession locate(Environment environment);
}
