package io.github.ralphresume.adapters.tmux;

import io.github.ralphresume.domain.model.Environment;
import io.github.ralphresume.domain.model.PaneId;
import java.util.List;
import java.util.Optional;

/**
 * Outgoing-port adapter without tmux: the environment's {@code TMUX_PANE}, trimmed and validated.
 * For tests and for callers who opt out of asking tmux ({@code RALPH_RESUME_PANE_LOCATORS=env}).
 *
 * @since 0.1.0
 */
public final class EnvPaneLocator implements ExplainingPaneLocator {
  /** Creates the locator; it has no settings. */
  public EnvPaneLocator() {}

  @Override
  public PaneLookup lookup(Environment environment) {
    String pane = TmuxPaneSources.envPane(environment);
    if (pane.isEmpty()) return PaneLookup.none(List.of("TMUX_PANE is not set"));
    Optional<String> problem = TmuxPaneSources.problem(pane);
    if (problem.isPresent()) return PaneLookup.none(List.of(problem.get()));
    return PaneLookup.found(new PaneId(pane), List.of("using TMUX_PANE " + pane));
  }
}
