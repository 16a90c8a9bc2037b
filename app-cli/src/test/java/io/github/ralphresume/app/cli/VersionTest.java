package io.github.ralphresume.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * {@code ralph-resume --version}: the version and the commit the build wrote next to the classes.
 */
class VersionTest {
  @Test
  void version_namesTheCommitTheBuildRecorded() throws IOException {
    Properties build = new Properties();
    try (InputStream in = RalphResumeCli.class.getResourceAsStream("build.properties")) {
      assertTrue(in != null, "the build writes build.properties");
      build.load(in);
    }
    String commit = build.getProperty("commit");
    assertTrue(
        commit.equals("unknown") || commit.matches("[0-9a-f]{12}(-dirty)?"),
        "a commit id or unknown: " + commit);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    int status =
        Main.run(
            new CliContext(Map.of(), new ByteArrayInputStream(new byte[0]), print, print),
            "--version");

    assertEquals(0, status);
    // Tests run from target/classes: no jar manifest, no module version.
    assertEquals(
        "ralph-resume (development build) (commit " + commit + ")\n",
        out.toString(StandardCharsets.UTF_8));
  }
}
