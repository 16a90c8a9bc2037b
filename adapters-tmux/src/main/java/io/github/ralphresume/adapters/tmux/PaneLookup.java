package io.github.ralphresume.adapters.tmux;

import io.github.ralphresume.domain.model.PaneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a pane lookup with the reasons behind it, so a command line can print why no pane
 * was found (tmux missing, an invalid {@code TMUX_PANE}, a timeout) instead of staying silent.
 *
 * @param pane the pane found, or empty
 * @param notes one-line, human-readable remarks in the order they arose, each prefixed with the
 *     name of the locator that made it when it comes from a chain
 * @since 0.1.0
 */
public record PaneLookup(Optional<PaneId> pane, List<String> notes) {
  /**
   * Checks and normalises the components.
   *
   * @param pane the pane found, or empty
   * @param notes one-line, human-readable remarks in the order they arose, each prefixed with the
   *     name of the locator that made it when it comes from a chain
   */
  public PaneLookup {
    Objects.requireNonNull(pane, "pane");
    notes = List.copyOf(notes);
  }

  /**
   * A pane was found.
   *
   * @param pane the pane
   * @param notes the remarks
   * @return the lookup
   */
  public static PaneLookup found(PaneId pane, List<String> notes) {
    return new PaneLookup(Optional.of(pane), notes);
  }

  /**
   * No pane was found.
   *
   * @param notes the remarks saying why
   * @return the lookup
   */
  public static PaneLookup none(List<String> notes) {
    return new PaneLookup(Optional.empty(), notes);
  }
}
