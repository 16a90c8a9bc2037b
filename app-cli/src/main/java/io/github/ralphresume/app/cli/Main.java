package io.github.ralphresume.app.cli;

/** {@code ralph-resume}: keeps a Ralph loop attached to the Codex session that resumes it. */
public final class Main {
  private Main() {}

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    System.exit(RalphResumeCli.run(CliContext.ofProcess(), args));
  }
}
