package io.github.ralphresume.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code completion}: scripts that a shell actually loads. */
class CompletionCommandTest {
  @TempDir Path root;

  record Shell(int status, String out) {}

  /** Runs {@code script} with {@code bash}, its stdout and stderr together. */
  static Shell bash(String script) throws IOException, InterruptedException {
    Process process = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
    process.getOutputStream().close();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "bash did not finish");
    return new Shell(
        process.exitValue(),
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  static String quote(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }

  @Test
  void givenBash_completion_printsAScriptThatBashParsesAndLoads() throws Exception {
    CliRun run = new CliRun().run("completion", "bash");
    Path script = Files.writeString(root.resolve("ralph-resume.bash"), run.out);

    Shell syntax = bash("bash -n " + quote(script.toString()));
    Shell loaded = bash("source " + quote(script.toString()) + " && complete -p ralph-resume");

    assertEquals(0, run.status, run.err);
    assertEquals(0, syntax.status(), syntax.out());
    assertEquals(0, loaded.status(), loaded.out());
    assertTrue(loaded.out().contains("ralph-resume"), loaded.out());
    for (String command :
        List.of(
            "reconcile",
            "hook",
            "status",
            "explain",
            "sweep",
            "doctor",
            "install",
            "uninstall",
            "completion")) {
      assertTrue(run.out.contains(command), command);
    }
    assertTrue(run.out.contains("--dead-owners"), "sweep's options are completed");
  }

  @Test
  void givenTheRealCommand_sourcingItsOutput_succeeds() throws Exception {
    // End to end, as a user's ~/.bashrc does it: source <(ralph-resume completion bash).
    String java =
        ChildCli.builder(Map.of(), "completion", "bash").command().stream()
            .map(CompletionCommandTest::quote)
            .collect(Collectors.joining(" "));

    Shell shell = bash("source <(" + java + ") && complete -p ralph-resume");

    assertEquals(0, shell.status(), shell.out());
    assertTrue(shell.out().contains("-F _complete_ralph-resume ralph-resume"), shell.out());
  }

  @Test
  void givenBashCompletion_completingTheCommandName_offersTheNewCommands() throws Exception {
    Path script =
        Files.writeString(
            root.resolve("ralph-resume.bash"), new CliRun().run("completion", "bash").out);

    Shell shell =
        bash(
            "source "
                + quote(script.toString())
                + " && COMP_WORDS=(ralph-resume sw)"
                + " && COMP_CWORD=1 && COMP_LINE='ralph-resume sw' && COMP_POINT=${#COMP_LINE}"
                + " && _complete_ralph-resume && printf '%s\\n' \"${COMPREPLY[@]}\"");

    assertEquals(0, shell.status(), shell.out());
    assertEquals("sweep\n", shell.out());
  }

  @Test
  void givenBashCompletion_completingInstall_offersCodexAndItsOptions() throws Exception {
    Path script =
        Files.writeString(
            root.resolve("ralph-resume.bash"), new CliRun().run("completion", "bash").out);

    assertEquals("codex\n", complete(script, "ralph-resume", "install", ""));
    assertEquals("codex\n", complete(script, "ralph-resume", "uninstall", ""));
    assertEquals("doctor\n", complete(script, "ralph-resume", "do"));
    assertEquals("--scope\n", complete(script, "ralph-resume", "install", "codex", "--sc"));
  }

  /** What bash offers for the last of {@code words}. */
  private static String complete(Path script, String... words) throws Exception {
    String line = String.join(" ", words);
    StringBuilder array = new StringBuilder();
    for (String word : words) array.append(quote(word)).append(' ');
    Shell shell =
        bash(
            "source "
                + quote(script.toString())
                + " && COMP_WORDS=("
                + array
                + ") && COMP_CWORD="
                + (words.length - 1)
                + " && COMP_LINE="
                + quote(line)
                + " && COMP_POINT=${#COMP_LINE}"
                // compopt complains outside an interactive completion; only the words matter.
                + " && _complete_ralph-resume 2>/dev/null"
                + " && printf '%s\\n' \"${COMPREPLY[@]}\"");
    assertEquals(0, shell.status(), shell.out());
    return shell.out();
  }

  @Test
  void givenZsh_completion_printsTheBashScriptBehindBashcompinit() throws Exception {
    CliRun zsh = new CliRun().run("completion", "zsh");
    CliRun bash = new CliRun().run("completion", "bash");
    Path script = Files.writeString(root.resolve("ralph-resume.zsh"), zsh.out);

    assertEquals(0, zsh.status, zsh.err);
    assertEquals("autoload -U +X bashcompinit && bashcompinit\n" + bash.out, zsh.out);
    // The script is shared with bash, so bash can at least check its syntax where zsh is absent.
    assertEquals(0, bash("bash -n " + quote(script.toString())).status());
  }

  @Test
  void givenAnUnknownShell_completion_isAUsageError() {
    CliRun run = new CliRun().run("completion", "fish");

    assertEquals(2, run.status);
    assertEquals("ralph-resume: unknown shell \"fish\": expected bash or zsh\n", run.err);
    assertEquals("", run.out);
  }

  @Test
  void givenNoShell_completion_isAUsageError() {
    CliRun run = new CliRun().run("completion");

    assertEquals(2, run.status);
    assertTrue(run.err.startsWith("ralph-resume: Missing required parameter: 'SHELL'"), run.err);
  }
}
