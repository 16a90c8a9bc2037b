package io.github.ralphresume.domain.port;

import java.util.Optional;

/**
 * Outgoing port: the cross-process lock that makes a transfer happen exactly once, shared with the
 * TypeScript original and every other process reconciling the same state dir.
 *
 * @since 0.1.0
 */
public interface ResumeLock {

  /**
   * Waits for the lock up to the timeout.
   *
   * @return the held lock; empty when another holder kept it that long
   */
  Optional<Held> acquire();

  /** A held lock. Closing it releases the lock if it is still ours. */
  interface Held extends AutoCloseable {
    /**
     * Fails with {@link LockLostException} when the lock is no longer ours, so nothing is written
     * without it.
     */
    void ensureHeld();

    @Override
    void close();
  }
}
