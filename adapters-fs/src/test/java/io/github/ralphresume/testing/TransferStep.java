package io.github.ralphresume.testing;

/**
 * The durable steps of a transfer, in order, as the crash tests name them. A crash between any two
 * leaves a state that the next reconcile's recovery completes or undoes. {@link TransferSteps}
 * tells them from the ports the reconcile calls.
 */
public enum TransferStep {
  /** The journal holding both documents is on disk, status prepared. */
  JOURNAL_PREPARED("after-journal"),
  /** The source has been retired (inactive, {@code ownership_transferred}). */
  SOURCE_RETIRED("after-source"),
  /** The target holds the loop. */
  TARGET_WRITTEN("after-target"),
  /** About to mark the journal committed (the same state as {@link #TARGET_WRITTEN}). */
  BEFORE_COMMIT("before-commit"),
  /** The journal is committed: the transfer is complete. */
  COMMITTED("committed");

  private final String wireName;

  TransferStep(String wireName) {
    this.wireName = wireName;
  }

  /** {@return the step's name, as the crash tests' switches spell it} */
  public String wireName() {
    return wireName;
  }
}
