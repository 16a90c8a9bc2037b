package io.github.ralphresume.app.cli;

import io.github.ralphresume.domain.json.JsonObject;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code uninstall codex}: removes exactly the hooks {@code install codex} added. */
@Command(
    name = "uninstall",
    mixinStandardHelpOptions = true,
    description = {
      "Removes ralph-resume's hooks from Codex's hooks.json.",
      "Any entry that runs a launcher named ralph-resume with `hook` goes; every",
      "other hook and key is kept, and the previous file is kept as hooks.json.bak.",
      "",
      "Example:",
      "  ralph-resume uninstall codex"
    },
    exitCodeListHeading = "Exit status:%n",
    exitCodeList = {
      "0:removed (or there was nothing to remove)",
      "1:the file could not be read or written (one line on stderr; nothing changed)",
      "2:bad input: a hooks.json that is not Codex's JSON, an unknown option (nothing changed)"
    })
final class UninstallCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(
      paramLabel = "TARGET",
      completionCandidates = InstallCommand.Targets.class,
      description = "What to unwire ralph-resume from: codex.")
  String target;

  @Mixin SharedOptions.CodexHooksFile hooksFile = new SharedOptions.CodexHooksFile();

  UninstallCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    InstallCommand.Targets.check(target);
    CodexInstallation.Scope where = hooksFile.scope();
    Path projectDir = hooksFile.projectDir(where);
    Path file =
        CodexInstallation.configFolder(where, context.environment(), projectDir)
            .resolve("hooks.json");
    // Entries of any installation are ours, so no launcher is needed to find them.
    String ourCommand = CodexInstallation.installedCommand();

    Optional<String> previous = CodexInstallation.read(file);
    if (previous.isEmpty()) {
      context.out().println("There is no " + file + "; nothing to remove.");
      return RalphResumeCli.EXIT_OK;
    }
    JsonObject document = InstallCommand.Targets.parse(file, previous);
    int entries = CodexHooks.ours(document, ourCommand).size();
    JsonObject result = CodexHooks.uninstall(document, ourCommand);
    if (hooksFile.dryRun) {
      context.out().print(entries == 0 ? previous.get() : CodexHooks.text(result));
      context.err().println("ralph-resume: dry run: the above is what " + file + " would hold;");
      context.err().println("nothing was changed.");
      return RalphResumeCli.EXIT_OK;
    }
    if (entries == 0) {
      context.out().println("No ralph-resume hooks in " + file + "; nothing changed.");
      return RalphResumeCli.EXIT_OK;
    }
    Optional<Path> backup = CodexInstallation.replace(file, CodexHooks.text(result), previous);
    context
        .out()
        .println(
            "Removed ralph-resume's Codex hooks ("
                + entries
                + (entries == 1 ? " entry" : " entries")
                + ") from "
                + file
                + ".");
    backup.ifPresent(bak -> context.out().println("The previous file is kept as " + bak + "."));
    return RalphResumeCli.EXIT_OK;
  }
}
