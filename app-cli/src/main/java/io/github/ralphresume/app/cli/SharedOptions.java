package io.github.ralphresume.app.cli;

import io.github.ralphresume.adapters.fs.StateDirectory;
import io.github.ralphresume.adapters.tmux.PaneLocators;
import io.github.ralphresume.domain.model.Environment;
import io.github.ralphresume.domain.port.PaneLocator;
import io.github.ralphresume.domain.usecase.ReconcileRequest;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options several commands take, each defined once as a picocli mixin. The option names are
 * constants because {@link PlainCommandLine} reads the hook's command lines without picocli and
 * must accept exactly these names.
 */
final class SharedOptions {
  static final String STATE_DIR = "--state-dir";
  static final String CODEX_SESSION_ID = "--codex-session-id";
  static final String THREAD_ID = "--thread-id";
  static final String PLUGIN_PATH = "--plugin-path";
  static final String VERBOSE = "--verbose";
  static final String JSON = "--json";

  private SharedOptions() {}

  /** {@code --state-dir}: reconcile, explain, status and sweep work on one state dir. */
  static final class StateDir {
    @Option(
        names = STATE_DIR,
        required = true,
        paramLabel = "DIR",
        description = "The OMX state dir, usually <project>/.omx/state.")
    String value;

    /** The state dir, or a usage error naming what is wrong with it, before anything touches it. */
    Path validate() {
      try {
        return StateDirectory.validate(value, "");
      } catch (StateDirectory.InvalidException invalid) {
        throw new UsageException(invalid.getMessage());
      }
    }
  }

  /** {@code --plugin-path}: reconcile, explain and hook may look for the agent's pane. */
  static final class PluginPath {
    @Option(
        names = PLUGIN_PATH,
        paramLabel = "DIR",
        description =
            "Directories of pane-locator plugin jars, separated by ':'"
                + " (default: $RALPH_RESUME_PLUGIN_PATH).")
    String value;
  }

  /**
   * What a reconcile is asked: {@code reconcile} runs it, {@code explain} is its dry run, so the
   * two take the same arguments.
   */
  static final class Reconcile {
    @Mixin StateDir stateDir = new StateDir();

    @Option(
        names = CODEX_SESSION_ID,
        paramLabel = "ID",
        defaultValue = "",
        description = "The Codex session id from the hook payload.")
    String codexSessionId = "";

    @Option(
        names = THREAD_ID,
        paramLabel = "TID",
        defaultValue = "",
        description = "The Codex thread id from the hook payload (legacy owners).")
    String threadId = "";

    @Option(names = VERBOSE, description = "Print a stack trace on unexpected failures.")
    boolean verbose;

    @Mixin PluginPath pluginPath = new PluginPath();

    /**
     * The request, in the process's environment; a {@code TMUX_PANE} that is not a pane id is
     * ignored with a warning.
     */
    ReconcileRequest request(CliContext context) {
      Environment environment = Environment.ofProcess(context.environment());
      PaneLocators.tmuxPaneProblem(environment).ifPresent(context::warn);
      return new ReconcileRequest(codexSessionId, threadId, environment);
    }

    /** The pane lookup, with the plugins of {@code --plugin-path}. */
    PaneLocator paneLocator(CliContext context) {
      return Composition.paneLocator(context.environment(), pluginPath.value, context::warn);
    }
  }

  /**
   * Where {@code install} and {@code uninstall} find Codex's {@code hooks.json}: {@code --scope},
   * {@code --project}, and {@code --dry-run} to change nothing.
   */
  static final class CodexHooksFile {
    @Option(
        names = "--scope",
        paramLabel = "SCOPE",
        defaultValue = "user",
        completionCandidates = InstallCommand.Scopes.class,
        description =
            "user: $CODEX_HOME/hooks.json (default ~/.codex); project: <project>/.codex/hooks.json"
                + " (default: ${DEFAULT-VALUE}).")
    String scope = "user";

    @Option(
        names = "--project",
        paramLabel = "DIR",
        description = "The project for --scope project (default: the current directory).")
    String project;

    @Option(names = "--dry-run", description = "Print the resulting hooks.json; change nothing.")
    boolean dryRun;

    /** The scope asked for; {@code --project} without {@code --scope project} is a usage error. */
    CodexInstallation.Scope scope() {
      CodexInstallation.Scope where = CodexInstallation.Scope.parse(scope);
      if (project != null && where != CodexInstallation.Scope.PROJECT) {
        throw new UsageException("--project goes with --scope project");
      }
      return where;
    }

    /** The project dir for the project scope; {@code null} for the user scope. */
    Path projectDir(CodexInstallation.Scope where) {
      return where == CodexInstallation.Scope.PROJECT ? CodexInstallation.project(project) : null;
    }
  }
}
