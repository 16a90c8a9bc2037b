package io.github.ralphresume.app.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The CLI as a real child JVM, with a clean environment of our choosing: the shipped {@link Main},
 * or {@link CrashingCli} when the environment asks for a crash point.
 */
final class ChildCli {
  private ChildCli() {}

  record Result(int status, String out, String err) {}

  static ProcessBuilder builder(Map<String, String> env, String... args) {
    return builder(List.of(), env, args);
  }

  /** The CLI with extra JVM options (a smaller heap, say). */
  static ProcessBuilder builder(List<String> jvmOptions, Map<String, String> env, String... args) {
    boolean crashing =
        env.containsKey(CrashSwitch.HALT_VARIABLE) || env.containsKey(CrashSwitch.PAUSE_VARIABLE);
    return builder(crashing ? CrashingCli.class : Main.class, jvmOptions, env, args);
  }

  /** {@code main}'s command line as a child JVM on the test class path. */
  static ProcessBuilder builder(
      Class<?> main, List<String> jvmOptions, Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    command.add("-Xshare:auto");
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    builder.environment().putAll(env);
    return builder;
  }

  static Result run(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    return run(List.of(), env, args);
  }

  static Result run(List<String> jvmOptions, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    return run(builder(jvmOptions, env, args));
  }

  static Result run(ProcessBuilder builder) throws IOException, InterruptedException {
    Process process = builder.start();
    process.getOutputStream().close();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the CLI did not finish within 60 s");
    }
    return new Result(
        process.exitValue(),
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }
}
