package io.github.ralphresume.adapters.tmux;

import io.github.ralphresume.domain.model.Environment;
import io.github.ralphresume.domain.model.PaneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code tmux-ancestry}: without {@code TMUX_PANE}, the pane whose first process ({@code
 * #{pane_pid}}) is this process or its nearest ancestor, if an agent runs in it and it is not the
 * HUD. It finds the pane when the terminal was redirected away, e.g. a hook whose output is piped.
 */
final class TmuxAncestryPaneLocator implements ExplainingPaneLocator {
  private static final List<String> LIST_PANES =
      List.of("list-panes", "-a", "-F", "#{pane_id}\t#{pane_pid}");
  // A process tree is shallow; the bound only guards against a pid reused into a loop.
  private static final int MAX_DEPTH = 256;

  private final PaneLookupSettings settings;
  private final ProcessHandle start;

  TmuxAncestryPaneLocator(PaneLookupSettings settings, ProcessHandle start) {
    this.settings = settings;
    this.start = start;
  }

  @Override
  public PaneLookup lookup(Environment environment) {
    Optional<String> skip = Fallbacks.whyNot(environment, settings);
    if (skip.isPresent()) return PaneLookup.none(List.of(skip.get()));
    TmuxClient tmux = new TmuxClient(settings);
    Optional<String> noServer = tmux.serverAbsent();
    if (noServer.isPresent()) return PaneLookup.none(List.of(noServer.get()));
    TmuxResult listing = tmux.run(LIST_PANES);
    if (listing instanceof TmuxResult.Failure failure) {
      return PaneLookup.none(List.of(failure.reason()));
    }
    Map<Long, PaneId> panesByPid = new HashMap<>();
    for (PaneListing.Row row : PaneListing.twoFields(((TmuxResult.Output) listing).text())) {
      parsePid(row.value()).ifPresent(pid -> panesByPid.putIfAbsent(pid, row.pane()));
    }
    Optional<ProcessHandle> process = Optional.of(start);
    for (int depth = 0; process.isPresent() && depth < MAX_DEPTH; depth++) {
      long pid = process.get().pid();
      PaneId pane = panesByPid.get(pid);
      if (pane != null) {
        // The nearest pane decides: an outer pane is some other program's terminal.
        PaneVerdict verdict = TmuxPanes.verify(tmux, pane);
        if (verdict instanceof PaneVerdict.Agent) {
          return PaneLookup.found(pane, List.of("pane " + pane + " runs ancestor process " + pid));
        }
        return PaneLookup.none(
            List.of(
                "pane "
                    + pane
                    + " (process "
                    + pid
                    + ") "
                    + ((PaneVerdict.Rejected) verdict).reason()));
      }
      process = process.get().parent();
    }
    return PaneLookup.none(List.of("no tmux pane runs this process or one of its ancestors"));
  }

  static Optional<Long> parsePid(String text) {
    try {
      long pid = Long.parseLong(text.trim());
      return pid > 0 ? Optional.of(pid) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
