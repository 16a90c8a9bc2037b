package com.example.ralph.screen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ralphresume.adapters.tmux.PaneLocatorProvider;
import io.github.ralphresume.adapters.tmux.PaneLocators;
import io.github.ralphresume.adapters.tmux.PaneLookup;
import io.github.ralphresume.domain.model.Environment;
import io.github.ralphresume.domain.model.PaneId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The locator against stand-in screen binaries: no screen session needed. */
class ScreenPaneLocatorTest {
  static final Environment IN_WINDOW_2 =
      Environment.ofProcess(Map.of("STY", "4242.agents", "WINDOW", "2"));

  @TempDir Path dir;

  @Test
  void givenScreenConfirmsTheWindow_lookup_reportsItAsPane() throws IOException {
    Path screen = fakeScreen("echo \"$*\" > " + dir.resolve("args") + "\nprintf '2 (agent)'");

    PaneLookup lookup = locator(screen, Duration.ofSeconds(2)).lookup(IN_WINDOW_2);

    assertEquals(Optional.of(new PaneId("%2")), lookup.pane());
    assertEquals("-S 4242.agents -p 2 -Q number\n", Files.readString(dir.resolve("args")));
  }

  @Test
  void givenTheSessionIsGone_lookup_findsNothingAndSaysWhy() throws IOException {
    Path screen = fakeScreen("echo 'No screen session found.'\nexit 1");

    PaneLookup lookup = locator(screen, Duration.ofSeconds(2)).lookup(IN_WINDOW_2);

    assertEquals(Optional.empty(), lookup.pane());
    assertTrue(lookup.notes().get(0).endsWith("failed (exit 1): No screen session found."),
        lookup.notes()::toString);
  }

  @Test
  void givenAnotherWindowAnswers_lookup_findsNothing() throws IOException {
    Path screen = fakeScreen("printf '0 (bash)'");

    assertEquals(Optional.empty(), locator(screen, Duration.ofSeconds(2)).locate(IN_WINDOW_2));
  }

  @Test
  void givenScreenHangs_lookup_givesUpAtTheTimeout() throws IOException {
    Path screen = fakeScreen("exec sleep 10");

    long start = System.nanoTime();
    PaneLookup lookup = locator(screen, Duration.ofMillis(300)).lookup(IN_WINDOW_2);

    assertEquals(Optional.empty(), lookup.pane());
    assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos());
    assertTrue(lookup.notes().get(0).contains("did not answer within 300 ms"), lookup::toString);
  }

  @Test
  void givenNoScreenInstalled_lookup_findsNothing() {
    PaneLookup lookup =
        locator(dir.resolve("no-such-screen"), Duration.ofSeconds(2)).lookup(IN_WINDOW_2);

    assertEquals(Optional.empty(), lookup.pane());
    assertTrue(lookup.notes().get(0).startsWith("cannot ask screen: "), lookup::toString);
  }

  @Test
  void givenNoOrOddScreenVariables_lookup_neverRunsScreen() throws IOException {
    Path screen = fakeScreen("touch " + dir.resolve("ran") + "\nprintf '1 (x)'");
    ScreenPaneLocator locator = locator(screen, Duration.ofSeconds(2));

    for (Map<String, String> env : List.<Map<String, String>>of(
        Map.of(),
        Map.of("STY", "4242.agents"),
        Map.of("STY", "agents;reboot", "WINDOW", "1"),
        Map.of("STY", "4242.agents", "WINDOW", "-X quit"))) {
      assertEquals(Optional.empty(), locator.locate(Environment.ofProcess(env)), env::toString);
    }
    assertFalse(Files.exists(dir.resolve("ran")));
  }

  @Test
  void theProviderIsRegisteredAndTakesPartInTheOrder() throws IOException {
    Path screen = fakeScreen("printf '2 (agent)'");
    List<String> names = ServiceLoader.load(PaneLocatorProvider.class).stream()
        .map(provider -> provider.get().name()).toList();

    Optional<PaneId> pane =
        PaneLocators.standard(
                Map.of("RALPH_RESUME_PANE_LOCATORS", "screen",
                    ScreenPaneLocatorProvider.SCREEN_BIN, screen.toString()))
            .locate(IN_WINDOW_2);

    assertTrue(names.contains("screen"), names::toString);
    assertEquals(Optional.of(new PaneId("%2")), pane);
  }

  private static ScreenPaneLocator locator(Path screen, Duration timeout) {
    return new ScreenPaneLocator(screen.toString(), timeout);
  }

  private Path fakeScreen(String body) throws IOException {
    Path script = dir.resolve("screen");
    Files.writeString(script, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }
}
