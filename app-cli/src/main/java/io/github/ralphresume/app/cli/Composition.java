package io.github.ralphresume.app.cli;

import io.github.ralphresume.adapters.fs.FileCurrentSessionLocator;
import io.github.ralphresume.adapters.fs.FileRalphStateStore;
import io.github.ralphresume.adapters.fs.FileTransferJournal;
import io.github.ralphresume.adapters.fs.MkdirResumeLock;
import io.github.ralphresume.adapters.tmux.ExplainingPaneLocator;
import io.github.ralphresume.adapters.tmux.PaneLocators;
import io.github.ralphresume.adapters.tmux.PaneLookup;
import io.github.ralphresume.adapters.tmux.PluginClassLoaders;
import io.github.ralphresume.domain.model.Environment;
import io.github.ralphresume.domain.port.PaneLocator;
import io.github.ralphresume.domain.usecase.ReconcileRalphResume;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The composition root: the one place that chooses adapters for the use cases. The CLI runs with
 * {@link #FILES}; the crash tests run the same commands with a composition of their own that halts
 * the process inside a transfer (it lives with the tests, on their class path).
 */
class Composition {
  /** The file adapters, as the shipped CLI composes them. */
  static final Composition FILES = new Composition();

  /** The reconcile of {@code stateDir}, with an overall deadline. */
  final DeadlineReconcile reconcile(Path stateDir, PaneLocator panes, Duration deadline) {
    return new DeadlineReconcile(useCase(stateDir, panes), deadline);
  }

  /** The use case over the file adapters. */
  ReconcileRalphResume useCase(Path stateDir, PaneLocator panes) {
    FileRalphStateStore store = new FileRalphStateStore(stateDir);
    return new ReconcileRalphResume(
        store,
        new MkdirResumeLock(stateDir),
        new FileCurrentSessionLocator(store),
        panes,
        new FileTransferJournal(stateDir),
        new SystemClock());
  }

  /**
   * The standard pane lookup (tmux verification of {@code TMUX_PANE}, then the session's codex
   * pane, then the env pane; without {@code TMUX_PANE}, the controlling terminal and the process
   * ancestry), configured by the process environment, plus the locators of the plugin jars in
   * {@code pluginPath} (the {@code --plugin-path} option; when it is not given, {@value
   * PluginClassLoaders#PLUGIN_PATH}). A broken plugin costs its own locator only: {@code problems}
   * hears one line about it, and the lookup goes on without it.
   */
  static PaneLocator paneLocator(
      Map<String, String> processEnvironment, String pluginPath, Consumer<String> problems) {
    String path =
        pluginPath != null
            ? pluginPath
            : processEnvironment.getOrDefault(PluginClassLoaders.PLUGIN_PATH, "");
    // Built on first use: most reconciles never look for a pane (no loop to re-point), and
    // discovering the locators is a noticeable part of a cold run.
    return new ExplainingPaneLocator() {
      private PaneLocator built;

      @Override
      public PaneLookup lookup(Environment environment) {
        if (built == null) {
          ClassLoader plugins =
              PluginClassLoaders.of(path, Composition.class.getClassLoader(), problems);
          built = PaneLocators.standard(processEnvironment, plugins, problems);
        }
        return PaneLocators.explain(built, environment);
      }
    };
  }
}
