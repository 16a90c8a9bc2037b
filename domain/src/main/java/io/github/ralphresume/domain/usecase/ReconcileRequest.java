package io.github.ralphresume.domain.usecase;

import io.github.ralphresume.domain.model.Environment;
import java.util.Objects;

/**
 * One notify-hook turn to reconcile.
 *
 * @param payloadCodexSessionId the Codex session id from the payload, as given ({@code ""} when
 *     absent)
 * @param payloadCodexThreadId the Codex thread id from the payload, as given ({@code ""} when
 *     absent)
 * @param environment the variables the reconcile reads
 * @since 0.1.0
 */
public record ReconcileRequest(
    String payloadCodexSessionId, String payloadCodexThreadId, Environment environment) {
  /**
   * Checks and normalises the components.
   *
   * @param payloadCodexSessionId the Codex session id from the payload, as given ({@code ""} when
   *     absent)
   * @param payloadCodexThreadId the Codex thread id from the payload, as given ({@code ""} when
   *     absent)
   * @param environment the variables the reconcile reads
   */
  public ReconcileRequest {
    payloadCodexSessionId = payloadCodexSessionId == null ? "" : payloadCodexSessionId;
    payloadCodexThreadId = payloadCodexThreadId == null ? "" : payloadCodexThreadId;
    Objects.requireNonNull(environment, "environment");
  }
}
