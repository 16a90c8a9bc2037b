package io.github.ralphresume.adapters.tmux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.Random;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgentPanesTest {
  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(
      delimiterString = " => ",
      value = {
        "omx hud --watch => true",
        "OMX HUD --WATCH => true",
        "node /usr/lib/node_modules/oh-my-codex/dist/cli/omx.js hud --watch => true",
        "omx-cli hud --watch => true",
        "omx hud --watched => true",
        "omx  hud  --interval 2 --watch => true",
        "omx hud => false",
        "omx --watch hud => false",
        "omxhud --watch => false",
        "omx hudson --watch => false",
        "tomx hud --watch => false",
        "omx_x hud --watch => false",
        "codex => false",
        "'' => false",
      })
  void givenStartCommand_isHudStartCommand_matchesReferenceRegex(String start, boolean hud) {
    assertEquals(hud, AgentPanes.isHudStartCommand(start));
  }

  @Test
  void givenNonAsciiLetterBesideOmx_isHudStartCommand_treatsItAsWordBoundaryAsJavaScriptDoes() {
    // JavaScript's \b knows only [A-Za-z0-9_]; Java 17's would call "éomx" one word.
    assertEquals(true, AgentPanes.isHudStartCommand("éomx hudé --watch"));
  }

  @Test
  void givenLineBreaksBetweenWords_isHudStartCommand_followsJavaScriptDot() {
    // JavaScript's dot stops at \n, \r, U+2028, U+2029 but not at U+0085 (Java's does).
    assertEquals(false, AgentPanes.isHudStartCommand("omx hud\n--watch"));
    assertEquals(false, AgentPanes.isHudStartCommand("omx\r hud --watch"));
    assertEquals(false, AgentPanes.isHudStartCommand("omx hud \u2028--watch"));
    assertEquals(true, AgentPanes.isHudStartCommand("omx\u0085hud\u0085--watch"));
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(
      delimiterString = " => ",
      value = {
        "node => node",
        "/usr/bin/node => node",
        "'  Codex\t' => codex",
        "-zsh => zsh",
        "--x => -x",
        "/opt/bin/-npx => npx",
        "a/b/ => ''",
        "'' => ''",
      })
  void givenCurrentCommand_baseName_isReferenceBaseName(String command, String base) {
    assertEquals(base, AgentPanes.baseName(command));
  }

  @ParameterizedTest(name = "[{index}] {0} / {1}")
  @CsvSource(
      delimiterString = " | ",
      value = {
        "' node ' | ' /home/me/bin/codex '",
        "codex | codex --yolo",
        "NPX | npx @openai/codex",
        "/usr/local/bin/node | ''",
      })
  void givenAgentCommandNotStartedAsHud_judge_acceptsPane(String current, String start) {
    assertInstanceOf(PaneVerdict.Agent.class, AgentPanes.judge(current, start));
  }

  @ParameterizedTest(name = "[{index}] {0} / {1}")
  @CsvSource(
      delimiterString = " | ",
      value = {
        "bash | codex",
        "-zsh | ''",
        "claude | claude",
        "'' | codex",
        "node | /x/omx hud --watch",
        "node | OMX HUD --WATCH",
      })
  void givenShellOtherToolOrHud_judge_rejectsPane(String current, String start) {
    assertInstanceOf(PaneVerdict.Rejected.class, AgentPanes.judge(current, start));
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(
      delimiterString = " => ",
      value = {
        "codex => true",
        "/Users/me/.npm/bin/CODEX resume => true",
        "node /x/oh-my-codex/omx.js hud --watch => false",
        "node server.js => false",
        "'' => false",
      })
  void givenListedStartCommand_isCodexStartCommand_matchesSessionScan(String start, boolean ok) {
    assertEquals(ok, AgentPanes.isCodexStartCommand(start));
  }

  /**
   * The hand-written HUD check against the regular expression it replaced (itself checked against
   * JavaScript's /\bomx\b.*\bhud\b.*--watch/i by the cases above), on random strings made of the
   * parts that matter: the words, their case, word and non-word neighbours (ASCII and not), and
   * every kind of line break.
   */
  @Test
  void givenRandomStartCommands_hudCheck_agreesWithTheRegularExpression() {
    String word = "[A-Za-z0-9_]";
    String any = "[^\\n\\r\\u2028\\u2029]*";
    Function<String, String> whole = text -> "(?<!" + word + ")" + text + "(?!" + word + ")";
    Pattern regex =
        Pattern.compile(
            whole.apply("omx") + any + whole.apply("hud") + any + "--watch",
            Pattern.CASE_INSENSITIVE);
    String[] parts = {
      "omx", "OMX", "Omx", "hud", "HUD", "--watch", "--WATCH", "--", "watch", " ", "-", "/", "x",
      "_", "1", "é", "\u212A", "\n", "\r", "\u2028", "\u2029", "\u0085", "\t", "omxhud", "hudomx"
    };
    Random random = new Random(11);
    for (int i = 0; i < 200_000; i++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(9);
      for (int j = 0; j < length; j++) text.append(parts[random.nextInt(parts.length)]);
      String command = text.toString();
      assertEquals(
          regex.matcher(command).find(),
          AgentPanes.isHudStartCommand(command),
          () -> "for " + command.replace("\n", "\\n").replace("\r", "\\r"));
    }
  }
}
