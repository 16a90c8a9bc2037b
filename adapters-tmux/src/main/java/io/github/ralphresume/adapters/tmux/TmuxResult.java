package io.github.ralphresume.adapters.tmux;

/** What one tmux call gave: its standard output, or why there is none. */
sealed interface TmuxResult {
  /** tmux exited with status 0. */
  record Output(String text) implements TmuxResult {}

  /** tmux is missing, failed, or timed out; {@code reason} is one line for the user. */
  record Failure(String reason) implements TmuxResult {}
}
