package io.github.ralphresume.adapters.tmux;

import io.github.ralphresume.domain.js.JsStrings;
import java.util.Set;

/**
 * The reference's idea of an agent pane ({@code AGENT_COMMANDS}, {@code isHudStartCommand} in
 * {@code tmux-hook-engine.js}), ported to give the same answers for the same strings.
 */
final class AgentPanes {
  /** Codex runs as {@code node} (or via {@code npx}); {@code claude} is deliberately absent. */
  static final Set<String> AGENT_COMMANDS = Set.of("node", "codex", "npx");

  private AgentPanes() {}

  /**
   * Whether a pane's start command is the OMX HUD ({@code omx … hud … --watch}): JavaScript's
   * {@code /\bomx\b.*\bhud\b.*--watch/i}, written out (a regular expression costs a cold run its
   * engine's set-up, on every turn inside tmux). As there: a word character is {@code [A-Za-z0-9_]}
   * only, case is folded for ASCII letters only, and the three parts must be on one line ({@code .}
   * stops at {@code \n}, {@code \r}, U+2028 and U+2029, not at U+0085).
   */
  static boolean isHudStartCommand(String startCommand) {
    int length = startCommand.length();
    int lineStart = 0;
    while (lineStart <= length) {
      int lineEnd = lineStart;
      while (lineEnd < length && !isLineTerminator(startCommand.charAt(lineEnd))) lineEnd++;
      // The earliest omx, then the earliest hud after it, leave the most room for the rest.
      int omx = find(startCommand, "omx", lineStart, lineEnd, true);
      int hud = omx < 0 ? -1 : find(startCommand, "hud", omx + 3, lineEnd, true);
      if (hud >= 0 && find(startCommand, "--watch", hud + 3, lineEnd, false) >= 0) return true;
      lineStart = lineEnd + 1;
    }
    return false;
  }

  /** The first index in [from, to) where {@code word} starts and ends before {@code to}. */
  private static int find(String text, String word, int from, int to, boolean wholeWord) {
    for (int at = from; at + word.length() <= to; at++) {
      if (!text.regionMatches(true, at, word, 0, word.length()) || !asciiFolded(text, at, word)) {
        continue;
      }
      if (!wholeWord) return at;
      boolean startsWord = at == 0 || !JsStrings.isWordChar(text.charAt(at - 1));
      int end = at + word.length();
      boolean endsWord = end == text.length() || !JsStrings.isWordChar(text.charAt(end));
      if (startsWord && endsWord) return at;
    }
    return -1;
  }

  /**
   * regionMatches folds case with Unicode rules (the Kelvin sign matches k); JavaScript's
   * non-unicode /i never matches a non-ASCII character to an ASCII one.
   */
  private static boolean asciiFolded(String text, int at, String word) {
    for (int i = 0; i < word.length(); i++) {
      if (text.charAt(at + i) >= 128) return false;
    }
    return true;
  }

  private static boolean isLineTerminator(char c) {
    return c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029';
  }

  /**
   * The command's base name as the reference computes it from tmux's output: trimmed, lower-cased,
   * after the last {@code /}, one leading {@code -} (a login shell's mark) dropped.
   */
  static String baseName(String currentCommand) {
    String command = JsStrings.toLowerCase(JsStrings.trim(currentCommand));
    String last = command.substring(command.lastIndexOf('/') + 1);
    return last.startsWith("-") ? last.substring(1) : last;
  }

  /**
   * The reference's acceptance test for a pane: an agent runs in it and it was not started as the
   * HUD. Both values are tmux's raw output for {@code #{pane_current_command}} and {@code
   * #{pane_start_command}}.
   */
  static PaneVerdict judge(String currentCommand, String startCommand) {
    String base = baseName(currentCommand);
    if (base.isEmpty()) {
      // tmux 3.3 prints an empty line, with status 0, for a pane it does not know.
      return new PaneVerdict.Rejected("has no current command (is it gone?)");
    }
    if (!AGENT_COMMANDS.contains(base)) {
      return new PaneVerdict.Rejected("runs " + Notes.quoted(base) + ", not node, codex or npx");
    }
    String start = JsStrings.toLowerCase(JsStrings.trim(startCommand));
    if (isHudStartCommand(start)) {
      return new PaneVerdict.Rejected("is the OMX HUD (" + Notes.oneLine(start) + ")");
    }
    return new PaneVerdict.Agent();
  }

  /** Whether a start command taken from {@code list-panes} names codex and is not the HUD. */
  static boolean isCodexStartCommand(String startCommand) {
    String start = JsStrings.toLowerCase(startCommand);
    return start.contains("codex") && !isHudStartCommand(start);
  }
}
