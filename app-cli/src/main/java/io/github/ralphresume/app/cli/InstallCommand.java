package io.github.ralphresume.app.cli;

import io.github.ralphresume.domain.json.JsonObject;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code install codex}: wires ralph-resume into Codex as lifecycle hooks. */
@Command(
    name = "install",
    mixinStandardHelpOptions = true,
    description = {
      "Wires ralph-resume into Codex (adds its hooks to Codex's hooks.json).",
      "SessionStart (startup|resume), UserPromptSubmit and Stop each run this",
      "installation's launcher with `hook`. Every other hook and key is kept, a",
      "second run changes nothing, and the previous file is kept as hooks.json.bak.",
      "Then Codex needs you to trust the hooks once, in its /hooks view.",
      "",
      "Examples:",
      "  ralph-resume install codex                  # $CODEX_HOME/hooks.json",
      "  ralph-resume install codex --scope project  # ./.codex/hooks.json",
      "  ralph-resume install codex --dry-run        # print the file instead"
    },
    exitCodeListHeading = "Exit status:%n",
    exitCodeList = {
      "0:installed (or already installed)",
      "1:the file could not be read or written (one line on stderr; nothing changed)",
      "2:bad input: a hooks.json that is not Codex's JSON, an unknown option (nothing changed)"
    })
final class InstallCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(
      paramLabel = "TARGET",
      completionCandidates = Targets.class,
      description = "What to wire ralph-resume into: codex.")
  String target;

  @Mixin SharedOptions.CodexHooksFile hooksFile = new SharedOptions.CodexHooksFile();

  @Option(
      names = "--command",
      paramLabel = "PATH",
      description =
          "The launcher the hooks run, by absolute path (default: the bin/ralph-resume this was"
              + " started from).")
  String command;

  InstallCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Targets.check(target);
    CodexInstallation.Scope where = hooksFile.scope();
    Path projectDir = hooksFile.projectDir(where);
    String ourCommand = CodexHooks.command(CodexInstallation.launcher(command));
    Path folder = CodexInstallation.configFolder(where, context.environment(), projectDir);
    Path file = folder.resolve("hooks.json");

    Optional<String> previous = CodexInstallation.read(file);
    JsonObject document = Targets.parse(file, previous);
    String text = CodexHooks.text(CodexHooks.install(document, ourCommand));

    if (hooksFile.dryRun) {
      context.out().print(text);
      context.err().println("ralph-resume: dry run: the above is what " + file + " would hold;");
      context.err().println("nothing was changed.");
      return RalphResumeCli.EXIT_OK;
    }
    if (previous.isPresent() && previous.get().equals(text)) {
      context.out().println("ralph-resume's Codex hooks are already installed in " + file + ".");
      context.out().println("Nothing changed.");
    } else {
      Optional<Path> backup = CodexInstallation.replace(file, text, previous);
      context
          .out()
          .println(
              "Installed ralph-resume's Codex hooks (SessionStart, UserPromptSubmit, Stop) in "
                  + file
                  + ".");
      context.out().println("They run: " + ourCommand);
      backup.ifPresent(bak -> context.out().println("The previous file is kept as " + bak + "."));
    }
    warnAboutConfig(where, folder, projectDir);
    context.out().println();
    context.out().println("One step left, which only you can do: Codex skips a hook until you");
    context.out().println("trust it. Start codex, type /hooks, and trust the three ralph-resume");
    context.out().println("hooks (again after their command changes).");
    if (where == CodexInstallation.Scope.PROJECT) {
      context.out().println("Project hooks also need the project trusted in Codex.");
    }
    return RalphResumeCli.EXIT_OK;
  }

  /** Says when Codex's config turns hooks off, or still runs ralph-resume as notify. */
  private void warnAboutConfig(CodexInstallation.Scope where, Path folder, Path projectDir) {
    Path userConfig = CodexInstallation.codexHome(context.environment()).resolve("config.toml");
    List<Path> configs =
        where == CodexInstallation.Scope.USER
            ? List.of(userConfig)
            : List.of(userConfig, folder.resolve("config.toml"));
    for (Path file : configs) {
      CodexConfig config;
      try {
        config = CodexConfig.read(file);
      } catch (java.io.IOException unreadable) {
        context.warn("cannot read " + file + " to check that it leaves hooks on: " + unreadable);
        continue;
      }
      if (config.hooksTurnedOff()) {
        context.warn(
            file
                + " turns Codex's hooks off ([features] hooks = false): remove that line, or"
                + " Codex will not run these hooks");
      }
      if (config.notifyCommand().map(CodexHooks::notifyRunsOurHook).orElse(false)) {
        context.warn(
            file
                + " also runs ralph-resume as its notify command, which is no longer needed:"
                + " remove the notify line");
      }
    }
  }

  /** What {@code install} and {@code uninstall} can wire ralph-resume into. */
  static final class Targets implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return List.of("codex").iterator();
    }

    static void check(String target) {
      if (!target.equals("codex")) {
        throw new UsageException("unknown target \"" + target + "\": expected codex");
      }
    }

    /** The hooks file's document; a broken file is bad input, refused before anything changes. */
    static JsonObject parse(Path file, Optional<String> text) {
      if (text.isEmpty()) return JsonObject.EMPTY;
      try {
        return CodexHooks.parse(text.get());
      } catch (CodexHooks.Malformed malformed) {
        throw new UsageException(
            file + " " + malformed.getMessage() + "; fix or move it, nothing was changed");
      }
    }
  }

  /** The scopes offered when completing {@code --scope}. */
  static final class Scopes implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return List.of("user", "project").iterator();
    }
  }
}
