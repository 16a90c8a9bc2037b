package io.github.ralphresume.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packages as a user gets them: the tarball unpacked somewhere else, the .deb's files
 * extracted, each run with an environment that has no JDK (no java on PATH, a JAVA_HOME that does
 * not exist) and a HOME of its own.
 */
class DistIT {
  private static final Path DIST = Path.of(System.getProperty("ralph.dist.dir"));
  private static final String VERSION = System.getProperty("ralph.dist.version");
  private static final Path ROOT = Path.of(System.getProperty("ralph.root")).normalize();
  private static final String NAME = "ralph-resume-" + VERSION;
  private static final String EXPECTED =
      "{\"currentOmxSessionId\":\"sess-current\",\"resumed\":false,\"updatedCurrentOwner\":false,"
          + "\"reason\":\"no_matching_prior_ralph\"}\n";

  @TempDir Path root;
  private Path home;
  private Path stateDir;

  @BeforeEach
  void setUp() throws IOException {
    home = Files.createDirectories(root.resolve("home"));
    stateDir = root.resolve("project").resolve(".omx").resolve("state");
    Files.createDirectories(stateDir.resolve("sessions").resolve("sess-current"));
    Path prior = Files.createDirectories(stateDir.resolve("sessions").resolve("sess-prior"));
    // Another conversation's loop that names this one (codex-1) in its task: the scan skips a
    // document only when its bytes cannot match, so this one is parsed, and the runs below take
    // the JSON reader's path, not only the byte check.
    Files.writeString(
        prior.resolve("ralph-state.json"),
        "{\n  \"active\": true,\n  \"current_phase\": \"executing\",\n"
            + "  \"task_description\": \"review what codex-1 did\",\n"
            + "  \"owner_codex_session_id\": \"codex-other\"\n}");
  }

  @Test
  void tarball_hasOneTopDirectory_andOnlyTheTwoCommandsInBin() throws Exception {
    Path tarball = DIST.resolve(NAME + "-linux-x64.tar.gz");
    Run list = run(List.of("tar", "-tzf", tarball.toString()), Map.of());
    Set<String> tops = new TreeSet<>();
    Set<String> bin = new TreeSet<>();
    for (String entry : list.out().split("\n")) {
      tops.add(entry.split("/")[0]);
      if (entry.startsWith(NAME + "/bin/") && !entry.equals(NAME + "/bin/")) bin.add(entry);
    }
    assertEquals(Set.of(NAME), tops);
    // bin/ goes on PATH: the runtime's own java must not come with it.
    assertEquals(Set.of(NAME + "/bin/ralph-resume", NAME + "/bin/ralph-resume-http"), bin);
    assertTrue(list.out().contains(NAME + "/LICENSE\n"), "the license travels with the tool");
  }

  @Test
  void tarball_unpackedAnywhere_runsWithoutAJdk_fromItsBuiltInArchive_andCachesNothing()
      throws Exception {
    Path unpacked = unpack(root.resolve("a dir with spaces"));
    Path classLog = root.resolve("classes.log");

    Run first =
        cli(
            unpacked.resolve("bin").resolve("ralph-resume"),
            Map.of(
                "RALPH_RESUME_JAVA_OPTS",
                "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xlog:class+load=info:file=" + classLog),
            "reconcile",
            "--state-dir",
            stateDir.toString(),
            "--codex-session-id",
            "codex-1",
            "--json");

    assertEquals(EXPECTED, first.out());
    assertEquals("", first.err());
    assertEquals(0, first.status());
    // The very first run maps the classes a hook needs, the JDK's and ours, from the archive.
    String log = Files.readString(classLog);
    for (String archived :
        List.of(
            "java.lang.Object",
            "io.github.ralphresume.app.cli.ReconcileCommand",
            "io.github.ralphresume.adapters.fs.FileRalphStateStore",
            "io.github.ralphresume.domain.usecase.ReconcileRalphResume",
            "com.fasterxml.jackson.core.JsonFactory")) {
      assertTrue(
          log.contains(archived + " source: shared objects file"), archived + " is not archived");
    }
    assertFalse(log.contains("source: jrt:/io.github.ralphresume"), "a class of ours was not");
    // Nothing recorded, nothing cached.
    try (Stream<Path> files = Files.walk(home)) {
      assertEquals(List.of(home), files.toList());
    }
  }

  @Test
  void tarball_mapsItsArchive_evenWhereSharingIsRequired() throws Exception {
    // -Xshare:on makes a JVM that cannot map its archive fail instead of going on without it.
    Path unpacked = unpack(root.resolve("unpacked"));
    Run run =
        cli(
            unpacked.resolve("bin").resolve("ralph-resume"),
            Map.of(
                "RALPH_RESUME_JAVA_OPTS",
                "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:on -XX:-UsePerfData"),
            "reconcile",
            "--state-dir",
            stateDir.toString(),
            "--codex-session-id",
            "codex-1",
            "--json");
    assertEquals(EXPECTED, run.out());
    assertEquals(0, run.status(), run.err());
  }

  @Test
  void version_printsTheVersionAndTheCommitItWasBuiltFrom() throws Exception {
    Path unpacked = unpack(root.resolve("unpacked"));
    Run version = cli(unpacked.resolve("bin").resolve("ralph-resume"), Map.of(), "--version");
    assertEquals(0, version.status());
    assertEquals("ralph-resume " + VERSION + " (commit " + commit() + ")\n", version.out());
  }

  @Test
  void throughASymlinkElsewhere_itFindsItsRuntime_andNamesItsRealPathAsTheLauncher()
      throws Exception {
    Path unpacked = unpack(root.resolve("opt"));
    Path onPath = Files.createDirectories(root.resolve("usr-bin"));
    Path link = onPath.resolve("ralph-resume");
    Files.createSymbolicLink(link, unpacked.resolve("bin").resolve("ralph-resume"));

    Run run =
        cli(
            link,
            Map.of(
                "RALPH_RESUME_JAVA_OPTS",
                "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XshowSettings:properties"),
            "reconcile",
            "--state-dir",
            stateDir.toString(),
            "--codex-session-id",
            "codex-1",
            "--json");
    assertEquals(EXPECTED, run.out());
    // What `install codex` writes into the hooks: the script itself, not the link to it.
    String launcher = unpacked.resolve("bin").resolve("ralph-resume").toRealPath().toString();
    assertTrue(run.err().contains("ralph.resume.launcher = " + launcher + "\n"), run.err());
  }

  @Test
  void image_holdsOnlyTheModulesTheCliAndTheServiceNeed() throws Exception {
    Path unpacked = unpack(root.resolve("unpacked"));
    Run modules =
        run(List.of(unpacked.resolve("runtime/bin/java").toString(), "--list-modules"), Map.of());
    Set<String> names =
        Arrays.stream(modules.out().split("\n"))
            .map(line -> line.split("@")[0])
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(
        new TreeSet<>(
            List.of(
                "java.base",
                "java.logging",
                "java.management",
                "com.fasterxml.jackson.core",
                "com.sun.jna",
                "info.picocli",
                "io.github.ralphresume.domain",
                "io.github.ralphresume.adapters.fs",
                "io.github.ralphresume.adapters.tmux",
                "io.github.ralphresume.app.cli",
                "io.github.ralphresume.app.http")),
        names);
  }

  @Test
  void service_startsFromTheImage_answersHealthz_andStopsOnSigterm() throws Exception {
    Path unpacked = unpack(root.resolve("unpacked"));
    ProcessBuilder builder =
        builder(
            List.of(
                unpacked.resolve("bin").resolve("ralph-resume-http").toString(),
                "--state-dir",
                stateDir.toString(),
                "--port",
                "0"),
            Map.of("RALPH_RESUME_HTTP_TOKEN", "dist-test-token-0123456789abcdef"));
    builder.redirectError(root.resolve("http.err").toFile());
    Process service = builder.start();
    try {
      String line;
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(service.getInputStream(), StandardCharsets.UTF_8))) {
        line = out.readLine();
        assertTrue(
            line != null && line.startsWith("ralph-resume-http: listening on http://127.0.0.1:"),
            line + " / " + Files.readString(root.resolve("http.err")));
        String address = line.substring(line.indexOf("http://")).split(" ")[0];
        HttpURLConnection connection =
            (HttpURLConnection) new URL(address + "/healthz").openConnection();
        assertEquals(200, connection.getResponseCode());
        connection.disconnect();
        service.destroy(); // SIGTERM
        assertTrue(service.waitFor(30, TimeUnit.SECONDS), "the service did not stop");
      }
      assertTrue(Files.readString(root.resolve("http.err")).contains("ralph-resume-http: stopped"));
    } finally {
      service.destroyForcibly();
    }
  }

  @Test
  void deb_installsUnderOpt_withTheCommandsOnPath_andItsTreeRunsWhereverItIs() throws Exception {
    Path deb = DIST.resolve("ralph-resume_" + VERSION.replace('-', '~') + "_amd64.deb");
    // A build host without dpkg-deb makes no .deb (and says so); CI builds on Debian.
    assumeTrue(onPath("dpkg-deb"), "no dpkg-deb on this host");
    assertTrue(Files.isRegularFile(deb), deb + " was not built");
    Run fields = run(List.of("dpkg-deb", "--field", deb.toString()), Map.of());
    assertTrue(fields.out().contains("Package: ralph-resume\n"), fields.out());
    assertTrue(fields.out().contains("Version: " + VERSION.replace('-', '~') + "\n"), fields.out());
    assertTrue(fields.out().contains("Architecture: amd64\n"), fields.out());
    assertTrue(fields.out().contains("Depends: libc6"), fields.out());

    Run contents = run(List.of("dpkg-deb", "--contents", deb.toString()), Map.of());
    assertTrue(
        contents.out().contains("./usr/bin/ralph-resume -> /opt/ralph-resume/bin/ralph-resume\n"),
        contents.out());
    assertTrue(
        contents
            .out()
            .contains("./usr/bin/ralph-resume-http -> /opt/ralph-resume/bin/ralph-resume-http\n"),
        contents.out());
    assertTrue(contents.out().contains(" ./opt/ralph-resume/runtime/lib/server/classes.jsa\n"));
    assertTrue(contents.out().contains(" ./opt/ralph-resume/LICENSE\n"), contents.out());

    Path extracted = root.resolve("deb");
    run(List.of("dpkg-deb", "--extract", deb.toString(), extracted.toString()), Map.of());
    Run run =
        cli(
            extracted.resolve("opt/ralph-resume/bin/ralph-resume"),
            Map.of(),
            "reconcile",
            "--state-dir",
            stateDir.toString(),
            "--codex-session-id",
            "codex-1",
            "--json");
    assertEquals(EXPECTED, run.out());
    assertEquals("", run.err());
  }

  private Path unpack(Path into) throws IOException, InterruptedException {
    Files.createDirectories(into);
    Path tarball = DIST.resolve(NAME + "-linux-x64.tar.gz");
    run(List.of("tar", "-xzf", tarball.toString(), "-C", into.toString()), Map.of());
    return into.resolve(NAME);
  }

  private Run cli(Path launcher, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(launcher.toString());
    command.addAll(List.of(args));
    Map<String, String> environment = new HashMap<>(env);
    environment.put("OMX_SESSION_ID", "sess-current");
    return run(command, environment);
  }

  /** A clean environment without a JDK: no java on PATH, a JAVA_HOME that does not exist. */
  private ProcessBuilder builder(List<String> command, Map<String, String> env) {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().put("PATH", root.resolve("no-such-bin").toString());
    builder.environment().put("JAVA_HOME", root.resolve("no-such-jdk").toString());
    builder.environment().put("HOME", home.toString());
    builder.environment().putAll(env);
    builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    return builder;
  }

  private Run run(List<String> command, Map<String, String> env)
      throws IOException, InterruptedException {
    ProcessBuilder builder = builder(command, env);
    if (!command.get(0).startsWith("/")) {
      // Tools of the test itself (tar, dpkg-deb, git) come from the real PATH.
      builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    }
    Path out = Files.createTempFile(root, "out", ".txt");
    Path err = Files.createTempFile(root, "err", ".txt");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process process = builder.start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(command + " did not finish within 120 s");
    }
    Run run =
        new Run(
            process.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
    if (!command.get(0).startsWith("/") && run.status() != 0) {
      throw new AssertionError(command + " failed: " + run.err());
    }
    return run;
  }

  /** The commit as the build wrote it (git describe, as app-cli's build runs it). */
  private String commit() throws IOException, InterruptedException {
    if (!onPath("git")) return "unknown";
    ProcessBuilder git =
        new ProcessBuilder(
                "git",
                "-C",
                ROOT.toString(),
                "describe",
                "--always",
                "--dirty",
                "--abbrev=12",
                "--match=no-tags")
            .redirectErrorStream(true);
    Process process = git.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return process.waitFor() == 0 ? out.trim() : "unknown";
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) return true;
    }
    return false;
  }

  record Run(int status, String out, String err) {}
}
