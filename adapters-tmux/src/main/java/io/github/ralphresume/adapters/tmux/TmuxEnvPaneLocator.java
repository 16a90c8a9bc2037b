package io.github.ralphresume.adapters.tmux;

import io.github.ralphresume.domain.js.JsStrings;
import io.github.ralphresume.domain.model.Environment;
import io.github.ralphresume.domain.model.PaneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code tmux-env}: the reference's {@code resolveResumePane}, that is {@code resolveCodexPane() ||
 * TMUX_PANE}. The pane in {@code TMUX_PANE} is kept when an agent runs in it; otherwise the first
 * codex pane of its tmux session; otherwise {@code TMUX_PANE} itself. A caller-supplied {@code
 * TMUX_PANE} is taken as given, without tmux.
 *
 * <p>One deliberate difference: a {@code TMUX_PANE} that is not a pane id is never handed to tmux
 * (which would read it as a session or window name) and is never returned.
 */
final class TmuxEnvPaneLocator implements ExplainingPaneLocator {
  private static final String SESSION_PANES =
      "#{pane_id}\t" + TmuxPanes.CURRENT_COMMAND + "\t" + TmuxPanes.START_COMMAND;

  private final PaneLookupSettings settings;

  TmuxEnvPaneLocator(PaneLookupSettings settings) {
    this.settings = settings;
  }

  @Override
  public PaneLookup lookup(Environment environment) {
    List<String> notes = new ArrayList<>();
    TmuxPaneSources panes = TmuxPaneSources.of(environment, settings);
    String envPane = panes.fromEnvironment();
    if (environment.callerSupplied() && !envPane.isEmpty()) {
      return asGiven(envPane, "caller-supplied", notes);
    }
    if (environment.callerSupplied()) {
      TmuxPaneSources.problem(panes.toVerify()).ifPresent(p -> notes.add("process " + p));
    }
    Optional<PaneId> resolved = resolveCodexPane(panes.toVerify(), notes);
    if (resolved.isPresent()) return PaneLookup.found(resolved.get(), notes);
    if (envPane.isEmpty()) {
      if (!panes.any()) notes.add("TMUX_PANE is not set");
      return PaneLookup.none(notes);
    }
    return asGiven(envPane, "unverified", notes);
  }

  private static PaneLookup asGiven(String envPane, String how, List<String> notes) {
    Optional<String> problem = TmuxPaneSources.problem(envPane);
    if (problem.isPresent()) {
      notes.add(problem.get());
      return PaneLookup.none(notes);
    }
    notes.add("using " + how + " TMUX_PANE " + envPane);
    return PaneLookup.found(new PaneId(envPane), notes);
  }

  /**
   * {@code resolveCodexPane()} of the reference, for the pane in the process's {@code TMUX_PANE}.
   */
  private Optional<PaneId> resolveCodexPane(String envPane, List<String> notes) {
    if (envPane.isEmpty()) return Optional.empty();
    // An invalid value is reported by lookup(), once; here it just never reaches tmux.
    if (!PaneId.isValid(envPane)) return Optional.empty();
    PaneId pane = new PaneId(envPane);
    TmuxClient tmux = new TmuxClient(settings);
    PaneVerdict verdict = TmuxPanes.verify(tmux, pane);
    if (verdict instanceof PaneVerdict.Agent) return Optional.of(pane);
    notes.add("pane " + pane + " " + ((PaneVerdict.Rejected) verdict).reason());

    TmuxResult session = tmux.displayMessage(pane.value(), "#S");
    if (session instanceof TmuxResult.Failure failure) {
      notes.add("cannot find the session of " + pane + ": " + failure.reason());
      return Optional.empty();
    }
    String sessionName = JsStrings.trim(((TmuxResult.Output) session).text());
    if (sessionName.isEmpty()) {
      notes.add("tmux names no session for " + pane);
      return Optional.empty();
    }
    TmuxResult listing =
        tmux.run(List.of("list-panes", "-s", "-t", sessionName, "-F", SESSION_PANES));
    if (listing instanceof TmuxResult.Failure failure) {
      notes.add(failure.reason());
      return Optional.empty();
    }
    Optional<PaneId> codexPane =
        PaneListing.firstCodexPane(((TmuxResult.Output) listing).text(), notes);
    if (codexPane.isPresent()) {
      notes.add(
          "pane "
              + codexPane.get()
              + " of session "
              + Notes.quoted(sessionName)
              + " was started with codex");
    } else {
      notes.add("no pane of session " + Notes.quoted(sessionName) + " was started with codex");
    }
    return codexPane;
  }
}
