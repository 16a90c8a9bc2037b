package io.github.ralphresume.adapters.tmux;

import io.github.ralphresume.domain.model.Environment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code tmux-tty}: without {@code TMUX_PANE}, the pane whose {@code #{pane_tty}} is this process's
 * terminal (stdin, stdout or stderr), if an agent runs in it and it is not the HUD.
 */
final class TmuxTtyPaneLocator implements ExplainingPaneLocator {
  private static final List<String> LIST_PANES =
      List.of("list-panes", "-a", "-F", "#{pane_id}\t#{pane_tty}");

  private final PaneLookupSettings settings;
  private final ControllingTerminals terminals;

  TmuxTtyPaneLocator(PaneLookupSettings settings, ControllingTerminals terminals) {
    this.settings = settings;
    this.terminals = terminals;
  }

  @Override
  public PaneLookup lookup(Environment environment) {
    List<String> notes = new ArrayList<>();
    Optional<String> skip = Fallbacks.whyNot(environment, settings);
    if (skip.isPresent()) return PaneLookup.none(List.of(skip.get()));
    List<String> ttys;
    try {
      ttys = terminals.names();
    } catch (LinkageError | RuntimeException e) {
      return PaneLookup.none(List.of("cannot find this process's terminals: " + e));
    }
    if (ttys.isEmpty()) {
      return PaneLookup.none(List.of("stdin, stdout and stderr are not terminals"));
    }
    TmuxClient tmux = new TmuxClient(settings);
    Optional<String> noServer = tmux.serverAbsent();
    if (noServer.isPresent()) return PaneLookup.none(List.of(noServer.get()));
    TmuxResult listing = tmux.run(LIST_PANES);
    if (listing instanceof TmuxResult.Failure failure) {
      return PaneLookup.none(List.of(failure.reason()));
    }
    List<PaneListing.Row> rows = PaneListing.twoFields(((TmuxResult.Output) listing).text());
    for (String tty : ttys) {
      for (PaneListing.Row row : rows) {
        if (!row.value().equals(tty)) continue;
        PaneVerdict verdict = TmuxPanes.verify(tmux, row.pane());
        if (verdict instanceof PaneVerdict.Agent) {
          notes.add("pane " + row.pane() + " has this process's terminal " + tty);
          return PaneLookup.found(row.pane(), notes);
        }
        notes.add(
            "pane " + row.pane() + " (" + tty + ") " + ((PaneVerdict.Rejected) verdict).reason());
      }
    }
    if (notes.isEmpty()) notes.add("no tmux pane has terminal " + String.join(" or ", ttys));
    return PaneLookup.none(notes);
  }
}
