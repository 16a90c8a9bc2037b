package io.github.ralphresume.adapters.tmux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.ralphresume.domain.model.Environment;
import io.github.ralphresume.domain.model.PaneId;
import io.github.ralphresume.domain.port.PaneLocator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link PaneLocator} of this module promises when tmux is not installed: no exception,
 * no invalid pane, and {@code TMUX_PANE} used only by the locators that answer from it.
 */
abstract class AbstractPaneLocatorContractTest {
  @TempDir Path dir;
  private PaneLocator locator;

  /** The locator under test, for settings whose {@code PATH} holds no tmux. */
  abstract PaneLocator locator(Map<String, String> settings);

  /** Whether it answers with {@code TMUX_PANE} when tmux cannot confirm or improve on it. */
  abstract boolean answersFromTmuxPane();

  @BeforeEach
  void createWithoutTmux() throws IOException {
    locator = locator(Map.of("PATH", Files.createDirectories(dir.resolve("no-tmux")).toString()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "%", "abc", "%1 %2", "%-1", "$1", "%123456789012345678901"})
  void givenMissingOrInvalidTmuxPane_locate_findsNothing(String value) {
    assertEquals(
        Optional.empty(), locator.locate(Environment.ofProcess(Map.of("TMUX_PANE", value))));
    assertEquals(
        Optional.empty(), locator.locate(Environment.injected(Map.of("TMUX_PANE", value))));
  }

  @Test
  void givenNoEnvironmentAtAll_locate_findsNothing() {
    assertEquals(Optional.empty(), locator.locate(Environment.ofProcess(Map.of())));
  }

  @Test
  void givenValidTmuxPane_locate_answersFromItOrNotAtAll() {
    Optional<PaneId> expected =
        answersFromTmuxPane() ? Optional.of(new PaneId("%5")) : Optional.empty();

    assertEquals(expected, locator.locate(Environment.ofProcess(Map.of("TMUX_PANE", "\t%5 "))));
    assertEquals(expected, locator.locate(Environment.injected(Map.of("TMUX_PANE", "%5"))));
  }
}
