package io.github.ralphresume.app.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.ralphresume.adapters.tmux.PaneLocatorProvider;
import io.github.ralphresume.domain.model.Environment;
import io.github.ralphresume.domain.model.PaneId;
import io.github.ralphresume.domain.port.PaneLocator;
import io.github.ralphresume.testing.plugin.FixedPaneLocatorProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service's pane: the request's own, else the configured locators, plugins included. */
class RequestPaneTest {
  @TempDir Path dir;

  static final Environment NO_PANE = Environment.injected(Map.of());
  static final Environment PANE_3 = Environment.injected(Map.of("TMUX_PANE", "%3"));

  @Test
  void givenNoLocatorSetting_onlyTheRequestsPaneCounts() {
    PaneLocator panes = HttpApplication.requestPane(Map.of("FIXED_PANE", "%55"));

    assertEquals(Optional.empty(), panes.locate(NO_PANE));
    assertEquals(Optional.of(new PaneId("%3")), panes.locate(PANE_3));
    assertEquals(Optional.empty(), HttpApplication.requestPane().locate(NO_PANE));
  }

  @Test
  void givenAPluginLocator_itAnswersForRequestsThatNameNoPane() throws IOException {
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    try (OutputStream file = Files.newOutputStream(plugins.resolve("fixed.jar"));
        JarOutputStream out = new JarOutputStream(file)) {
      out.putNextEntry(new JarEntry("META-INF/services/" + PaneLocatorProvider.class.getName()));
      out.write((FixedPaneLocatorProvider.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }

    PaneLocator panes =
        HttpApplication.requestPane(
            Map.of(
                "RALPH_RESUME_PANE_LOCATORS", "fixed",
                "RALPH_RESUME_PLUGIN_PATH", plugins.toString(),
                "FIXED_PANE", "%55"));

    assertEquals(Optional.of(new PaneId("%55")), panes.locate(NO_PANE));
    assertEquals(Optional.of(new PaneId("%3")), panes.locate(PANE_3));
  }

  @Test
  void givenTmuxEnvInTheOrder_theServersOwnPaneIsNeverTheAnswer() throws IOException {
    // A tmux that calls every pane a codex pane: tmux-env would keep any pane it is asked about.
    Path tmux = dir.resolve("tmux");
    Files.writeString(tmux, "#!/bin/sh\necho codex\n");
    Files.setPosixFilePermissions(tmux, PosixFilePermissions.fromString("rwxr-xr-x"));

    PaneLocator panes =
        HttpApplication.requestPane(
            Map.of(
                "RALPH_RESUME_PANE_LOCATORS", "tmux-env",
                "RALPH_RESUME_TMUX_BIN", tmux.toString(),
                "TMUX_PANE", "%9"));

    assertEquals(Optional.empty(), panes.locate(NO_PANE));
    assertEquals(Optional.of(new PaneId("%3")), panes.locate(PANE_3));
  }
}
