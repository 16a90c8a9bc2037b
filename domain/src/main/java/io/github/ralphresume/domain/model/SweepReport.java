package io.github.ralphresume.domain.model;

import io.github.ralphresume.domain.json.JsonArray;
import io.github.ralphresume.domain.json.JsonObject;
import io.github.ralphresume.domain.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  /**
   * The object {@code ralph-resume sweep --json} prints (and {@code POST /v1/sweep} answers):
   * {@code outcome}, {@code thresholdMs}, {@code transferPending}, {@code deadSession} when one was
   * found, and {@code loops}, each with its {@code session}, {@code path}, {@code why}, {@code
   * freshness} and whether it was {@code abandoned}.
   *
   * @return the object
   */
  public JsonObject toJson() {
    Map<String, JsonValue> root = new LinkedHashMap<>();
    root.put("outcome", JsonValue.of(outcome.wireName()));
    root.put("thresholdMs", JsonValue.of(thresholdMillis));
    root.put("transferPending", JsonValue.of(transferPending));
    deadSession.ifPresent(
        dead -> {
          Map<String, JsonValue> described = new LinkedHashMap<>();
          described.put("session", JsonValue.of(dead.session().value()));
          described.put("pid", JsonValue.of(dead.pid()));
          root.put("deadSession", new JsonObject(described));
        });
    List<JsonValue> described = new ArrayList<>();
    for (Loop loop : loops) {
      Map<String, JsonValue> members = new LinkedHashMap<>();
      members.put("session", JsonValue.of(loop.session().value()));
      members.put("path", JsonValue.of(loop.path()));
      members.put("why", JsonValue.of(loop.why().wireName()));
      members.put("freshness", Explanation.freshnessJson(loop.abandonment().why()));
      members.put("abandoned", JsonValue.of(loop.written()));
      described.add(new JsonObject(members));
    }
    root.put("loops", new JsonArray(described));
    return new JsonObject(root);
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
