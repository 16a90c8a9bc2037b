package io.github.ralphresume.domain.model;

import java.util.Objects;

/**
 * A transfer written down before it starts, so a crash at any point can be completed or undone: the
 * loop's document is always in the source, the target, or here.
 *
 * @param transferId a unique id for this transfer
 * @param source the session the loop leaves
 * @param target the session the loop moves to
 * @param originalSource the source document before the transfer
 * @param retiredSource the source document after it (what recovery recognises)
 * @param nextTarget the target document after it
 * @since 0.1.0
 */
public record JournalEntry(
    String transferId,
    OmxSessionId source,
    OmxSessionId target,
    RalphDocument originalSource,
    RalphDocument retiredSource,
    RalphDocument nextTarget) {
  /**
   * Checks and normalises the components.
   *
   * @param transferId a unique id for this transfer
   * @param source the session the loop leaves
   * @param target the session the loop moves to
   * @param originalSource the source document before the transfer
   * @param retiredSource the source document after it (what recovery recognises)
   * @param nextTarget the target document after it
   */
  public JournalEntry {
    Objects.requireNonNull(transferId, "transferId");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(originalSource, "originalSource");
    Objects.requireNonNull(retiredSource, "retiredSource");
    Objects.requireNonNull(nextTarget, "nextTarget");
  }

  /**
   * The journal of {@code transfer} into {@code target}.
   *
   * @param transferId a fresh id for this transfer
   * @param transfer the source's original and retired documents and the next target
   * @param target the session the loop moves to
   * @return the entry
   */
  public static JournalEntry of(String transferId, Transfer transfer, OmxSessionId target) {
    return new JournalEntry(
        transferId,
        transfer.source(),
        target,
        transfer.original(),
        transfer.previousSource(),
        transfer.nextTarget());
  }
}
