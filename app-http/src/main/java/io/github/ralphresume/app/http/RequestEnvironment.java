package io.github.ralphresume.app.http;

import io.github.ralphresume.domain.model.Environment;
import io.github.ralphresume.domain.model.OmxSessionId;
import io.github.ralphresume.domain.model.PaneId;
import io.github.ralphresume.domain.model.StaleThreshold;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The variables a request's use case reads: the stale thresholds from the server's own environment,
 * and the session and pane the request names. Nothing else of the server's environment gets in: a
 * long-running service's own {@code OMX_SESSION_ID} or {@code TMUX_PANE} says nothing about the
 * caller.
 *
 * @param thresholds the server's {@code OMX_RALPH_ACTIVE_STATE_STALE_MS} and {@code
 *     OMX_RALPH_RESUME_STALE_MS}, those that are set
 */
record RequestEnvironment(Map<String, String> thresholds) {
  static final String OMX_SESSION_ID = "OMX_SESSION_ID";
  static final String TMUX_PANE = "TMUX_PANE";

  RequestEnvironment {
    thresholds = Map.copyOf(thresholds);
  }

  /** Keeps the stale-threshold variables of the server's environment. */
  static RequestEnvironment of(Map<String, String> serverEnvironment) {
    Map<String, String> kept = new HashMap<>();
    for (String name :
        new String[] {StaleThreshold.ACTIVE_STATE_VARIABLE, StaleThreshold.RESUME_VARIABLE}) {
      String value = serverEnvironment.get(name);
      if (value != null) kept.put(name, value);
    }
    return new RequestEnvironment(kept);
  }

  /** An injected environment naming {@code session} and {@code pane} when given. */
  Environment with(Optional<OmxSessionId> session, Optional<PaneId> pane) {
    Map<String, String> variables = new HashMap<>(thresholds);
    session.ifPresent(id -> variables.put(OMX_SESSION_ID, id.value()));
    pane.ifPresent(id -> variables.put(TMUX_PANE, id.value()));
    return Environment.injected(variables);
  }
}
