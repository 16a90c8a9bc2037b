package io.github.ralphresume.app.http;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ralph-resume-http}: the local HTTP service over one state dir. Exit status 2 for bad
 * options, a bad state dir or token; 1 when the address cannot be bound; otherwise it runs until
 * SIGTERM or SIGINT, then stops gracefully.
 *
 * @since 0.1.0
 */
public final class HttpMain {
  static final int EXIT_FAILURE = 1;
  static final int EXIT_USAGE = 2;

  /** Read by java.util.logging and, when that module is absent, by the JDK's fallback logger. */
  static final List<String> LOG_FORMAT_PROPERTIES =
      List.of("java.util.logging.SimpleFormatter.format", "jdk.system.logger.format");

  /**
   * One line per record (a stack trace follows only for an unexpected failure): a service's log is
   * read line by line. java.util.logging's default spreads every record over two lines.
   */
  static final String LOG_FORMAT = "%1$tF %1$tT ralph-resume-http %4$s: %5$s%6$s%n";

  private HttpMain() {}

  /** Starts the service and returns; the server's threads keep the JVM alive until a signal. */
  public static void main(String[] args) {
    oneLineLogs();
    PrintStream out =
        new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    PrintStream err =
        new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    try {
      Optional<HttpApplication> started = launch(args, System.getenv(), out);
      started.ifPresent(
          application ->
              Runtime.getRuntime()
                  .addShutdownHook(
                      new Thread(
                          () -> {
                            application.stop();
                            err.println("ralph-resume-http: stopped");
                          },
                          "ralph-resume-http-stop")));
    } catch (UsageException usage) {
      err.println("ralph-resume-http: " + usage.getMessage());
      System.exit(EXIT_USAGE);
    } catch (UncheckedIOException cannotListen) {
      err.println("ralph-resume-http: error: " + cannotListen.getMessage());
      System.exit(EXIT_FAILURE);
    }
  }

  /** Before anything logs; an operator's own format or logging configuration wins. */
  static void oneLineLogs() {
    if (System.getProperty("java.util.logging.config.file") != null
        || System.getProperty("java.util.logging.config.class") != null) {
      return;
    }
    for (String property : LOG_FORMAT_PROPERTIES) {
      if (System.getProperty(property) == null) System.setProperty(property, LOG_FORMAT);
    }
  }

  /**
   * Parses the options, loads the token, starts the service and prints the one start-up line to
   * {@code out}: the address and where the token is, never the token.
   *
   * @return the running service, or empty when only the help was asked for
   */
  static Optional<HttpApplication> launch(
      String[] args, Map<String, String> environment, PrintStream out) {
    Optional<HttpOptions> parsed = HttpOptions.parse(args, out);
    if (parsed.isEmpty()) return Optional.empty();
    HttpOptions options = parsed.get();
    ApiToken.Loaded token = ApiToken.load(environment, options.tokenFile());
    HttpApplication application =
        new HttpApplication(
            HttpSettings.of(options.stateDir(), options.bindAddress(), token.token(), environment)
                .withWarmIndex(options.warmIndex()));
    InetSocketAddress address = application.start(options.port());
    out.println(
        "ralph-resume-http: listening on "
            + url(address)
            + (address.getAddress().isLoopbackAddress() ? "" : " (NOT loopback: plain HTTP)")
            + " for state dir "
            + options.stateDir()
            + "; token "
            + token.whereabouts());
    return Optional.of(application);
  }

  static String url(InetSocketAddress address) {
    String host = address.getAddress().getHostAddress();
    if (address.getAddress() instanceof Inet6Address) host = "[" + host + "]";
    return "http://" + host + ":" + address.getPort();
  }
}
