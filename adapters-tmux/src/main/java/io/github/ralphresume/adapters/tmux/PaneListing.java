package io.github.ralphresume.adapters.tmux;

import io.github.ralphresume.domain.js.JsStrings;
import io.github.ralphresume.domain.model.PaneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code tmux list-panes -F} output whose first tab-separated field is {@code #{pane_id}}.
 */
final class PaneListing {
  /** A pane and the second field of its line ({@code #{pane_tty}}, {@code #{pane_pid}}). */
  record Row(PaneId pane, String value) {}

  private PaneListing() {}

  /**
   * The rows of a two-field listing ({@code #{pane_id}\t#{…}}). Lines whose first field is not a
   * pane id are skipped: nothing but a validated id is ever handed on.
   */
  static List<Row> twoFields(String output) {
    List<Row> rows = new ArrayList<>();
    for (String line : output.split("\n", -1)) {
      int tab = line.indexOf('\t');
      if (tab < 0) continue;
      String value = line.substring(tab + 1);
      if (value.endsWith("\r")) value = value.substring(0, value.length() - 1);
      Optional<PaneId> pane = PaneId.parse(line.substring(0, tab));
      if (pane.isPresent()) rows.add(new Row(pane.get(), value));
    }
    return rows;
  }

  /**
   * The reference's session scan over {@code #{pane_id}\t#{pane_current_command}\t
   * #{pane_start_command}}: the first pane whose start command (lower-cased) contains {@code codex}
   * and is not the HUD. Parsed exactly as the reference does (output trimmed, split on {@code \n},
   * fields on {@code \t}); one difference: a matching line whose id is not a valid pane id is
   * skipped with a note instead of being returned.
   */
  static Optional<PaneId> firstCodexPane(String output, List<String> notes) {
    for (String line : JsStrings.trim(output).split("\n", -1)) {
      String[] parts = line.split("\t", -1);
      String paneId = parts[0];
      String startCommand = parts.length > 2 ? parts[2] : "";
      if (paneId.isEmpty()) continue;
      if (AgentPanes.isCodexStartCommand(startCommand)) {
        Optional<PaneId> pane = PaneId.parse(paneId);
        if (pane.isPresent()) return pane;
        notes.add("tmux listed " + Notes.quoted(paneId) + ", which is not a pane id; skipped");
      }
    }
    return Optional.empty();
  }
}
