package io.github.ralphresume.adapters.tmux;

import io.github.ralphresume.domain.model.Environment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs inside a tmux pane during the ITs and looks its pane up exactly as an app does: {@code
 * PaneLocators.standard(System.getenv())} and the process environment. tmux gives every pane a
 * {@code TMUX_PANE}; each scenario replaces it (or removes it, for {@code -}) to test lookups
 * without one.
 *
 * <p>Arguments: the output file, then triples {@code label order tmuxPane} ({@code order} {@code -}
 * for the default). Writes one line per scenario: {@code label TAB pane-or-none TAB notes}.
 */
public final class PaneProbe {
  private PaneProbe() {}

  /** The scenario label that reports the terminals instead of a lookup. */
  static final String TERMINALS = "terminals";

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args[0]);
    List<String> lines = new ArrayList<>();
    for (int i = 1; i + 3 <= args.length; i += 3) {
      lines.add(scenario(args[i], args[i + 1], args[i + 2]));
    }
    Path partial = out.resolveSibling(out.getFileName() + ".partial");
    Files.write(partial, lines, StandardCharsets.UTF_8);
    Files.move(partial, out, StandardCopyOption.ATOMIC_MOVE);
  }

  private static String scenario(String label, String order, String tmuxPane) {
    if (label.equals(TERMINALS)) {
      // Both ways of naming this process's terminals, which must agree (JNA is used off Linux).
      return label
          + "\t"
          + String.join(",", ControllingTerminals.procFd().names())
          + "\t"
          + String.join(",", ControllingTerminals.libc().names());
    }
    Map<String, String> environment = new HashMap<>(System.getenv());
    environment.remove("TMUX_PANE");
    if (!tmuxPane.equals("-")) environment.put("TMUX_PANE", tmuxPane);
    Map<String, String> settings = new HashMap<>(environment);
    if (!order.equals("-")) settings.put(PaneLookupSettings.PANE_LOCATORS, order);
    PaneLookup lookup =
        PaneLocators.explain(PaneLocators.standard(settings), Environment.ofProcess(environment));
    return label
        + "\t"
        + lookup.pane().map(Object::toString).orElse("none")
        + "\t"
        + String.join(" | ", lookup.notes());
  }
}
