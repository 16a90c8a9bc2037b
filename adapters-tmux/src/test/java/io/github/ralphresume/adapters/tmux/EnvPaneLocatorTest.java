package io.github.ralphresume.adapters.tmux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ralphresume.domain.model.Environment;
import io.github.ralphresume.domain.model.PaneId;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnvPaneLocatorTest {
  private final EnvPaneLocator locator = new EnvPaneLocator();

  @Test
  void givenTmuxPaneWithJavaScriptWhitespace_locate_returnsItTrimmed() {
    assertEquals(
        Optional.of(new PaneId("%12")),
        locator.locate(Environment.ofProcess(Map.of("TMUX_PANE", "\ufeff %12\u2028"))));
  }

  @Test
  void givenInvalidTmuxPane_lookup_saysWhy() {
    PaneLookup lookup = locator.lookup(Environment.injected(Map.of("TMUX_PANE", "%1\n%2")));

    assertEquals(Optional.empty(), lookup.pane());
    assertEquals(
        "TMUX_PANE \"%1\\u000a%2\" is not a tmux pane id (expected % followed by digits, e.g. %42);"
            + " ignored",
        lookup.notes().get(0));
  }

  @Test
  void givenNoTmuxPane_locate_findsNothing() {
    assertEquals(Optional.empty(), locator.locate(Environment.ofProcess(Map.of("TMUX_PANE", " "))));
    assertTrue(locator.lookup(Environment.ofProcess(Map.of())).notes().get(0).contains("not set"));
  }
}
