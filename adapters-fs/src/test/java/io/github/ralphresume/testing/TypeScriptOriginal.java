package io.github.ralphresume.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The runnable TypeScript original ({@code ../shared/reference/ralph-resume-reference} and the
 * module its {@code setup.sh} builds), as a child process with a clean environment. CI runs {@code
 * setup.sh} before the build, so there the tests using it always run; locally they are skipped only
 * while the reference has not been built. {@code RALPH_REFERENCE_BIN} and {@code
 * RALPH_REFERENCE_MODULE} override the locations.
 */
public record TypeScriptOriginal(Path bin) {
  /** A finished run: its exit status and what it printed. */
  public record Result(int status, String out, String err) {}

  /** {@return the built original, or the calling test skipped while it is not built} */
  public static TypeScriptOriginal locate() {
    Path bin = binary();
    assumeTrue(
        bin != null && Files.isRegularFile(bin),
        "the TypeScript reference is not built here (run shared/reference/setup.sh; CI does)");
    Path module = module();
    assumeTrue(
        Files.isRegularFile(module),
        "the TypeScript reference module is missing at "
            + module
            + " (run shared/reference/setup.sh; CI does)");
    return new TypeScriptOriginal(bin);
  }

  private static Path binary() {
    String explicit = System.getenv("RALPH_REFERENCE_BIN");
    if (explicit != null && !explicit.isBlank()) return Path.of(explicit);
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("reference").resolve("ralph-resume-reference");
      if (Files.isRegularFile(candidate)) return candidate;
    }
    return null;
  }

  /** Where ralph-resume-reference looks for the module setup.sh builds. */
  private static Path module() {
    String explicit = System.getenv("RALPH_REFERENCE_MODULE");
    if (explicit != null && !explicit.isBlank()) return Path.of(explicit);
    String home = System.getenv("RALPH_REFERENCE_HOME");
    if (home == null || home.isBlank()) {
      String cache = System.getenv("XDG_CACHE_HOME");
      if (cache == null || cache.isBlank()) {
        cache = Path.of(System.getProperty("user.home"), ".cache").toString();
      }
      home = Path.of(cache, "ralph-reference").toString();
    }
    return Path.of(
        home,
        "current",
        "package",
        "dist",
        "scripts",
        "notify-hook",
        "ralph-session-resume-seed.js");
  }

  /**
   * Runs {@code reconcile ... --json} with only PATH, HOME, the reference's own and {@code env}.
   */
  public Result reconcile(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(new ArrayList<>(List.of("node", bin.toString(), "reconcile")));
    builder.command().addAll(List.of(args));
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    builder.environment().put("HOME", System.getProperty("user.home"));
    for (String passed :
        List.of("RALPH_REFERENCE_HOME", "RALPH_REFERENCE_MODULE", "XDG_CACHE_HOME")) {
      String value = System.getenv(passed);
      if (value != null) builder.environment().put(passed, value);
    }
    builder.environment().putAll(env);
    Process process = builder.start();
    process.getOutputStream().close();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the original did not finish within 60 s");
    }
    return new Result(
        process.exitValue(),
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }
}
