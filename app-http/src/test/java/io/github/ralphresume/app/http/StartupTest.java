package io.github.ralphresume.app.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ralphresume.adapters.fs.IndexedRalphStateStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line, the start-up line and the token file, through {@link HttpMain#launch}. */
class StartupTest {
  @TempDir Path root;

  final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

  Path project() throws IOException {
    Files.createDirectories(root.resolve(".omx/state/sessions"));
    return root;
  }

  HttpApplication launch(Map<String, String> environment, String... args) {
    return HttpMain.launch(args, environment, out).orElseThrow();
  }

  String printed() {
    return printed.toString(StandardCharsets.UTF_8);
  }

  @Test
  void givenProject_launch_printsOneLineWithTheAddressAndTheTokenFileButNotTheToken()
      throws Exception {
    HttpApplication application =
        launch(Map.of(), "--project", project().toString(), "--port", "0");
    try {
      Path tokenFile = root.resolve(".omx").resolve(ApiToken.DEFAULT_FILE_NAME);
      String token = Files.readString(tokenFile).strip();
      String line = printed();

      assertEquals(1, line.lines().count(), line);
      Matcher address =
          Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+) ").matcher(line);
      assertTrue(address.find(), line);
      assertTrue(line.contains("token in " + tokenFile + " (created, mode 0600)"), line);
      assertFalse(line.contains(token), "never the token itself");
      assertEquals(
          "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile)));
      HttpResponse<String> sessions =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(address.group(1) + "/v1/sessions"))
                      .header("Authorization", "Bearer " + token)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(200, sessions.statusCode(), sessions.body());
    } finally {
      application.stop();
    }
  }

  @Test
  void givenTokenInTheEnvironment_launch_createsNoFileAndSaysWhereTheTokenIs() throws Exception {
    HttpApplication application =
        launch(
            Map.of(ApiToken.VARIABLE, "env-token-0123456789abcdef"),
            "--state-dir",
            project().resolve(".omx/state").toString(),
            "--port",
            "0");
    try {
      assertTrue(printed().contains("token from $" + ApiToken.VARIABLE), printed());
      assertFalse(Files.exists(root.resolve(".omx").resolve(ApiToken.DEFAULT_FILE_NAME)));
    } finally {
      application.stop();
    }
  }

  @Test
  void givenHelp_launch_printsUsageAndStartsNothing() {
    Optional<HttpApplication> started = HttpMain.launch(new String[] {"--help"}, Map.of(), out);

    assertTrue(started.isEmpty());
    assertTrue(printed().contains("--state-dir"), printed());
    assertTrue(printed().contains("--allow-non-loopback"), printed());
  }

  UsageException refused(String... args) {
    return assertThrows(UsageException.class, () -> launch(Map.of(), args));
  }

  @Test
  void givenStateDirIsASymlink_launch_refusesWithOneLine() throws IOException {
    Path link = root.resolve("state-link");
    Files.createSymbolicLink(link, project().resolve(".omx/state"));

    UsageException refusal = refused("--state-dir", link.toString());

    assertTrue(refusal.getMessage().contains("is a symbolic link"), refusal.getMessage());
    assertFalse(refusal.getMessage().contains("\n"));
  }

  @Test
  void givenProjectWhoseOmxDirIsASymlink_launch_refusesToKeepTheTokenThere() throws IOException {
    Path elsewhere = Files.createDirectories(root.resolve("elsewhere/state/sessions")).getParent();
    Path project = Files.createDirectory(root.resolve("project"));
    Files.createSymbolicLink(project.resolve(".omx"), elsewhere.getParent());

    UsageException refusal = refused("--project", project.toString(), "--port", "0");

    assertTrue(refusal.getMessage().contains("symbolic link"), refusal.getMessage());
    assertTrue(refusal.getMessage().contains(ApiToken.VARIABLE), "says what to do instead");
    assertFalse(refusal.getMessage().contains("\n"));
    assertFalse(
        Files.exists(elsewhere.getParent().resolve(ApiToken.DEFAULT_FILE_NAME)),
        "no token written through the link");
  }

  @Test
  void givenMissingStateDir_launch_refuses() {
    assertTrue(
        refused("--project", root.resolve("nowhere").toString())
            .getMessage()
            .contains("does not exist"));
    assertTrue(
        refused("--state-dir", root.resolve("nowhere").toString())
            .getMessage()
            .contains("does not exist"));
  }

  @Test
  void givenStateDirIsAFile_launch_refuses() throws IOException {
    Path file = Files.writeString(root.resolve("file"), "");

    assertTrue(refused("--state-dir", file.toString()).getMessage().contains("not a directory"));
  }

  @Test
  void givenBothOrNeitherDirectory_launch_refuses() throws IOException {
    String project = project().toString();

    assertTrue(refused().getMessage().contains("exactly one of"));
    assertTrue(
        refused("--project", project, "--state-dir", project + "/.omx/state")
            .getMessage()
            .contains("exactly one of"));
  }

  @Test
  void givenNonLoopbackBindWithoutTheFlag_launch_refuses() throws IOException {
    String project = project().toString();

    UsageException refusal = refused("--project", project, "--bind", "0.0.0.0");

    assertTrue(refusal.getMessage().contains("--allow-non-loopback"), refusal.getMessage());
  }

  @Test
  void givenNonLoopbackBindWithTheFlag_options_acceptIt() throws IOException {
    HttpOptions options =
        HttpOptions.parse(
                new String[] {
                  "--project", project().toString(), "--bind", "0.0.0.0", "--allow-non-loopback"
                },
                out)
            .orElseThrow();

    assertTrue(options.bindAddress().isAnyLocalAddress());
  }

  @Test
  void givenNoIndex_launch_startsWithoutTheWarmIndex() throws IOException {
    HttpApplication withIndex = launch(Map.of(), "--project", project().toString(), "--port", "0");
    HttpApplication without;
    try {
      without = launch(Map.of(), "--project", project().toString(), "--port", "0", "--no-index");
      try {
        assertTrue(
            withIndex.index().isPresent() || !IndexedRalphStateStore.supported(), "on by default");
        assertTrue(without.index().isEmpty(), "--no-index");
      } finally {
        without.stop();
      }
    } finally {
      withIndex.stop();
    }
    assertTrue(withIndex.index().isEmpty(), "stopped with the service");
  }

  @Test
  void givenBadPortOrUnknownOption_launch_refuses() throws IOException {
    String project = project().toString();

    assertTrue(refused("--project", project, "--port", "70000").getMessage().contains("0-65535"));
    assertTrue(refused("--project", project, "--port", "x").getMessage().contains("--port"));
    assertTrue(refused("--project", project, "--tokn-file", "x").getMessage().contains("tokn"));
  }

  @Test
  void givenTokenFileOption_launch_usesThatFile() throws IOException {
    Path tokenFile = root.resolve("elsewhere.token");
    HttpApplication application =
        launch(
            Map.of(),
            "--project",
            project().toString(),
            "--port",
            "0",
            "--token-file",
            tokenFile.toString());
    try {
      assertTrue(Files.exists(tokenFile));
      assertTrue(printed().contains("token in " + tokenFile), printed());
    } finally {
      application.stop();
    }
  }
}
