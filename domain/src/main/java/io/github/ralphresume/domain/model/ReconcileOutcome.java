package io.github.ralphresume.domain.model;

import java.util.Objects;
import java.util.Optional;

/**
 * The result of one reconcile, field for field the original's result object.
 *
 * @param currentOmxSessionId the current OMX session, or {@code ""} when none was found or the lock
 *     timed out
 * @param resumed whether a prior loop was transferred to the current session
 * @param updatedCurrentOwner whether the current session's active loop was rewritten
 * @param reason why it ended so
 * @param sourcePath the prior document's path, after a transfer
 * @param targetPath the current session's document path, when the reconcile looked at it
 * @param recovery what was done first about a transfer an earlier process left half done; not part
 *     of the original's result, and printed only when it happened
 * @since 0.1.0
 */
public record ReconcileOutcome(
    String currentOmxSessionId,
    boolean resumed,
    boolean updatedCurrentOwner,
    ResumeReason reason,
    Optional<String> sourcePath,
    Optional<String> targetPath,
    Optional<Recovery> recovery) {

  /**
   * An outcome.
   *
   * @param currentOmxSessionId the current OMX session, or {@code ""}
   * @param resumed whether a prior loop was transferred to the current session
   * @param updatedCurrentOwner whether the current session's active loop was rewritten
   * @param reason why it ended so
   * @param sourcePath the prior document's path, after a transfer
   * @param targetPath the current session's document path, when the reconcile looked at it
   * @param recovery what was done first about a transfer left half done
   */
  public ReconcileOutcome {
    Objects.requireNonNull(recovery, "recovery");
    Objects.requireNonNull(currentOmxSessionId, "currentOmxSessionId");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(sourcePath, "sourcePath");
    Objects.requireNonNull(targetPath, "targetPath");
  }

  /**
   * An outcome that wrote nothing and names no path.
   *
   * @param currentOmxSessionId the current OMX session, or {@code ""}
   * @param reason why it ended so
   * @return the outcome
   */
  public static ReconcileOutcome of(String currentOmxSessionId, ResumeReason reason) {
    return new ReconcileOutcome(
        currentOmxSessionId,
        false,
        false,
        reason,
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /**
   * An outcome about the current session's document.
   *
   * @param currentOmxSessionId the current OMX session
   * @param reason why it ended so
   * @param updatedOwner whether the current session's active loop was rewritten
   * @param targetPath the current session's document path
   * @return the outcome
   */
  public static ReconcileOutcome atTarget(
      String currentOmxSessionId, ResumeReason reason, boolean updatedOwner, String targetPath) {
    return new ReconcileOutcome(
        currentOmxSessionId,
        false,
        updatedOwner,
        reason,
        Optional.empty(),
        Optional.of(targetPath),
        Optional.empty());
  }

  /**
   * The same outcome, reporting {@code done} as the recovery that preceded it.
   *
   * @param done the recovery, or empty
   * @return the outcome with that recovery
   */
  public ReconcileOutcome withRecovery(Optional<Recovery> done) {
    return new ReconcileOutcome(
        currentOmxSessionId, resumed, updatedCurrentOwner, reason, sourcePath, targetPath, done);
  }
}
