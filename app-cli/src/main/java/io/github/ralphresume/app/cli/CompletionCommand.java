package io.github.ralphresume.app.cli;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code completion}: a shell completion script for every command and option. */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {
      "Prints a completion script for bash or zsh, generated from the commands themselves.",
      "",
      "Example (in ~/.bashrc or ~/.zshrc):",
      "  source <(ralph-resume completion bash)"
    })
final class CompletionCommand implements Callable<Integer> {
  private final CliContext context;

  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "SHELL",
      completionCandidates = Shells.class,
      description = "bash or zsh.")
  String shell;

  CompletionCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    String bash = AutoComplete.bash("ralph-resume", spec.root().commandLine());
    String script =
        switch (shell) {
          case "bash" -> bash;
          // zsh runs bash completion scripts through its bashcompinit emulation. The script
          // starts compinit itself only when it is not running yet, so completions the user
          // already registered survive.
          case "zsh" -> "autoload -U +X bashcompinit && bashcompinit\n" + bash;
          default ->
              throw new UsageException("unknown shell \"" + shell + "\": expected bash or zsh");
        };
    context.out().print(script.endsWith("\n") ? script : script + "\n");
    return RalphResumeCli.EXIT_OK;
  }

  /** The shells offered when completing {@code completion} itself. */
  static final class Shells implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return List.of("bash", "zsh").iterator();
    }
  }
}
