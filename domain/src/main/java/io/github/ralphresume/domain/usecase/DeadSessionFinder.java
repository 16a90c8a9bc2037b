package io.github.ralphresume.domain.usecase;

import io.github.ralphresume.domain.model.DeadSession;
import java.util.Optional;

/**
 * Finds the session whose process is provably gone, for {@link SweepStaleLoops}'s dead-owner sweep.
 * "Provably" matters: a process that cannot be checked is not gone, so a live loop is never retired
 * on a guess.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface DeadSessionFinder {
  /** {@return the session {@code session.json} names when the pid it records is not running} */
  Optional<DeadSession> find();

  /** Finds none. */
  DeadSessionFinder NONE = Optional::empty;
}
