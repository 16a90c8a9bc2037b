package io.github.ralphresume.adapters.tmux;

import io.github.ralphresume.domain.model.PaneId;

/** The tmux questions every tmux locator asks about one pane. */
final class TmuxPanes {
  static final String CURRENT_COMMAND = "#{pane_current_command}";
  static final String START_COMMAND = "#{pane_start_command}";

  private TmuxPanes() {}

  /**
   * The reference's check of one pane, with its two {@code display-message} calls; the second is
   * skipped when the first fails, as in the reference (it matters for how long a hung tmux takes).
   */
  static PaneVerdict verify(TmuxClient tmux, PaneId pane) {
    TmuxResult current = tmux.displayMessage(pane.value(), CURRENT_COMMAND);
    if (current instanceof TmuxResult.Failure failure) {
      return new PaneVerdict.Rejected("could not be checked: " + failure.reason());
    }
    TmuxResult start = tmux.displayMessage(pane.value(), START_COMMAND);
    if (start instanceof TmuxResult.Failure failure) {
      return new PaneVerdict.Rejected("could not be checked: " + failure.reason());
    }
    return AgentPanes.judge(
        ((TmuxResult.Output) current).text(), ((TmuxResult.Output) start).text());
  }
}
