package io.github.ralphresume.domain.model;

/**
 * What a reconcile did about a transfer that an earlier process left half done.
 *
 * @param transferId the interrupted transfer
 * @param action what was done
 * @param source the session the loop was leaving
 * @param target the session the loop was moving to
 * @since 0.1.0
 */
public record Recovery(String transferId, Action action, OmxSessionId source, OmxSessionId target) {

  /** The recovery actions. */
  public enum Action {
    /** The source was already retired: the target was completed. */
    ROLLED_FORWARD("rolled_forward"),
    /** The source was not retired: the source keeps the loop, the target was undone. */
    ROLLED_BACK("rolled_back"),
    /**
     * The source was retired, but the target now holds a document this transfer did not write
     * (another tool acted in between): both are left alone; the loop stays in the journal file.
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
