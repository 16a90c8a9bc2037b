package io.github.ralphresume.app.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs the real command line ({@link Main#run}: the plain parser or picocli, as for a user)
 * in-process with its own environment, stdin and captured output.
 */
final class CliRun {
  final Map<String, String> env = new HashMap<>();
  byte[] stdin = new byte[0];
  int status;
  String out;
  String err;

  /** Inside OMX session {@code sess-current}, in tmux pane {@code %7}. */
  static CliRun inCurrentSession() {
    return new CliRun().env("OMX_SESSION_ID", "sess-current").env("TMUX_PANE", "%7");
  }

  CliRun env(String name, String value) {
    env.put(name, value);
    return this;
  }

  CliRun stdin(String text) {
    stdin = text.getBytes(StandardCharsets.UTF_8);
    return this;
  }

  CliRun run(String... args) {
    ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    CliContext context =
        new CliContext(
            Map.copyOf(env),
            new ByteArrayInputStream(stdin),
            new PrintStream(outBytes, true, StandardCharsets.UTF_8),
            new PrintStream(errBytes, true, StandardCharsets.UTF_8));
    status = Main.run(context, args);
    out = outBytes.toString(StandardCharsets.UTF_8);
    err = errBytes.toString(StandardCharsets.UTF_8);
    return this;
  }
}
