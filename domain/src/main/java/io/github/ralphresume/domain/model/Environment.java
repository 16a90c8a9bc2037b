package io.github.ralphresume.domain.model;

import java.util.Map;
import java.util.Optional;

/**
 * The environment variables a reconcile reads ({@code OMX_SESSION_ID}, {@code CODEX_SESSION_ID},
 * {@code SESSION_ID}, {@code OMX_RALPH_ACTIVE_STATE_STALE_MS}, {@code OMX_RALPH_RESUME_STALE_MS},
 * {@code TMUX_PANE}).
 *
 * @param variables the variables by name
 * @param callerSupplied true when a caller injected this map (a library caller, an HTTP request)
 *     rather than it being the process's own environment; as in the original, an injected {@code
 *     TMUX_PANE} is trusted as given, while the process's own is verified with tmux
 * @since 0.1.0
 */
public record Environment(Map<String, String> variables, boolean callerSupplied) {
  /**
   * An environment.
   *
   * @param variables the variables by name
   * @param callerSupplied whether a caller injected them
   */
  public Environment {
    variables = Map.copyOf(variables);
  }

  /**
   * The process's own environment.
   *
   * @param variables the variables, usually {@code System.getenv()}
   * @return the environment
   */
  public static Environment ofProcess(Map<String, String> variables) {
    return new Environment(variables, false);
  }

  /**
   * An environment injected by a caller.
   *
   * @param variables the variables
   * @return the environment
   */
  public static Environment injected(Map<String, String> variables) {
    return new Environment(variables, true);
  }

  /**
   * The variable's value, if set.
   *
   * @param name the variable's name
   * @return its value, or empty
   */
  public Optional<String> get(String name) {
    return Optional.ofNullable(variables.get(name));
  }
}
