package io.github.ralphresume.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/ralph-resume} with real processes: its class-data archive must never touch stdout,
 * fail a run, or be used for another build. The launcher runs from a copy of the checkout's layout
 * ({@code bin/}, {@code app-cli/target/ralph-resume.jar}, {@code lib/}) assembled from this build's
 * classes, with its own cache dir.
 */
class LauncherTest {
  private static final String EXPECTED =
      "{\"currentOmxSessionId\":\"sess-current\",\"resumed\":false,\"updatedCurrentOwner\":false,"
          + "\"reason\":\"no_matching_prior_ralph\"}\n";
  private static final Pattern DECISION =
      Pattern.compile("ralph-resume: launcher: (\\w+) ([^\\s:]+)");

  @TempDir Path root;
  private Path checkout;
  private Path cache;
  private Path stateDir;

  @BeforeEach
  void setUp() throws IOException {
    checkout = root.resolve("checkout");
    cache = root.resolve("cache");
    Path bin = Files.createDirectories(checkout.resolve("bin"));
    Files.copy(launcherScript(), bin.resolve("ralph-resume"));
    assertTrue(bin.resolve("ralph-resume").toFile().setExecutable(true));
    assembleJar("");

    stateDir = root.resolve("project").resolve(".omx").resolve("state");
    Files.createDirectories(stateDir.resolve("sessions").resolve("sess-current"));
    Path prior = Files.createDirectories(stateDir.resolve("sessions").resolve("sess-prior"));
    Files.writeString(
        prior.resolve("ralph-state.json"),
        "{\n  \"active\": true,\n  \"current_phase\": \"executing\",\n"
            + "  \"owner_codex_session_id\": \"codex-other\"\n}");
  }

  @Test
  void givenNoArchive_firstRunCreatesIt_andBothRunsPrintOnlyTheJsonLine() throws Exception {
    Run first = reconcile();
    assertEquals(EXPECTED, first.out());
    // Recorded from the training run, then used by this very run.
    assertEquals(List.of("creating", "using"), first.decisions());
    assertTrue(Files.size(first.archive()) > 0);
    assertOnlyLauncherLines(first.err());

    Run second = reconcile();
    assertEquals(EXPECTED, second.out());
    assertEquals(List.of("using"), second.decisions());
    assertEquals(first.archive(), second.archive());
    assertOnlyLauncherLines(second.err());
  }

  @Test
  void givenTheArchive_theJvmMapsItsClasses() throws Exception {
    Path archive = reconcile().archive();
    Path classLog = root.resolve("classes.log");
    Run run =
        launch(
            Map.of(
                "RALPH_RESUME_JAVA_OPTS",
                "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xlog:class+load=info:file=" + classLog),
            "reconcile",
            "--state-dir",
            stateDir.toString(),
            "--codex-session-id",
            "codex-1",
            "--json");
    assertEquals(EXPECTED, run.out());
    assertEquals(archive, run.archive());
    String log = Files.readString(classLog);
    assertTrue(
        log.contains("io.github.ralphresume.app.cli.ReconcileCommand source: shared objects file"),
        "the command's classes come from the archive");
  }

  @Test
  void givenTheArchiveFromARunWithoutALoop_aLaterTransfer_mapsItsClassesToo() throws Exception {
    // The first run finds no loop; the archive still holds what a transfer loads, because it is
    // recorded from the training run, not from that first run.
    reconcile();
    Path classLog = root.resolve("classes.log");
    Run transfer =
        launch(
            Map.of(
                "RALPH_RESUME_JAVA_OPTS",
                "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xlog:class+load=info:file=" + classLog),
            "reconcile",
            "--state-dir",
            stateDir.toString(),
            "--codex-session-id",
            "codex-other",
            "--json");

    assertTrue(
        transfer.out().contains("\"reason\":\"resumed_same_codex_session\""), transfer.out());
    String log = Files.readString(classLog);
    for (String loadedOnlyByATransfer :
        List.of(
            "io.github.ralphresume.adapters.fs.FileTransferJournal",
            "io.github.ralphresume.domain.model.Transfer",
            "io.github.ralphresume.domain.model.JournalEntry")) {
      assertTrue(
          log.contains(loadedOnlyByATransfer + " source: shared objects file"),
          loadedOnlyByATransfer + " is not mapped from the archive");
    }
  }

  @Test
  void givenATruncatedArchive_theRunSucceeds_printsTheSame_andMakesANewOne() throws Exception {
    Path archive = reconcile().archive();
    FileTime modified = Files.getLastModifiedTime(archive);
    archive.toFile().setWritable(true);
    try (RandomAccessFile file = new RandomAccessFile(archive.toFile(), "rw")) {
      file.setLength(file.length() / 2);
    }
    Files.setLastModifiedTime(archive, modified); // only the ctime still tells

    Run damaged = reconcile();
    assertEquals(EXPECTED, damaged.out());
    assertEquals(0, damaged.status());
    assertTrue(damaged.err().contains("discarding " + archive), damaged.err());
    assertEquals(List.of("discarding", "creating", "using"), damaged.decisions());

    Run after = reconcile();
    assertEquals(EXPECTED, after.out());
    assertEquals(List.of("using"), after.decisions());
  }

  @Test
  void givenAnotherBuild_itsArchiveIsNeverUsed() throws Exception {
    Path archiveOfA = reconcile().archive();

    assembleJar("another build");
    Run firstOfB = reconcile();
    assertEquals(EXPECTED, firstOfB.out());
    assertEquals(List.of("creating", "using"), firstOfB.decisions());
    assertNotEquals(archiveOfA, firstOfB.archive());

    // Even put in its place, build A's archive is not taken for B's.
    Path archiveOfB = firstOfB.archive();
    Path copy = Files.copy(archiveOfA, root.resolve("copy.jsa"));
    Files.move(copy, archiveOfB, StandardCopyOption.REPLACE_EXISTING);
    Run swapped = reconcile();
    assertEquals(EXPECTED, swapped.out());
    assertTrue(swapped.err().contains("discarding " + archiveOfB), swapped.err());
    assertEquals(List.of("discarding", "creating", "using"), swapped.decisions());
  }

  @Test
  void givenCdsOff_noArchiveIsWritten() throws Exception {
    Run run =
        launch(
            Map.of("RALPH_RESUME_CDS", "off"),
            "reconcile",
            "--state-dir",
            stateDir.toString(),
            "--codex-session-id",
            "codex-1",
            "--json");
    assertEquals(EXPECTED, run.out());
    assertFalse(Files.exists(cache.resolve("cds")));
  }

  @Test
  void givenATrainingRunThatFails_theCommandStillRuns_andTrainingIsNotRetriedEveryTurn()
      throws Exception {
    // A temp dir that does not exist: the training cannot make its throwaway state dir.
    Run failed =
        launch(
            Map.of(
                "RALPH_RESUME_JAVA_OPTS",
                "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Djava.io.tmpdir="
                    + root.resolve("gone")),
            "reconcile",
            "--state-dir",
            stateDir.toString(),
            "--codex-session-id",
            "codex-1",
            "--json");
    assertEquals(EXPECTED, failed.out());
    assertEquals(0, failed.status());
    assertTrue(failed.err().contains("the training run failed"), failed.err());

    Run next = reconcile();
    assertEquals(EXPECTED, next.out());
    assertTrue(next.err().contains("failed less than an hour ago"), next.err());
    try (Stream<Path> files = Files.list(cache.resolve("cds"))) {
      List<String> names = files.map(f -> f.getFileName().toString()).toList();
      assertTrue(names.stream().noneMatch(n -> n.endsWith(".jsa")), names.toString());
      // What went wrong is kept for the user to read.
      Path why =
          cache
              .resolve("cds")
              .resolve(
                  names.stream().filter(n -> n.endsWith(".jsa.failed")).findFirst().orElseThrow());
      assertTrue(Files.readString(why).contains("training exited with status"));
    }
  }

  @Test
  void givenAlternatingTimeZonesAndLocales_theArchiveIsRecordedOnce_andUsedByEveryRun()
      throws Exception {
    // Hooks run with whatever TZ and locale their parent has. POSIX TZ strings need no tzdata.
    List<Map<String, String>> environments =
        List.of(
            Map.of("TZ", "UTC0"),
            Map.of("TZ", "BRT3"),
            Map.of("TZ", "IST-5:30", "LC_ALL", "C"),
            Map.of("LC_ALL", "POSIX"),
            Map.of("TZ", "BRT3", "LC_ALL", "C.UTF-8"),
            Map.of("TZ", "UTC0", "LC_ALL", "C"));
    Path archive = null;
    int recordings = 0;
    for (Map<String, String> environment : environments) {
      Run run = launch(environment, reconcileArguments());
      assertEquals(EXPECTED, run.out(), environment.toString());
      assertFalse(run.err().contains("discarding"), environment + ": " + run.err());
      recordings += (int) run.decisions().stream().filter("creating"::equals).count();
      if (archive == null) archive = run.archive();
      assertEquals(archive, run.archive(), environment.toString());
    }
    assertEquals(1, recordings);
  }

  @Test
  void givenEightConcurrentFirstRuns_allSucceed_oneTrains_andOneSoundArchiveIsLeft()
      throws Exception {
    List<Process> processes = new ArrayList<>();
    List<Path[]> outputs = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      Path out = Files.createTempFile(root, "out", ".txt");
      Path err = Files.createTempFile(root, "err", ".txt");
      processes.add(
          builder(Map.of(), reconcileArguments())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start());
      outputs.add(new Path[] {out, err});
    }
    int trainings = 0;
    for (int i = 0; i < processes.size(); i++) {
      Process process = processes.get(i);
      if (!process.waitFor(180, TimeUnit.SECONDS)) {
        processes.forEach(Process::destroyForcibly);
        throw new AssertionError("a concurrent run did not finish within 180 s");
      }
      Run run =
          new Run(
              process.exitValue(),
              Files.readString(outputs.get(i)[0], StandardCharsets.UTF_8),
              Files.readString(outputs.get(i)[1], StandardCharsets.UTF_8));
      assertEquals(0, run.status(), run.err());
      assertEquals(EXPECTED, run.out(), "stdout carries the command's line only");
      assertOnlyLauncherLines(run.err());
      trainings += (int) run.decisions().stream().filter("creating"::equals).count();
    }
    assertEquals(1, trainings, "the archive is recorded by one run only");

    try (Stream<Path> files = Files.list(cache.resolve("cds"))) {
      List<String> names = files.map(f -> f.getFileName().toString()).sorted().toList();
      assertEquals(1, names.stream().filter(n -> n.endsWith(".jsa")).count(), names.toString());
      assertTrue(
          names.stream().noneMatch(n -> n.contains(".tmp") || n.endsWith(".lock")),
          names.toString());
    }
    // Sound: the next run maps its classes from it.
    Path classLog = root.resolve("classes.log");
    Run after =
        launch(
            Map.of(
                "RALPH_RESUME_JAVA_OPTS",
                "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xlog:class+load=info:file=" + classLog),
            reconcileArguments());
    assertEquals(EXPECTED, after.out());
    assertEquals(List.of("using"), after.decisions());
    assertTrue(
        Files.readString(classLog)
            .contains(
                "io.github.ralphresume.app.cli.ReconcileCommand source: shared objects file"));
  }

  @Test
  void givenNoHome_theArchiveIsKeptInTheUsersOwnHome_neverUnderTmp() throws Exception {
    // Without HOME the home directory comes from the password database, as the JVM's user.home.
    Path userCache =
        Path.of(System.getProperty("user.home")).resolve(".cache").resolve("ralph-resume");
    Path cds = userCache.resolve("cds");
    boolean existed = Files.isDirectory(userCache);
    List<Path> before = Files.isDirectory(cds) ? list(cds) : List.of();
    Map<String, String> noHome = new java.util.HashMap<>();
    noHome.put("HOME", null);
    noHome.put("RALPH_RESUME_CACHE", null);
    try {
      Run run = launch(noHome, reconcileArguments());
      assertEquals(EXPECTED, run.out());
      assertEquals(List.of("creating", "using"), run.decisions());
      assertEquals(cds, run.archive().getParent());
      assertEquals(
          "rwx------",
          java.nio.file.attribute.PosixFilePermissions.toString(
              Files.getPosixFilePermissions(cds)));
    } finally {
      // Only what this test made: the user's cache may hold real archives.
      if (Files.isDirectory(cds)) {
        for (Path made : list(cds)) {
          if (!before.contains(made)) Files.deleteIfExists(made);
        }
      }
      if (!existed && Files.isDirectory(userCache)) {
        Files.deleteIfExists(cds);
        Files.deleteIfExists(userCache);
      }
    }
  }

  @Test
  void givenACacheUnderAWorldWritableDirectory_noArchiveIsWrittenThere() throws Exception {
    Path shared = Files.createDirectories(root.resolve("shared"));
    Files.setPosixFilePermissions(
        shared, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
    Map<String, String> env = new java.util.HashMap<>();
    env.put("RALPH_RESUME_CACHE", null);
    env.put("XDG_CACHE_HOME", shared.toString());
    Run run = launch(env, reconcileArguments());
    assertEquals(EXPECTED, run.out());
    assertEquals(0, run.status());
    assertTrue(run.err().contains("no class-data archive"), run.err());
    try (Stream<Path> walk = Files.walk(shared)) {
      assertTrue(
          walk.noneMatch(path -> path.getFileName().toString().endsWith(".jsa")),
          "an archive was written under " + shared);
    }
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }

  private String[] reconcileArguments() {
    return new String[] {
      "reconcile", "--state-dir", stateDir.toString(), "--codex-session-id", "codex-1", "--json"
    };
  }

  @Test
  void givenTheLauncher_installCodex_writesHooksThatRunThisVeryLauncher() throws Exception {
    Path codexHome = root.resolve("codex-home");
    Run run =
        launch(
            Map.of("CODEX_HOME", codexHome.toString(), "RALPH_RESUME_CDS", "off"),
            "install",
            "codex");

    assertEquals(0, run.status(), run.err());
    String hooks = Files.readString(codexHome.resolve("hooks.json"));
    assertTrue(
        hooks.contains("\"command\": \"" + checkout.resolve("bin/ralph-resume") + " hook\""),
        hooks);
  }

  private Run reconcile() throws IOException, InterruptedException {
    return launch(
        Map.of(),
        "reconcile",
        "--state-dir",
        stateDir.toString(),
        "--codex-session-id",
        "codex-1",
        "--json");
  }

  record Run(int status, String out, String err) {
    /** The launcher's decisions about the archive, in order: creating, using, discarding. */
    List<String> decisions() {
      Matcher matcher = DECISION.matcher(err);
      List<String> found = new ArrayList<>();
      while (matcher.find()) found.add(matcher.group(1));
      return found;
    }

    /** The archive that decision was about. */
    Path archive() {
      return Path.of(last()[1]);
    }

    private String[] last() {
      Matcher matcher = DECISION.matcher(err);
      String[] found = null;
      while (matcher.find()) found = new String[] {matcher.group(1), matcher.group(2)};
      if (found == null) throw new AssertionError("no launcher decision in: " + err);
      return found;
    }
  }

  private Run launch(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    ProcessBuilder builder = builder(env, args);
    Path out = Files.createTempFile(root, "out", ".txt");
    Path err = Files.createTempFile(root, "err", ".txt");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process process = builder.start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the launcher did not finish within 120 s");
    }
    return new Run(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /**
   * The launcher with a clean environment, its own cache and {@code env} on top (a {@code null}
   * value removes the variable).
   */
  private ProcessBuilder builder(Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>();
    command.add(checkout.resolve("bin").resolve("ralph-resume").toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> environment = builder.environment();
    environment.clear();
    environment.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    environment.put("HOME", root.toString());
    environment.put("JAVA_HOME", System.getProperty("java.home"));
    environment.put("RALPH_RESUME_CACHE", cache.toString());
    environment.put("RALPH_RESUME_DEBUG", "1");
    environment.put("OMX_SESSION_ID", "sess-current");
    env.forEach(
        (name, value) -> {
          if (value == null) environment.remove(name);
          else environment.put(name, value);
        });
    builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    return builder;
  }

  private static void assertOnlyLauncherLines(String err) {
    for (String line : err.split("\n")) {
      if (!line.isEmpty()) {
        assertTrue(line.startsWith("ralph-resume: launcher: "), "unexpected stderr: " + line);
      }
    }
  }

  /** The checkout's launcher (tests run in {@code app-cli/}). */
  private static Path launcherScript() {
    Path script = Path.of("").toAbsolutePath().getParent().resolve("bin").resolve("ralph-resume");
    assertTrue(Files.isRegularFile(script), "no launcher at " + script);
    return script;
  }

  /**
   * {@code app-cli/target/ralph-resume.jar} as the build makes it (this module's classes, a
   * manifest naming Main and the libraries in {@code lib/}), from this test's class path; {@code
   * marker} changes the jar's bytes as another build would.
   */
  private void assembleJar(String marker) throws IOException {
    Path target = Files.createDirectories(checkout.resolve("app-cli").resolve("target"));
    Path lib = Files.createDirectories(target.resolve("lib"));
    Path classes = Path.of("target", "classes").toAbsolutePath();
    List<String> libraries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      Path path = Path.of(entry).toAbsolutePath();
      String name = path.getFileName().toString();
      if (path.equals(classes) || name.equals("test-classes")) continue;
      if (Files.isDirectory(path)) {
        // A sibling module's classes, as Maven's reactor passes them before packaging.
        String module = path.getParent().getParent().getFileName().toString();
        if (!module.startsWith("domain") && !module.startsWith("adapters-")) continue;
        jar(path, lib.resolve(module + ".jar"), null, "");
        libraries.add("lib/" + module + ".jar");
      } else if (name.startsWith("ralph-resume-")
          || name.startsWith("picocli-")
          || name.startsWith("jackson-core-")
          || name.startsWith("jna-")) {
        Files.copy(path, lib.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        libraries.add("lib/" + name);
      }
    }
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Main.class.getName());
    manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", libraries));
    jar(classes, target.resolve("ralph-resume.jar"), manifest, marker);
  }

  private static void jar(Path classes, Path jar, Manifest manifest, String marker)
      throws IOException {
    Path tmp = jar.resolveSibling(jar.getFileName() + ".tmp");
    try (OutputStream file = Files.newOutputStream(tmp);
        JarOutputStream out =
            manifest == null ? new JarOutputStream(file) : new JarOutputStream(file, manifest);
        Stream<Path> files = Files.walk(classes)) {
      for (Path path : files.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
        Files.copy(path, out);
        out.closeEntry();
      }
      if (!marker.isEmpty()) {
        out.putNextEntry(new JarEntry("build-marker.txt"));
        out.write(marker.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING);
  }
}
