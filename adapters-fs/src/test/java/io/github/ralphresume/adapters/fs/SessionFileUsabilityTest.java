package io.github.ralphresume.adapters.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.ralphresume.domain.model.CurrentSession;
import io.github.ralphresume.domain.model.Environment;
import io.github.ralphresume.domain.model.OmxSessionId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which OMX session is current, as the original's {@code readCurrentOmxSessionId} decides it: an
 * environment variable naming an existing session directory, else a {@code session.json} that
 * oh-my-codex's {@code isSessionStateUsable} accepts for the project (the state dir's grandparent).
 * Every expectation was checked against the original's {@code hooks/session.js} under Node.
 */
class SessionFileUsabilityTest {
  @TempDir Path root;
  Path project;
  Path stateDir;
  Sleeper sleeper;

  @BeforeEach
  void project() throws IOException {
    project = Files.createDirectories(root.resolve("project"));
    stateDir =
        Files.createDirectories(project.resolve(".omx").resolve("state").resolve("sessions"))
            .getParent();
  }

  @AfterEach
  void stopSleeper() throws InterruptedException {
    if (sleeper != null) sleeper.stop();
  }

  // ---- environment variables ----

  @Test
  void givenEnvIdWhoseDirExists_locate_takesItOverSessionJson() throws IOException {
    sessionDir("sess-env");
    writeSession("{\"session_id\":\"sess-file\"}");

    CurrentSession current =
        locate(Map.of("OMX_SESSION_ID", "  sess-env  ", "CODEX_SESSION_ID", "sess-file"));

    assertEquals(
        new CurrentSession.FromEnvironment(new OmxSessionId("sess-env"), "OMX_SESSION_ID"),
        current);
  }

  @Test
  void givenEnvIdWhoseDirIsMissing_locate_doesNotTryLaterVariablesAndSessionJsonDecides()
      throws IOException {
    sessionDir("sess-codex");
    writeSession("{\"session_id\":\"sess-file\"}");

    CurrentSession current =
        locate(Map.of("OMX_SESSION_ID", "sess-gone", "CODEX_SESSION_ID", "sess-codex"));

    assertEquals(new CurrentSession.FromSessionFile(new OmxSessionId("sess-file")), current);
  }

  @Test
  void givenEnvIdWhoseDirIsMissingAndNoSessionJson_locate_findsNoSession() throws IOException {
    sessionDir("sess-codex");

    CurrentSession current =
        locate(Map.of("OMX_SESSION_ID", "sess-gone", "SESSION_ID", "sess-codex"));

    assertInstanceOf(CurrentSession.None.class, current);
  }

  @Test
  void givenInvalidFirstVariable_locate_triesTheNextOne() throws IOException {
    sessionDir("sess-codex");

    CurrentSession current =
        locate(Map.of("OMX_SESSION_ID", "not valid!", "CODEX_SESSION_ID", "sess-codex"));

    assertEquals(
        new CurrentSession.FromEnvironment(new OmxSessionId("sess-codex"), "CODEX_SESSION_ID"),
        current);
  }

  // ---- session.json without process fields ----

  @ParameterizedTest(name = "session_id {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "\"sess-file\"     | sess-file",
        // The original tests the pattern against String(session_id), then uses
        // safeString(…).trim().
        "123               | 123",
        "true              | true",
        "[\"abc\"]         | abc",
        "null              | -",
        "\"  padded  \"    | -",
        "1.5               | -",
        "{}                | -",
        "\"\"              | -",
        "\"a/b\"           | -",
      })
  void givenSessionIdOfAnyJsonType_locate_readsItAsTheOriginalDoes(String idJson, String expected)
      throws IOException {
    writeSession("{\"session_id\":" + idJson + "}");

    assertCurrent(expected);
  }

  @Test
  void givenSessionJsonWithoutSessionId_locate_findsNoSession() throws IOException {
    writeSession("{\"cwd\":" + quoted(project) + "}");

    assertCurrent(null);
  }

  @ParameterizedTest(name = "session.json {0}")
  @ValueSource(
      strings = {"[\"sess-file\"]", "\"sess-file\"", "{\"session_id\":\"sess-file\"", "", "null"})
  void givenSessionJsonThatIsNoObject_locate_findsNoSession(String content) throws IOException {
    writeSession(content);

    assertCurrent(null);
  }

  @ParameterizedTest(name = "pid {0} alone")
  @ValueSource(strings = {"0", "-1", "1.5", "\"123\"", "null", "true"})
  void givenPidThatIsNoPositiveIntegerAndNoIdentity_locate_trustsTheFile(String pid)
      throws IOException {
    writeSession("{\"session_id\":\"sess-file\",\"pid\":" + pid + "}");

    assertCurrent("sess-file");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "\"pid_start_ticks\":12345",
        "\"pid_cmdline\":\"sleep 60\"",
        "\"pid\":0,\"pid_start_ticks\":1",
        "\"pid\":\"1\",\"pid_cmdline\":\"x\""
      })
  void givenProcessIdentityWithoutValidPid_locate_rejectsTheFile(String members)
      throws IOException {
    writeSession("{\"session_id\":\"sess-file\"," + members + "}");

    assertCurrent(null);
  }

  @Test
  void givenPidBeyondWhatKillAccepts_locate_rejectsTheFile() throws IOException {
    writeSession("{\"session_id\":\"sess-file\",\"pid\":1099511627776}");

    assertCurrent(null);
  }

  // ---- cwd ----

  @Test
  void givenCwdIsTheProject_locate_usesTheFile() throws IOException {
    writeSession("{\"session_id\":\"sess-file\",\"cwd\":" + quoted(project) + "}");

    assertCurrent("sess-file");
  }

  @Test
  void givenCwdIsTheProjectWithTrailingSlash_locate_usesTheFile() throws IOException {
    writeSession("{\"session_id\":\"sess-file\",\"cwd\":\"" + project + "/\"}");

    assertCurrent("sess-file");
  }

  @Test
  void givenCwdIsASymlinkToTheProject_locate_usesTheFile() throws IOException {
    Path link = Files.createSymbolicLink(root.resolve("link-to-project"), project);
    writeSession("{\"session_id\":\"sess-file\",\"cwd\":" + quoted(link) + "}");

    assertCurrent("sess-file");
  }

  @Test
  void givenStateDirReachedThroughASymlink_locate_comparesRealPaths() throws IOException {
    Path link = Files.createSymbolicLink(root.resolve("link-to-project"), project);
    writeSession("{\"session_id\":\"sess-file\",\"cwd\":" + quoted(project) + "}");
    FileRalphStateStore throughLink =
        new FileRalphStateStore(link.resolve(".omx").resolve("state"));

    CurrentSession current =
        new FileCurrentSessionLocator(throughLink).locate(Environment.injected(Map.of()));

    assertEquals(new CurrentSession.FromSessionFile(new OmxSessionId("sess-file")), current);
  }

  @ParameterizedTest(name = "cwd {0}")
  @ValueSource(strings = {"other", "missing", "project/.omx"})
  void givenCwdOfAnotherDirectory_locate_rejectsTheFile(String where) throws IOException {
    Files.createDirectories(root.resolve("other"));
    writeSession("{\"session_id\":\"sess-file\",\"cwd\":" + quoted(root.resolve(where)) + "}");

    assertCurrent(null);
  }

  @ParameterizedTest(name = "cwd {0}")
  @ValueSource(strings = {"\"\"", "\"   \"", "5", "null"})
  void givenCwdEmptyOrNotAString_locate_ignoresIt(String cwd) throws IOException {
    writeSession("{\"session_id\":\"sess-file\",\"cwd\":" + cwd + "}");

    assertCurrent("sess-file");
  }

  // ---- live process identity (Linux /proc) ----

  @Test
  void givenLiveProcessWithMatchingIdentity_locate_usesTheFile() throws Exception {
    Sleeper live = sleeper();
    writeSession(live.session(live.startTicks, "\"sleep 60\""));

    assertCurrent("sess-file");
  }

  @Test
  void givenMatchingCmdlineWithOtherWhiteSpace_locate_usesTheFile() throws Exception {
    Sleeper live = sleeper();
    writeSession(live.session(live.startTicks, "\"  sleep \\t\\n 60 \""));

    assertCurrent("sess-file");
  }

  @Test
  void givenEmptyCmdline_locate_checksOnlyTheStartTicks() throws Exception {
    Sleeper live = sleeper();
    writeSession(live.session(live.startTicks, "\"\""));

    assertCurrent("sess-file");
  }

  @Test
  void givenWrongStartTicks_locate_rejectsTheFile() throws Exception {
    Sleeper live = sleeper();
    writeSession(live.session(live.startTicks + 1, "\"sleep 60\""));

    assertCurrent(null);
  }

  @Test
  void givenWrongCmdline_locate_rejectsTheFile() throws Exception {
    Sleeper live = sleeper();
    writeSession(live.session(live.startTicks, "\"sleep 61\""));

    assertCurrent(null);
  }

  @Test
  void givenLivePidWithoutStartTicks_locate_rejectsTheFileOnLinux() throws Exception {
    Sleeper live = sleeper();
    writeSession(
        "{\"session_id\":\"sess-file\",\"cwd\":" + quoted(project) + ",\"pid\":" + live.pid + "}");

    assertCurrent(null);
  }

  @Test
  void givenStartTicksAsString_locate_rejectsTheFile() throws Exception {
    Sleeper live = sleeper();
    writeSession(
        "{\"session_id\":\"sess-file\",\"pid\":"
            + live.pid
            + ",\"pid_start_ticks\":\""
            + live.startTicks
            + "\"}");

    assertCurrent(null);
  }

  @Test
  void givenProcessThatExited_locate_rejectsTheFile() throws Exception {
    assumeLinuxProc();
    Process exited = new ProcessBuilder("true").start();
    assertTrue(exited.waitFor(10, TimeUnit.SECONDS));
    long pid = exited.pid();
    assumeTrue(!Files.exists(Path.of("/proc", Long.toString(pid))), "pid reused already");
    writeSession(
        "{\"session_id\":\"sess-file\",\"pid\":"
            + pid
            + ",\"pid_start_ticks\":1,\"pid_cmdline\":\"true\"}");

    assertCurrent(null);
  }

  @ParameterizedTest(name = "pid_cmdline {0}")
  @ValueSource(strings = {"42", "true", "[\"sleep 60\"]", "{}"})
  void givenTruthyNonStringCmdlineOfTheLiveProcess_locate_failsAsTheOriginalsTypeError(
      String cmdline) throws Exception {
    Sleeper live = sleeper();
    writeSession(live.session(live.startTicks, cmdline));
    FileCurrentSessionLocator locator =
        new FileCurrentSessionLocator(new FileRalphStateStore(stateDir));

    // The original throws "TypeError: cmdline.replace is not a function" out of the reconcile.
    assertThrows(IllegalStateException.class, () -> locator.locate(Environment.injected(Map.of())));
  }

  @ParameterizedTest(name = "pid_cmdline {0}")
  @ValueSource(strings = {"0", "false", "null"})
  void givenFalsyNonStringCmdline_locate_checksOnlyTheStartTicks(String cmdline) throws Exception {
    Sleeper live = sleeper();
    writeSession(live.session(live.startTicks, cmdline));

    assertCurrent("sess-file");
  }

  @Test
  void givenNonStringCmdlineButWrongStartTicks_locate_rejectsWithoutFailing() throws Exception {
    Sleeper live = sleeper();
    writeSession(live.session(live.startTicks + 1, "42"));

    assertCurrent(null);
  }

  // ---- helpers ----

  private void assertCurrent(String expectedId) {
    CurrentSession current = locate(Map.of());
    if (expectedId == null) {
      assertInstanceOf(
          CurrentSession.None.class, current, () -> "expected no session, got " + current);
    } else {
      assertEquals(new CurrentSession.FromSessionFile(new OmxSessionId(expectedId)), current);
    }
  }

  private CurrentSession locate(Map<String, String> env) {
    return new FileCurrentSessionLocator(new FileRalphStateStore(stateDir))
        .locate(Environment.injected(new HashMap<>(env)));
  }

  private void sessionDir(String id) throws IOException {
    Files.createDirectories(stateDir.resolve("sessions").resolve(id));
  }

  private void writeSession(String json) throws IOException {
    Files.writeString(stateDir.resolve("session.json"), json, StandardCharsets.UTF_8);
  }

  private static String quoted(Path path) {
    return "\"" + path.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static void assumeLinuxProc() {
    assumeTrue(
        System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")
            && Files.isDirectory(Path.of("/proc/self")),
        "process identity is read from Linux /proc");
  }

  private Sleeper sleeper() throws IOException, InterruptedException {
    assumeLinuxProc();
    sleeper = Sleeper.start(project);
    return sleeper;
  }

  /** A real {@code sleep 60} child and its identity as /proc shows it. */
  private static final class Sleeper {
    final Process process;
    final long pid;
    final long startTicks;
    final Path project;

    private Sleeper(Process process, long startTicks, Path project) {
      this.process = process;
      this.pid = process.pid();
      this.startTicks = startTicks;
      this.project = project;
    }

    static Sleeper start(Path project) throws IOException, InterruptedException {
      Process process = new ProcessBuilder("sleep", "60").start();
      Path proc = Path.of("/proc", Long.toString(process.pid()));
      // Until the exec, /proc shows the JVM's spawn helper; wait for sleep's own command line.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!cmdline(proc).equals("sleep 60")) {
        if (System.nanoTime() > deadline) {
          process.destroyForcibly();
          throw new IllegalStateException("sleep 60 never showed up in " + proc);
        }
        Thread.sleep(10);
      }
      String stat = Files.readString(proc.resolve("stat"), StandardCharsets.UTF_8);
      String[] fields = stat.substring(stat.lastIndexOf(')') + 1).trim().split("\\s+");
      return new Sleeper(process, Long.parseLong(fields[19]), project);
    }

    private static String cmdline(Path proc) throws IOException {
      return new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8)
          .replace('\0', ' ')
          .trim();
    }

    /** A session.json as oh-my-codex writes it for this process. */
    String session(long ticks, String cmdlineJson) {
      return "{\n  \"session_id\": \"sess-file\",\n  \"started_at\": \"2026-02-22T00:00:00.000Z\",\n"
          + "  \"cwd\": "
          + quoted(project)
          + ",\n  \"pid\": "
          + pid
          + ",\n  \"platform\": \"linux\",\n"
          + "  \"pid_start_ticks\": "
          + ticks
          + ",\n  \"pid_cmdline\": "
          + cmdlineJson
          + "\n}";
    }

    void stop() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
      assertFalse(process.isAlive());
    }
  }
}
