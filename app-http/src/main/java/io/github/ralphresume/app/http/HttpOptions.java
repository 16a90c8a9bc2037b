package io.github.ralphresume.app.http;

import io.github.ralphresume.adapters.fs.StateDirectory;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command line, checked and turned into typed values once.
 *
 * @param stateDir the state dir, an existing directory that is not a link
 * @param bindAddress loopback unless {@code --allow-non-loopback} was given
 * @param port the port, 0 for any free one
 * @param tokenFile where the token is kept when {@code RALPH_RESUME_HTTP_TOKEN} is not set
 * @param warmIndex whether reconciles may use the warm index ({@code --no-index} turns it off)
 */
record HttpOptions(
    Path stateDir, InetAddress bindAddress, int port, Path tokenFile, boolean warmIndex) {
  static final int DEFAULT_PORT = 8765;

  /** The options as picocli reads them, before any check. */
  @Command(
      name = "ralph-resume-http",
      sortOptions = false,
      description = {
        "Serves reconcile and inspection of one OMX state dir over loopback HTTP.",
        "Every /v1 request needs Authorization: Bearer <token>; the token is",
        "$" + ApiToken.VARIABLE + ", else the token file (created, mode 0600, at first start).",
        "",
        "Example:",
        "  ralph-resume-http --project . --port " + DEFAULT_PORT
      })
  static final class Arguments {
    @Option(
        names = "--state-dir",
        paramLabel = "DIR",
        description = "The OMX state dir, usually <project>/.omx/state.")
    String stateDir;

    @Option(
        names = "--project",
        paramLabel = "DIR",
        description = "A project directory: serves DIR/.omx/state.")
    String project;

    @Option(
        names = "--port",
        paramLabel = "PORT",
        defaultValue = "" + DEFAULT_PORT,
        description = "The TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(
        names = "--bind",
        paramLabel = "ADDR",
        defaultValue = "127.0.0.1",
        description = "The address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(
        names = "--allow-non-loopback",
        description = "Allow --bind to name an address other hosts can reach (plain HTTP!).")
    boolean allowNonLoopback;

    @Option(
        names = "--token-file",
        paramLabel = "FILE",
        description =
            "The token file (default: "
                + ApiToken.DEFAULT_FILE_NAME
                + " in the state dir's parent, i.e. in .omx).")
    String tokenFile;

    @Option(
        names = "--no-index",
        description =
            "Read every session on every reconcile instead of keeping a warm index of"
                + " the sessions dir (e.g. on a network file system, whose changes inotify misses).")
    boolean noIndex;

    @Option(
        names = {"-h", "--help"},
        usageHelp = true,
        description = "Show this help.")
    boolean help;
  }

  /**
   * Reads {@code args}; prints the help to {@code out} and returns empty when it was asked for.
   *
   * @throws UsageException for anything wrong, with a one-line message
   */
  static Optional<HttpOptions> parse(String[] args, PrintStream out) {
    Arguments arguments = new Arguments();
    CommandLine commandLine = new CommandLine(arguments);
    try {
      commandLine.parseArgs(args);
    } catch (CommandLine.ParameterException wrong) {
      throw new UsageException(wrong.getMessage() + " (see --help)");
    }
    if (arguments.help) {
      commandLine.usage(new PrintWriter(out, true, StandardCharsets.UTF_8));
      return Optional.empty();
    }
    return Optional.of(check(arguments));
  }

  private static HttpOptions check(Arguments arguments) {
    if ((arguments.stateDir == null) == (arguments.project == null)) {
      throw new UsageException("give exactly one of --state-dir DIR and --project DIR");
    }
    Path stateDir =
        arguments.stateDir != null
            ? stateDir(arguments.stateDir, "")
            : stateDir(
                arguments.project + "/.omx/state", " (from --project " + arguments.project + ")");
    if (arguments.port < 0 || arguments.port > 65_535) {
      throw new UsageException("--port must be 0-65535, not " + arguments.port);
    }
    InetAddress bind = bindAddress(arguments.bind, arguments.allowNonLoopback);
    Path tokenFile =
        arguments.tokenFile != null
            ? path(arguments.tokenFile, "--token-file")
            : besideThe(stateDir);
    return new HttpOptions(stateDir, bind, arguments.port, tokenFile, !arguments.noIndex);
  }

  /** {@code <stateDir>/../ralph-resume-http.token}: in {@code .omx}, out of OMX's state. */
  private static Path besideThe(Path stateDir) {
    Path absolute = stateDir.toAbsolutePath().normalize();
    Path parent = absolute.getParent() != null ? absolute.getParent() : absolute;
    return parent.resolve(ApiToken.DEFAULT_FILE_NAME);
  }

  /** The state dir, checked by the rule both apps share; a usage error otherwise. */
  static Path stateDir(String text, String from) {
    try {
      return StateDirectory.validate(text, from);
    } catch (StateDirectory.InvalidException invalid) {
      throw new UsageException(invalid.getMessage());
    }
  }

  private static Path path(String text, String what) {
    try {
      return Path.of(text);
    } catch (InvalidPathException invalid) {
      throw new UsageException(what + " \"" + text + "\" is not a valid path");
    }
  }

  private static InetAddress bindAddress(String text, boolean allowNonLoopback) {
    InetAddress address;
    try {
      address = InetAddress.getByName(text);
    } catch (UnknownHostException unknown) {
      throw new UsageException("--bind " + text + " is not an address of this host");
    }
    if (!address.isLoopbackAddress() && !allowNonLoopback) {
      throw new UsageException(
          "refusing --bind "
              + text
              + ": not a loopback address, so other hosts could reach the"
              + " service over plain HTTP; add --allow-non-loopback if that is what you want");
    }
    return address;
  }
}
