package io.github.ralphresume.adapters.tmux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ralphresume.domain.model.Environment;
import io.github.ralphresume.domain.model.PaneId;
import io.github.ralphresume.domain.port.PaneLocator;
import io.github.ralphresume.testing.plugin.FixedPaneLocatorProvider;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PaneLocatorsTest {
  @TempDir Path dir;

  @Test
  void givenNoOrderSetting_standard_triesReferenceThenFallbacks() {
    PaneLocatorChain chain = (PaneLocatorChain) PaneLocators.standard(Map.of());

    assertEquals(List.of("tmux-env", "tmux-tty", "tmux-ancestry"), chain.names());
  }

  @Test
  void givenOrderSetting_standard_usesThatOrder() {
    PaneLocatorChain chain =
        (PaneLocatorChain)
            PaneLocators.standard(Map.of("RALPH_RESUME_PANE_LOCATORS", "tmux-ancestry,env"));

    assertEquals(List.of("tmux-ancestry", "env"), chain.names());
  }

  @Test
  void givenUnknownLocatorName_lookup_reportsItAndUsesTheRest() {
    PaneLocator locator =
        PaneLocators.standard(Map.of(PaneLookupSettings.PANE_LOCATORS, "zellij,env"));

    PaneLookup lookup = PaneLocators.explain(locator, tmuxPane("%4"));

    assertEquals(Optional.of(new PaneId("%4")), lookup.pane());
    assertTrue(
        lookup
            .notes()
            .get(0)
            .startsWith("RALPH_RESUME_PANE_LOCATORS: unknown pane locator \"zellij\""),
        lookup.notes().toString());
    assertTrue(lookup.notes().get(0).contains("tmux-env"), lookup.notes().toString());
  }

  @Test
  void givenPluginOnGivenClassLoader_standard_usesIt() throws IOException {
    Map<String, String> settings =
        Map.of(PaneLookupSettings.PANE_LOCATORS, "fixed", "FIXED_PANE", "%77");

    try (URLClassLoader plugins = pluginLoader(FixedPaneLocatorProvider.class)) {
      assertEquals(
          Optional.of(new PaneId("%77")),
          PaneLocators.standard(settings, plugins).locate(tmuxPane("%1")));
    }
    // Not registered with this library's own class loader.
    assertEquals(Optional.empty(), PaneLocators.standard(settings).locate(tmuxPane("%1")));
  }

  @Test
  void givenThrowingPlugin_lookup_reportsItAndTriesTheNext() throws IOException {
    Map<String, String> settings =
        Map.of(PaneLookupSettings.PANE_LOCATORS, "throwing,fixed", "FIXED_PANE", "%77");

    try (URLClassLoader plugins =
        pluginLoader(ThrowingPaneLocatorProvider.class, FixedPaneLocatorProvider.class)) {
      PaneLookup lookup =
          PaneLocators.explain(PaneLocators.standard(settings, plugins), tmuxPane("%1"));

      assertEquals(Optional.of(new PaneId("%77")), lookup.pane());
      assertEquals(
          List.of("throwing: failed: java.lang.IllegalStateException: boom"), lookup.notes());
    }
  }

  @Test
  void givenBrokenRegistration_standard_stillWorks() throws IOException {
    Path services = dir.resolve("META-INF/services/" + PaneLocatorProvider.class.getName());
    Files.createDirectories(services.getParent());
    Files.writeString(services, "com.example.Missing\n");

    try (URLClassLoader plugins =
        new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      PaneLookup lookup =
          PaneLocators.explain(
              PaneLocators.standard(Map.of(PaneLookupSettings.PANE_LOCATORS, "env"), plugins),
              tmuxPane("%2"));

      assertEquals(Optional.of(new PaneId("%2")), lookup.pane());
      assertTrue(lookup.notes().get(0).contains("com.example.Missing"), lookup.notes().toString());
    }
  }

  @Test
  void givenInvalidTmuxPane_tmuxPaneProblem_givesOneLineReason() {
    assertEquals(
        Optional.of(
            "TMUX_PANE \"%3;\\u000akill-server\" is not a tmux pane id"
                + " (expected % followed by digits, e.g. %42); ignored"),
        PaneLocators.tmuxPaneProblem(tmuxPane(" %3;\nkill-server ")));
  }

  @Test
  void givenValidOrMissingTmuxPane_tmuxPaneProblem_isEmpty() {
    assertEquals(Optional.empty(), PaneLocators.tmuxPaneProblem(tmuxPane(" %3 ")));
    assertEquals(Optional.empty(), PaneLocators.tmuxPaneProblem(Environment.ofProcess(Map.of())));
  }

  @Test
  void givenPlainPaneLocator_explain_returnsItsAnswerWithoutNotes() {
    PaneLocator plain = environment -> PaneId.parse("%8");

    assertEquals(
        new PaneLookup(Optional.of(new PaneId("%8")), List.of()),
        PaneLocators.explain(plain, tmuxPane("%1")));
  }

  private static Environment tmuxPane(String value) {
    return Environment.ofProcess(Map.of("TMUX_PANE", value));
  }

  /** A class loader that sees the given providers through its own META-INF/services file. */
  private URLClassLoader pluginLoader(Class<?>... providers) throws IOException {
    Path services = dir.resolve("META-INF/services/" + PaneLocatorProvider.class.getName());
    Files.createDirectories(services.getParent());
    StringBuilder lines = new StringBuilder();
    for (Class<?> provider : providers) lines.append(provider.getName()).append('\n');
    Files.writeString(services, lines);
    return new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
  }
}
