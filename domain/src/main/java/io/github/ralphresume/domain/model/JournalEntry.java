package io.github.ralphresume.domain.model;

import java.util.Objects;
import java.util.Optional;

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
 * @param originalFingerprint the source file's exact bytes before the transfer, fingerprinted (it
 *     may be formatted otherwise than this tool writes it); empty in a journal written without it
 * @since 0.1.0
 */
public record JournalEntry(
    String transferId,
    OmxSessionId source,
    OmxSessionId target,
    RalphDocument originalSource,
    RalphDocument retiredSource,
    RalphDocument nextTarget,
    Optional<Fingerprint.Bytes> originalFingerprint) {
  /**
   * Checks and normalises the components.
   *
   * @param transferId a unique id for this transfer
   * @param source the session the loop leaves
   * @param target the session the loop moves to
   * @param originalSource the source document before the transfer
   * @param retiredSource the source document after it (what recovery recognises)
   * @param nextTarget the target document after it
   * @param originalFingerprint the source file's exact bytes before the transfer, fingerprinted;
   *     empty in a journal written without it
   */
  public JournalEntry {
    Objects.requireNonNull(transferId, "transferId");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(originalSource, "originalSource");
    Objects.requireNonNull(retiredSource, "retiredSource");
    Objects.requireNonNull(nextTarget, "nextTarget");
    Objects.requireNonNull(originalFingerprint, "originalFingerprint");
  }

  /**
   * What the source's document file holds, in terms of this transfer: the original (its exact
   * bytes, or this tool's writing of it, which a failed transfer puts back), this transfer's
   * retirement, or something else.
   *
   * @param found the source file's fingerprint
   * @return the finding
   */
  public Recovery.Found atSource(Fingerprint found) {
    if (found instanceof Fingerprint.Missing) return Recovery.Found.MISSING;
    if (found instanceof Fingerprint.Unreadable) return Recovery.Found.UNREADABLE;
    if (originalFingerprint.filter(found::equals).isPresent() || found.isOf(originalSource)) {
      return Recovery.Found.ORIGINAL_SOURCE;
    }
    if (found.isOf(retiredSource)) return Recovery.Found.RETIRED_SOURCE;
    return Recovery.Found.FOREIGN;
  }

  /**
   * What the target's document file holds, in terms of this transfer: nothing, this transfer's
   * document, or something else.
   *
   * @param found the target file's fingerprint
   * @return the finding
   */
  public Recovery.Found atTarget(Fingerprint found) {
    if (found instanceof Fingerprint.Missing) return Recovery.Found.MISSING;
    if (found instanceof Fingerprint.Unreadable) return Recovery.Found.UNREADABLE;
    if (found.isOf(nextTarget)) return Recovery.Found.NEXT_TARGET;
    return Recovery.Found.FOREIGN;
  }

  /**
   * The journal of {@code transfer} into {@code target}.
   *
   * @param transferId a fresh id for this transfer
   * @param transfer the source's original and retired documents and the next target
   * @param target the session the loop moves to
   * @param originalFingerprint the source file's bytes as they are before the transfer, if known
   * @return the entry
   */
  public static JournalEntry of(
      String transferId,
      Transfer transfer,
      OmxSessionId target,
      Optional<Fingerprint.Bytes> originalFingerprint) {
    return new JournalEntry(
        transferId,
        transfer.source(),
        target,
        transfer.original(),
        transfer.previousSource(),
        transfer.nextTarget(),
        originalFingerprint);
  }
}
