package io.github.ralphresume.domain.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a sweep found, and whether it retired it.
 *
 * @param outcome how the sweep ended
 * @param thresholdMillis the stale threshold the environment selects
 * @param deadSession the session whose process is gone, when dead owners were asked for and {@code
 *     session.json} names one
 * @param transferPending whether an interrupted transfer waits for a reconcile to settle it; an
 *     applying sweep then writes nothing
 * @param loops the loops to retire, by session id
 * @since 0.1.0
 */
public record SweepReport(
    Outcome outcome,
    double thresholdMillis,
    Optional<DeadSession> deadSession,
    boolean transferPending,
    List<Loop> loops) {

  /**
   * Checks and normalises the components.
   *
   * @param outcome how the sweep ended
   * @param thresholdMillis the stale threshold the environment selects
   * @param deadSession the session whose process is gone, when dead owners were asked for and
   *     {@code session.json} names one
   * @param transferPending whether an interrupted transfer waits for a reconcile to settle it; an
   *     applying sweep then writes nothing
   * @param loops the loops to retire, by session id
   */
  public SweepReport {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(deadSession, "deadSession");
    loops = List.copyOf(loops);
  }

  /** How a sweep ended. */
  public enum Outcome {
    /** Nothing was written: a dry run. */
    DRY_RUN("dry_run"),
    /** Every listed loop was retired. */
    APPLIED("applied"),
    /** Another process held the resume lock past the timeout; nothing was written. */
    RESUME_LOCK_TIMEOUT("resume_lock_timeout"),
    /** An interrupted transfer must be settled by a reconcile first; nothing was written. */
    TRANSFER_PENDING("transfer_pending");

    private final String wireName;

    Outcome(String wireName) {
      this.wireName = wireName;
    }

    /** {@return the outcome as printed by {@code sweep --json}} */
    public String wireName() {
      return wireName;
    }
  }

  /** Why a loop is retired. */
  public enum Why {
    /** Its last activity is older than the threshold. */
    STALE("stale"),
    /** Its session's process is gone ({@code --dead-owners}). */
    DEAD_OWNER("dead_owner");

    private final String wireName;

    Why(String wireName) {
      this.wireName = wireName;
    }

    /** {@return the reason as printed by {@code sweep --json}} */
    public String wireName() {
      return wireName;
    }
  }

  /**
   * One active loop to retire.
   *
   * @param session its session
   * @param path its document's path
   * @param why why it is retired
   * @param abandonment the document to write, and the freshness it carries
   * @param written whether it was written
   */
  public record Loop(
      OmxSessionId session, String path, Why why, Abandonment abandonment, boolean written) {
    /**
     * Checks and normalises the components.
     *
     * @param session its session
     * @param path its document's path
     * @param why why it is retired
     * @param abandonment the document to write, and the freshness it carries
     * @param written whether it was written
     */
    public Loop {
      Objects.requireNonNull(session, "session");
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(why, "why");
      Objects.requireNonNull(abandonment, "abandonment");
    }
  }
}
