package io.github.ralphresume.domain.model;

/**
 * The durable steps of a transfer, in order. A crash between any two leaves a state that the next
 * reconcile's recovery completes or undoes.
 *
 * @since 0.1.0
 */
public enum TransferStep {
  /** The journal holding both documents is on disk, status prepared. */
  JOURNAL_PREPARED("after-journal"),
  /** The source has been retired (inactive, {@code ownership_transferred}). */
  SOURCE_RETIRED("after-source"),
  /** The target holds the loop. */
  TARGET_WRITTEN("after-target"),
  /** About to mark the journal committed. */
  BEFORE_COMMIT("before-commit"),
  /** The journal is committed: the transfer is complete. */
  COMMITTED("committed");

  private final String wireName;

  TransferStep(String wireName) {
    this.wireName = wireName;
  }

  /** {@return the step's name, as used by the crash-injection switch and in logs} */
  public String wireName() {
    return wireName;
  }
}
