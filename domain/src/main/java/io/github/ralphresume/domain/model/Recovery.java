package io.github.ralphresume.domain.model;

import java.util.Objects;

/**
 * What a reconcile did about a transfer that an earlier process left half done, and what it found
 * that made it decide so.
 *
 * <p>Recovery acts only on the states this transfer itself produces: the source as it was before
 * (or as the transfer puts it back), or retired by this transfer; the target missing, or holding
 * this transfer's document. Anything else was written by another writer (the TypeScript original
 * completing the transfer while ours was dead, another OMX component, a person), and recovery
 * touches nothing then: it keeps the journal aside and reports what it found. See {@link #decide}.
 *
 * @param transferId the interrupted transfer
 * @param action what was done
 * @param source the session the loop was leaving
 * @param target the session the loop was moving to
 * @param atSource what the source's document file held when recovery looked
 * @param atTarget what the target's document file held when recovery looked
 * @since 0.1.0
 */
public record Recovery(
    String transferId,
    Action action,
    OmxSessionId source,
    OmxSessionId target,
    Found atSource,
    Found atTarget) {

  /**
   * Checks the components.
   *
   * @param transferId the interrupted transfer
   * @param action what was done
   * @param source the session the loop was leaving
   * @param target the session the loop was moving to
   * @param atSource what the source's document file held when recovery looked
   * @param atTarget what the target's document file held when recovery looked
   */
  public Recovery {
    Objects.requireNonNull(transferId, "transferId");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(atSource, "atSource");
    Objects.requireNonNull(atTarget, "atTarget");
  }

  /**
   * The whole decision, from what is on disk (compared byte for byte with the transfer's
   * documents). A document is removed or written only where it is one this transfer wrote and the
   * loop is then safe in the other place:
   *
   * <ul>
   *   <li>source retired by this transfer, target missing: write the target (roll forward);
   *   <li>source retired by this transfer, target this transfer's: nothing left to do (forward);
   *   <li>source as before, target missing: nothing was changed (roll back);
   *   <li>source as before, target this transfer's: remove the target, the source still has the
   *       loop (roll back);
   *   <li>anything else: another writer acted; leave everything as it is.
   * </ul>
   *
   * @param atSource what the source's document file holds
   * @param atTarget what the target's document file holds
   * @return what to do
   */
  public static Action decide(Found atSource, Found atTarget) {
    boolean targetOurs = atTarget == Found.MISSING || atTarget == Found.NEXT_TARGET;
    if (atSource == Found.RETIRED_SOURCE && targetOurs) return Action.ROLLED_FORWARD;
    if (atSource == Found.ORIGINAL_SOURCE && targetOurs) return Action.ROLLED_BACK;
    return Action.LEFT_FOR_OPERATOR;
  }

  /** What recovery found in a document file of the interrupted transfer. */
  public enum Found {
    /** No file. */
    MISSING("missing"),
    /** A file that cannot be read (not a regular file, a link, an I/O error). */
    UNREADABLE("unreadable"),
    /** The source as it was before the transfer, or as a failed transfer put it back. */
    ORIGINAL_SOURCE("original_source"),
    /** The source as this transfer retires it. */
    RETIRED_SOURCE("retired_source"),
    /** The target as this transfer writes it. */
    NEXT_TARGET("next_target"),
    /** A document this transfer never writes there: another writer's. */
    FOREIGN("foreign");

    private final String wireName;

    Found(String wireName) {
      this.wireName = wireName;
    }

    /** {@return the finding as printed and logged} */
    public String wireName() {
      return wireName;
    }
  }

  /** The recovery actions. */
  public enum Action {
    /** The source was already retired by the transfer: the target was completed. */
    ROLLED_FORWARD("rolled_forward"),
    /** The source still held the loop: it keeps it, and the transfer's target was removed. */
    ROLLED_BACK("rolled_back"),
    /**
     * Another writer changed the source or the target after the transfer began (the TypeScript
     * original may have completed it meanwhile): nothing is touched, and the journal is kept aside
     * for the operator.
     */
    LEFT_FOR_OPERATOR("left_for_operator");

    private final String wireName;

    Action(String wireName) {
      this.wireName = wireName;
    }

    /** {@return the action as printed and logged} */
    public String wireName() {
      return wireName;
    }
  }
}
