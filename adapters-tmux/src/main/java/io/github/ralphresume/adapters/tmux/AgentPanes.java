package io.github.ralphresume.adapters.tmux;

import io.github.ralphresume.domain.js.JsStrings;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The reference's idea of an agent pane ({@code AGENT_COMMANDS}, {@code isHudStartCommand} in
 * {@code tmux-hook-engine.js}), ported to give the same answers for the same strings.
 */
final class AgentPanes {
  /** Codex runs as {@code node} (or via {@code npx}); {@code claude} is deliberately absent. */
  static final Set<String> AGENT_COMMANDS = Set.of("node", "codex", "npx");

  /*
   * /\bomx\b.*\bhud\b.*--watch/i in JavaScript. Spelled out because Java 17 differs in two ways:
   * its \b counts Unicode letters as word characters (JavaScript: [A-Za-z0-9_] only), and its dot
   * also stops at U+0085 (JavaScript's stops only at \n, \r, U+2028, U+2029). CASE_INSENSITIVE
   * without UNICODE_CASE folds ASCII only, as JavaScript's non-unicode /i does for these letters.
   */
  private static final String WORD = "[A-Za-z0-9_]";
  private static final String ANY = "[^\\n\\r\\u2028\\u2029]*";
  private static final Pattern HUD =
      Pattern.compile(word("omx") + ANY + word("hud") + ANY + "--watch", Pattern.CASE_INSENSITIVE);

  private AgentPanes() {}

  private static String word(String text) {
    return "(?<!" + WORD + ")" + text + "(?!" + WORD + ")";
  }

  /** Whether a pane's start command is the OMX HUD ({@code omx … hud … --watch}). */
  static boolean isHudStartCommand(String startCommand) {
    return HUD.matcher(startCommand).find();
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
