package io.github.ralphresume.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's training run ({@code --cds-training}) runs every hook path in a real child JVM: it
 * must succeed, print nothing on stdout (the launcher discards it, but a user running it by hand
 * should see nothing odd either), and leave nothing behind: not in its temporary directory, not in
 * the directory it was started from.
 */
class CdsTrainingTest {
  @TempDir Path tmp;
  @TempDir Path workingDir;

  @Test
  void givenTrainingRun_itSucceedsQuietly_andLeavesNothingBehind() throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Djava.io.tmpdir=" + tmp,
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName(),
            CdsTraining.ARGUMENT);
    builder.directory(workingDir.toFile());
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Process process = builder.start();
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the training did not finish");
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

    assertEquals(0, process.exitValue(), err);
    assertEquals("", out);
    assertEquals("", err);
    assertEquals(List.of(), list(tmp), "left in the temporary directory");
    assertEquals(List.of(), list(workingDir), "left in the working directory");
  }

  private static List<Path> list(Path dir) throws Exception {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.toList();
    }
  }
}
