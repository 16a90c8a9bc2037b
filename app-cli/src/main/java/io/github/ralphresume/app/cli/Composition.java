package io.github.ralphresume.app.cli;

import io.github.ralphresume.adapters.fs.FileCurrentSessionLocator;
import io.github.ralphresume.adapters.fs.FileRalphStateStore;
import io.github.ralphresume.adapters.fs.FileTransferJournal;
import io.github.ralphresume.adapters.fs.MkdirResumeLock;
import io.github.ralphresume.adapters.tmux.PaneLocators;
import io.github.ralphresume.domain.port.PaneLocator;
import io.github.ralphresume.domain.usecase.ReconcileRalphResume;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** The composition root: the one place that chooses adapters for the use cases. */
final class Composition {
  private Composition() {}

  static ReconcileRalphResume reconcile(Path stateDir, Map<String, String> processEnvironment) {
    CrashSwitch crash = CrashSwitch.from(processEnvironment);
    FileRalphStateStore store = FileRalphStateStore.withCrashPoints(stateDir, crash::reached);
    return new ReconcileRalphResume(
            store,
            new MkdirResumeLock(stateDir),
            new FileCurrentSessionLocator(store),
            paneLocator(processEnvironment),
            FileTransferJournal.withCrashPoints(stateDir, crash::reached),
            Clock.systemDefaultZone())
        .withStepListener(step -> crash.reached(step.wireName()));
  }

  /**
   * The standard pane lookup (tmux verification of {@code TMUX_PANE}, then the session's codex
   * pane, then the env pane; without {@code TMUX_PANE}, the controlling terminal and the process
   * ancestry), configured by the process environment.
   */
  static PaneLocator paneLocator(Map<String, String> processEnvironment) {
    return PaneLocators.standard(processEnvironment);
  }
}
