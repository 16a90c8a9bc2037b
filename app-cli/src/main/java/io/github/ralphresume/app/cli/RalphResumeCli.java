package io.github.ralphresume.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command tree and its error policy: usage errors exit 2, failures 1, reasons 0. */
@Command(
    name = "ralph-resume",
    mixinStandardHelpOptions = true,
    versionProvider = RalphResumeCli.Version.class,
    description = "Keeps an oh-my-codex Ralph loop attached to the Codex session that resumes it.",
    subcommands = {
      ReconcileCommand.class,
      HookCommand.class,
      StatusCommand.class,
      ExplainCommand.class,
      SweepCommand.class,
      DoctorCommand.class,
      InstallCommand.class,
      UninstallCommand.class,
      CompletionCommand.class,
      CommandLine.HelpCommand.class
    })
final class RalphResumeCli implements Runnable {
  static final int EXIT_OK = 0;
  static final int EXIT_FAILURE = 1;
  static final int EXIT_USAGE = 2;

  /** The help's line for {@link #EXIT_FAILURE}. */
  static final String EXIT_FAILURE_HELP = "1:an unexpected failure (one line on stderr)";

  /** The help's line for {@link #EXIT_USAGE}, for commands that change nothing on bad input. */
  static final String EXIT_USAGE_HELP = "2:bad input (one line on stderr; nothing changed)";

  private final CliContext context;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  RalphResumeCli(CliContext context) {
    this.context = context;
  }

  @Override
  public void run() {
    // The running command line, not a new one: building another would instantiate every
    // subcommand without the factory that gives them their context.
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "a command is required: reconcile, hook, status, explain, sweep, doctor, install,"
            + " uninstall or completion"
            + " (see --help)");
  }

  static int run(CliContext context, String... args) {
    CommandLine commandLine = new CommandLine(new RalphResumeCli(context), new Factory(context));
    commandLine.setOut(new PrintWriter(context.out(), true, StandardCharsets.UTF_8));
    commandLine.setErr(new PrintWriter(context.err(), true, StandardCharsets.UTF_8));
    // As the original's parser: a repeated option takes its last value, and the word after an
    // option is its value even when it starts with "--".
    commandLine.setOverwrittenOptionsAllowed(true);
    commandLine.setAllowOptionsAsOptionParameters(true);
    commandLine.setParameterExceptionHandler(
        (problem, arguments) -> {
          context.err().println("ralph-resume: " + problem.getMessage());
          context.err().println("Try 'ralph-resume --help'.");
          return EXIT_USAGE;
        });
    commandLine.setExecutionExceptionHandler(
        (failure, command, parseResult) ->
            failed(context, failure, parseResult.originalArgs().contains(SharedOptions.VERBOSE)));
    return commandLine.execute(args);
  }

  /** Runs a command that was parsed without picocli, under the same error policy. */
  static int call(CliContext context, Callable<Integer> command, String... args) {
    try {
      return command.call();
    } catch (Exception failure) {
      return failed(context, failure, Arrays.asList(args).contains(SharedOptions.VERBOSE));
    }
  }

  /** Bad input is one line and exit 2; anything else one line (a trace with --verbose) and 1. */
  private static int failed(CliContext context, Exception failure, boolean verbose) {
    if (failure instanceof UsageException) {
      context.err().println("ralph-resume: " + failure.getMessage());
      return EXIT_USAGE;
    }
    context.err().println("ralph-resume: error: " + oneLine(failure));
    if (verbose) failure.printStackTrace(context.err());
    return EXIT_FAILURE;
  }

  static String oneLine(Throwable failure) {
    String message = failure.getMessage();
    if (message == null || message.isBlank()) message = failure.getClass().getSimpleName();
    return message.replace('\n', ' ');
  }

  /** Gives every command the context through its constructor. */
  private static final class Factory implements CommandLine.IFactory {
    private final CliContext context;

    Factory(CliContext context) {
      this.context = context;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
      if (type == ReconcileCommand.class) return type.cast(new ReconcileCommand(context));
      if (type == HookCommand.class) return type.cast(new HookCommand(context));
      if (type == StatusCommand.class) return type.cast(new StatusCommand(context));
      if (type == ExplainCommand.class) return type.cast(new ExplainCommand(context));
      if (type == SweepCommand.class) return type.cast(new SweepCommand(context));
      if (type == DoctorCommand.class) return type.cast(new DoctorCommand(context));
      if (type == InstallCommand.class) return type.cast(new InstallCommand(context));
      if (type == UninstallCommand.class) return type.cast(new UninstallCommand(context));
      if (type == CompletionCommand.class) return type.cast(new CompletionCommand(context));
      return CommandLine.defaultFactory().create(type);
    }
  }

  /**
   * The version and the commit it was built from. The version is the module's own in a runtime
   * image or on the module path (an image has no jar manifest), else the jar manifest's; the commit
   * is the one the build wrote into {@code build.properties} ({@code -dirty} when the checkout had
   * changes).
   */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      Module module = RalphResumeCli.class.getModule();
      String version =
          module.isNamed() && module.getDescriptor().rawVersion().isPresent()
              ? module.getDescriptor().rawVersion().get()
              : RalphResumeCli.class.getPackage().getImplementationVersion();
      return new String[] {
        "ralph-resume "
            + (version == null ? "(development build)" : version)
            + " (commit "
            + commit()
            + ")"
      };
    }

    private static String commit() {
      Properties build = new Properties();
      try (InputStream in = RalphResumeCli.class.getResourceAsStream("build.properties")) {
        if (in != null) build.load(in);
      } catch (IOException unreadable) {
        return "unknown";
      }
      String commit = build.getProperty("commit", "").trim();
      return commit.isEmpty() ? "unknown" : commit;
    }
  }
}
