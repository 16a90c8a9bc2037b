package io.github.ralphresume.adapters.tmux;

/** Whether a pane is one the agent runs in. */
sealed interface PaneVerdict {
  /** An agent runs in the pane and it is not the HUD. */
  record Agent() implements PaneVerdict {}

  /** Not an agent pane, or tmux could not tell; {@code reason} completes "pane %N …". */
  record Rejected(String reason) implements PaneVerdict {}
}
