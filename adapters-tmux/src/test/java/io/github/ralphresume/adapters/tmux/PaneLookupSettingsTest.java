package io.github.ralphresume.adapters.tmux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PaneLookupSettingsTest {
  @Test
  void givenNoSettings_from_usesReferenceDefaults() {
    PaneLookupSettings settings = PaneLookupSettings.from(Map.of("PATH", "/usr/bin"));

    assertEquals("tmux", settings.tmuxCommand());
    assertEquals("/usr/bin", settings.searchPath());
    assertEquals(List.of(), settings.tmuxServerArguments());
    assertEquals(Duration.ofSeconds(2), settings.timeout());
    assertEquals(List.of("tmux-env", "tmux-tty", "tmux-ancestry"), settings.locatorOrder());
    assertEquals("", settings.processTmuxPane());
  }

  @Test
  void givenLocatorList_from_keepsItsOrderNormalised() {
    PaneLookupSettings settings =
        PaneLookupSettings.from(
            Map.of(PaneLookupSettings.PANE_LOCATORS, " Tmux-TTY, ,zellij,tmux-tty,tmux-env "));

    assertEquals(List.of("tmux-tty", "zellij", "tmux-env"), settings.locatorOrder());
  }

  @Test
  void givenBlankLocatorList_from_usesDefaultOrder() {
    assertEquals(
        PaneLookupSettings.DEFAULT_ORDER,
        PaneLookupSettings.from(Map.of(PaneLookupSettings.PANE_LOCATORS, " , ")).locatorOrder());
  }

  @Test
  void givenSocketName_tmuxServerArguments_selectsItWithL() {
    PaneLookupSettings settings =
        PaneLookupSettings.from(Map.of(PaneLookupSettings.TMUX_SOCKET, " work "));

    assertEquals(List.of("-L", "work"), settings.tmuxServerArguments());
  }

  @Test
  void givenSocketPath_tmuxServerArguments_selectsItWithS() {
    PaneLookupSettings settings =
        PaneLookupSettings.from(Map.of(PaneLookupSettings.TMUX_SOCKET, "/tmp/tmux-1000/work"));

    assertEquals(List.of("-S", "/tmp/tmux-1000/work"), settings.tmuxServerArguments());
  }

  @Test
  void givenBinaryAndTmuxPane_from_readsThemTrimmed() {
    PaneLookupSettings settings =
        PaneLookupSettings.from(
            Map.of(PaneLookupSettings.TMUX_BIN, " /opt/tmux/bin/tmux ", "TMUX_PANE", "\u00a0%3\n"));

    assertEquals("/opt/tmux/bin/tmux", settings.tmuxCommand());
    assertEquals("%3", settings.processTmuxPane());
  }

  @Test
  void givenNoPathSetting_from_usesProcessPath() {
    String processPath = Optional.ofNullable(System.getenv("PATH")).orElse("");

    assertEquals(processPath, PaneLookupSettings.from(Map.of()).searchPath());
  }

  @Test
  void givenNullValues_from_treatsThemAsUnset() {
    Map<String, String> raw = new HashMap<>();
    raw.put(PaneLookupSettings.TMUX_BIN, null);
    raw.put("PATH", "/bin");
    raw.put(null, "x");

    PaneLookupSettings settings = PaneLookupSettings.from(raw);

    assertEquals("tmux", settings.tmuxCommand());
    assertEquals(Optional.of("/bin"), settings.get("PATH"));
  }
}
