package io.github.ralphresume.app.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What a command may touch of the outside world, passed in so tests run the real commands
 * in-process with their own environment and streams: the environment, the standard streams, and the
 * composition that makes the reconcile's adapters.
 */
record CliContext(
    Map<String, String> environment,
    InputStream in,
    PrintStream out,
    PrintStream err,
    Composition composition) {

  /** The file adapters' composition, with these streams. */
  CliContext(Map<String, String> environment, InputStream in, PrintStream out, PrintStream err) {
    this(environment, in, out, err, Composition.FILES);
  }

  /** The process's own environment and streams; output is UTF-8 whatever the locale says. */
  static CliContext ofProcess() {
    return new CliContext(
        System.getenv(),
        System.in,
        new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8),
        new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
  }

  /** One line on stderr about something the user may want to fix; the command goes on. */
  void warn(String problem) {
    err.println("ralph-resume: warning: " + problem);
  }
}
