package io.github.ralphresume.app.cli;

import java.util.concurrent.Callable;

/**
 * {@code ralph-resume}: keeps a Ralph loop attached to the Codex session that resumes it.
 *
 * <p>Codex starts a JVM for every hook, so start-up is most of a turn's cost: the command lines a
 * hook runs are read by {@link PlainCommandLine}, everything else by picocli ({@link
 * RalphResumeCli}); both run the same command objects under the same error policy.
 */
public final class Main {
  private Main() {}

  /**
   * Runs the command line and exits with its status.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    if (args.length == 1 && args[0].equals(CdsTraining.ARGUMENT)) {
      // The launcher records its class-data archive from this workload (bin/ralph-resume).
      System.exit(CdsTraining.run());
    }
    System.exit(run(CliContext.ofProcess(), args));
  }

  /** The exit status of one command line. */
  static int run(CliContext context, String... args) {
    Callable<Integer> plain = PlainCommandLine.parse(context, args);
    return plain != null
        ? RalphResumeCli.call(context, plain, args)
        : RalphResumeCli.run(context, args);
  }
}
