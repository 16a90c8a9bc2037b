package io.github.ralphresume.domain.usecase;

import io.github.ralphresume.domain.model.Environment;
import io.github.ralphresume.domain.model.OmxSessionId;
import java.util.Objects;
import java.util.Set;

/**
 * One sweep to run.
 *
 * @param environment the variables the stale threshold is read from
 * @param apply whether to retire what is found; otherwise nothing is written
 * @param deadOwners whether loops of a session whose process is gone are retired too
 * @param only the sessions to consider; empty for all
 * @since 0.1.0
 */
public record SweepRequest(
    Environment environment, boolean apply, boolean deadOwners, Set<OmxSessionId> only) {
  /**
   * Checks and normalises the components.
   *
   * @param environment the variables the stale threshold is read from
   * @param apply whether to retire what is found; otherwise nothing is written
   * @param deadOwners whether loops of a session whose process is gone are retired too
   * @param only the sessions to consider; empty for all
   */
  public SweepRequest {
    Objects.requireNonNull(environment, "environment");
    only = Set.copyOf(only);
  }
}
