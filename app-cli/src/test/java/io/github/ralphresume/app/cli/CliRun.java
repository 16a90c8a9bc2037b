package io.github.ralphresume.app.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Runs the real command tree in-process with its own environment, stdin and captured output. */
final class CliRun {
  final Map<String, String> env = new HashMap<>();
  byte[] stdin = new byte[0];
  int status;
  String out;
  String err;

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
    status = RalphResumeCli.run(context, args);
    out = outBytes.toString(StandardCharsets.UTF_8);
    err = errBytes.toString(StandardCharsets.UTF_8);
    return this;
  }
}
