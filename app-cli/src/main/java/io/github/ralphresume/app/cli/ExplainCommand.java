package io.github.ralphresume.app.cli;

import io.github.ralphresume.adapters.fs.FileCurrentSessionLocator;
import io.github.ralphresume.adapters.fs.FileRalphStateStore;
import io.github.ralphresume.adapters.fs.FileTransferJournal;
import io.github.ralphresume.adapters.fs.MkdirResumeLock;
import io.github.ralphresume.adapters.tmux.PaneLocators;
import io.github.ralphresume.adapters.tmux.PaneLookup;
import io.github.ralphresume.domain.json.JsonText;
import io.github.ralphresume.domain.model.Environment;
import io.github.ralphresume.domain.model.Explanation;
import io.github.ralphresume.domain.model.PaneId;
import io.github.ralphresume.domain.port.PaneLocator;
import io.github.ralphresume.domain.usecase.ExplainReconcile;
import io.github.ralphresume.domain.usecase.ReconcileRequest;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code explain}: what {@code reconcile} would do now, and why, without doing it. */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description = {
      "Shows, step by step, what reconcile would decide now and why, and the documents it would",
      "write. A dry run of the same code: it takes no lock and changes nothing.",
      "",
      "Example:",
      "  ralph-resume explain --state-dir .omx/state --codex-session-id 019a-... --json"
    },
    exitCodeListHeading = "Exit status:%n",
    exitCodeList = {
      "0:explained (whatever reconcile would decide)",
      RalphResumeCli.EXIT_FAILURE_HELP,
      RalphResumeCli.EXIT_USAGE_HELP
    })
final class ExplainCommand implements Callable<Integer> {
  private final CliContext context;

  @Mixin SharedOptions.Reconcile options = new SharedOptions.Reconcile();

  @Option(names = SharedOptions.JSON, description = "Print one JSON object for scripts.")
  boolean json;

  ExplainCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Path dir = options.stateDir.validate();
    ReconcileRequest request = options.request(context);
    FileRalphStateStore store = new FileRalphStateStore(dir);
    RecordingPaneLocator panes = new RecordingPaneLocator(options.paneLocator(context));
    Explanation explanation =
        new ExplainReconcile(
                store,
                new FileCurrentSessionLocator(store),
                panes,
                new FileTransferJournal(dir),
                new SystemClock())
            .explain(request);
    Path journal = new FileTransferJournal(dir).file();
    // Only a hint: the lock may come or go the next moment.
    boolean lockHeld = !(new MkdirResumeLock(dir).look() instanceof MkdirResumeLock.Sighting.Free);
    context
        .out()
        .print(
            json
                ? JsonText.compact(ExplanationText.json(explanation, panes.lookup, lockHeld)) + "\n"
                : ExplanationText.text(explanation, panes.lookup, journal, lockHeld));
    return RalphResumeCli.EXIT_OK;
  }

  /** Asks the real pane lookup, keeping its remarks so the explanation can show them. */
  static final class RecordingPaneLocator implements PaneLocator {
    private final PaneLocator real;
    Optional<PaneLookup> lookup = Optional.empty();

    RecordingPaneLocator(PaneLocator real) {
      this.real = real;
    }

    @Override
    public Optional<PaneId> locate(Environment environment) {
      PaneLookup found = PaneLocators.explain(real, environment);
      lookup = Optional.of(found);
      return found.pane();
    }
  }
}
