package io.github.ralphresume.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What ralph-resume reads from a Codex config.toml, written as people write TOML. */
class CodexConfigTest {
  static CodexConfig parse(String text) {
    return CodexConfig.parse(Path.of("/home/u/.codex/config.toml"), text);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[features]\nhooks = false\n",
        "model = \"o3\"\n[features] # comment\n  hooks=false   # off for now\n",
        "features.hooks = false\n",
        "features = { hooks = false, plugins = true }\n",
        "[\"features\"]\n'hooks' = false\n",
        "[profiles.x]\nhooks = true\n[features]\nhooks = false\n[tui]\nnotifications = true\n"
      })
  void givenHooksTurnedOff_hooksTurnedOff_isTrue(String text) {
    CodexConfig config = parse(text);
    assertTrue(config.hooksTurnedOff(), text);
    assertEquals(Optional.empty(), config.problem());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "[features]\nhooks = true\n",
        "[other]\nhooks = false\n",
        "[features]\n# hooks = false\n",
        "hooks = false\n",
        "[features]\nhooks = \"false\"\n"
      })
  void givenHooksNotTurnedOff_hooksTurnedOff_isFalse(String text) {
    assertFalse(parse(text).hooksTurnedOff(), text);
  }

  @Test
  void givenAMultiLineNotifyArray_notifyCommand_readsItsWords() {
    CodexConfig config =
        parse(
            "notify = [\n  \"/opt/rr/bin/ralph-resume\", # the hook\n  'hook',\n]\n"
                + "model = \"x\"\n");

    assertEquals(Optional.of(List.of("/opt/rr/bin/ralph-resume", "hook")), config.notifyCommand());
    assertTrue(CodexHooks.notifyRunsOurHook(config.notifyCommand().get()));
  }

  @Test
  void givenNotifyThroughAShell_itIsStillRecognisedAsOurs() {
    assertTrue(
        CodexHooks.notifyRunsOurHook(
            List.of("bash", "-c", "'/my tools/ralph-resume' hook \"$1\"", "x")));
    assertFalse(CodexHooks.notifyRunsOurHook(List.of("/usr/bin/omx-notify", "hook")));
  }

  @Test
  void givenHookTrustAndProjectTrust_theyAreReadByTheirQuotedKeys() {
    CodexConfig config =
        parse(
            "[projects.\"/home/u/src/app\"]\ntrust_level = \"trusted\"\n\n"
                + "[hooks.state.\"/home/u/.codex/hooks.json:session_start:0:0\"]\n"
                + "trusted_hash = \"sha256:34637d\"\n"
                + "[hooks.state.\"/home/u/.codex/hooks.json:stop:1:0\"]\nenabled = false\n");

    assertEquals(
        Optional.of("sha256:34637d"),
        config.trustedHash("/home/u/.codex/hooks.json:session_start:0:0"));
    assertEquals(Optional.empty(), config.trustedHash("/home/u/.codex/hooks.json:stop:1:0"));
    assertTrue(config.hookDisabled("/home/u/.codex/hooks.json:stop:1:0"));
    assertEquals(Optional.of("trusted"), config.projectTrust("/home/u/src/app"));
  }

  @Test
  void givenStringsOfEveryKind_theyAreReadAsTomlDefinesThem() {
    CodexConfig config =
        parse(
            "notify = [\"a\\\"b\\u00e9\", 'c\\d', \"\"\"multi\nline\"\"\", '''raw\n''']\n"
                + "[features]\nhooks = false\n");

    assertEquals(
        Optional.of(List.of("a\"bé", "c\\d", "multi\nline", "raw\n")), config.notifyCommand());
    assertTrue(config.hooksTurnedOff(), "read on after the multi-line strings");
  }

  @Test
  void givenTextThatIsNotToml_theReaderSaysWhereAndKeepsWhatCameBefore() {
    CodexConfig config = parse("[features]\nhooks = false\nthis is not toml\n");

    assertTrue(config.hooksTurnedOff());
    assertEquals(Optional.of("line 3: expected '='"), config.problem());
  }
}
