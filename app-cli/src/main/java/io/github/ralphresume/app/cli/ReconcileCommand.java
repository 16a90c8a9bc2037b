package io.github.ralphresume.app.cli;

import io.github.ralphresume.domain.json.JsonText;
import io.github.ralphresume.domain.model.ReconcileOutcome;
import io.github.ralphresume.domain.usecase.ReconcileRequest;
import io.github.ralphresume.domain.wire.WireFormat;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code reconcile}: one reconcile of a state dir, as the notify hook would run it. */
@Command(
    name = "reconcile",
    mixinStandardHelpOptions = true,
    description = {
      "Moves the Codex conversation's active Ralph loop into the current OMX session, once.",
      "",
      "Example:",
      "  ralph-resume reconcile --state-dir .omx/state --codex-session-id 019a-... --json"
    },
    exitCodeListHeading = "Exit status:%n",
    exitCodeList = {
      "0:every reconcile reason, including resume_lock_timeout",
      RalphResumeCli.EXIT_FAILURE_HELP,
      RalphResumeCli.EXIT_USAGE_HELP
    })
final class ReconcileCommand implements Callable<Integer> {
  private final CliContext context;

  @Mixin SharedOptions.Reconcile options = new SharedOptions.Reconcile();

  @Option(names = SharedOptions.JSON, description = "Print the result object as one JSON line.")
  boolean json;

  ReconcileCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Path dir = options.stateDir.validate();
    ReconcileRequest request = options.request(context);
    ReconcileOutcome outcome =
        context
            .composition()
            .reconcile(dir, options.paneLocator(context), DeadlineReconcile.DEADLINE)
            .reconcile(request);
    context
        .out()
        .println(
            json
                ? JsonText.compact(WireFormat.reconcileResult(outcome))
                : OutcomeText.describe(outcome));
    return RalphResumeCli.EXIT_OK;
  }
}
