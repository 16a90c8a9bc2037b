package io.github.ralphresume.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ralphresume.adapters.fs.JavaScriptJson;
import io.github.ralphresume.domain.json.JsonArray;
import io.github.ralphresume.domain.json.JsonObject;
import io.github.ralphresume.domain.json.JsonText;
import io.github.ralphresume.domain.json.JsonValue;
import io.github.ralphresume.testing.StateDirFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code doctor} over real files: each finding a user can act on, and the exit status. */
class DoctorCommandTest {
  @TempDir Path root;
  Path codexHome;
  Path project;
  Path launcher;
  StateDirFixture state;

  @BeforeEach
  void setUp() throws IOException {
    codexHome = root.resolve("codex-home");
    project = Files.createDirectories(root.resolve("project"));
    launcher =
        InstallCodexTest.fakeLauncher(root.resolve("rr").resolve("bin").resolve("ralph-resume"));
    state = new StateDirFixture(project).session("sess-current");
  }

  CliRun cli() {
    return new CliRun()
        .env("CODEX_HOME", codexHome.toString())
        .env("HOME", root.toString())
        .env("OMX_SESSION_ID", "sess-current")
        .env("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
  }

  CliRun doctor() {
    return cli().run("doctor", "--project", project.toString());
  }

  void install() {
    CliRun run = cli().run("install", "codex", "--command", launcher.toString());
    assertEquals(0, run.status, run.err);
  }

  /** What Codex's /hooks view records once a person trusts our three hooks. */
  void trustOurHooks() throws IOException {
    StringBuilder config = new StringBuilder();
    for (String event : List.of("session_start", "user_prompt_submit", "stop")) {
      config
          .append("[hooks.state.\"")
          .append(codexHome.toRealPath().resolve("hooks.json"))
          .append(':')
          .append(event)
          .append(":0:0\"]\ntrusted_hash = \"sha256:0123\"\n");
    }
    Files.writeString(codexHome.resolve("config.toml"), config.toString());
  }

  /** The {@code status} of each check named {@code name}, from {@code doctor --json}. */
  static List<String> statuses(CliRun run, String name) {
    JsonObject root = (JsonObject) JavaScriptJson.parse(run.out).orElseThrow();
    List<String> found = new ArrayList<>();
    for (JsonValue check : ((JsonArray) root.get("checks").orElseThrow()).elements()) {
      JsonObject object = (JsonObject) check;
      if (((JsonValue.Str) object.get("name").orElseThrow()).value().equals(name)) {
        found.add(((JsonValue.Str) object.get("status").orElseThrow()).value());
      }
    }
    return found;
  }

  @Test
  void givenEverythingWiredAndTrusted_doctor_findsNoProblemAndExitsZero() throws Exception {
    install();
    trustOurHooks();

    CliRun run = doctor();

    assertEquals(0, run.status, run.out);
    assertTrue(
        run.out.contains(
            "ok       codex hooks: installed in "
                + codexHome.resolve("hooks.json")
                + " (SessionStart, UserPromptSubmit, Stop)\n"),
        run.out);
    assertTrue(run.out.contains("ok       codex hook trust: trusted in "), run.out);
    assertTrue(run.out.contains("ok       current session: sess-current (from OMX_SESSION_ID)\n"));
    assertTrue(run.out.contains("ok       resume lock: free\n"), run.out);
    assertFalse(run.out.contains("problem "), run.out);
  }

  @Test
  void givenNoHooks_doctor_saysTheLoopIsLeftBehindAndHowToFixIt() {
    CliRun run = doctor();

    assertEquals(1, run.status);
    assertTrue(
        run.out.contains(
            "problem  codex hooks: not installed (neither "
                + codexHome.resolve("hooks.json")
                + " nor "
                + project.resolve(".codex/hooks.json")
                + " runs ralph-resume hook): a resumed conversation leaves its loop behind\n"
                + "         fix: ralph-resume install codex, then trust the hooks in Codex's /hooks"
                + " view\n"),
        run.out);
  }

  @Test
  void givenHooksNotTrustedYet_doctor_reportsAProblem() {
    install();

    CliRun run = cli().run("doctor", "--project", project.toString(), "--json");

    assertEquals(1, run.status);
    assertEquals(List.of("ok"), statuses(run, "codex hooks"));
    assertEquals(List.of("problem"), statuses(run, "codex hook trust"));
  }

  @Test
  void givenJson_doctor_spellsTheCurrentSessionAsStatusAndExplainDo() {
    CliRun run = cli().run("doctor", "--project", project.toString(), "--json");

    JsonObject root = (JsonObject) JavaScriptJson.parse(run.out).orElseThrow();
    JsonObject check =
        ((JsonArray) root.get("checks").orElseThrow())
            .elements().stream()
                .map(JsonObject.class::cast)
                .filter(c -> c.get("name").equals(Optional.of(JsonValue.of("current session"))))
                .findFirst()
                .orElseThrow();
    assertEquals(
        "{\"id\":\"sess-current\",\"foundBy\":\"environment\",\"variable\":\"OMX_SESSION_ID\"}",
        JsonText.compact(check.get("currentSession").orElseThrow()));
  }

  @Test
  void givenHooksTurnedOffAndANotifyWiring_doctor_reportsBoth() throws Exception {
    install();
    trustOurHooks();
    Files.writeString(
        codexHome.resolve("config.toml"),
        "notify = [\""
            + launcher
            + "\", \"hook\"]\n"
            + Files.readString(codexHome.resolve("config.toml"))
            + "[features]\nhooks = false\n");

    CliRun run = cli().run("doctor", "--project", project.toString(), "--json");

    assertEquals(1, run.status);
    assertEquals(List.of("problem"), statuses(run, "codex hooks feature"));
    assertEquals(List.of("warning"), statuses(run, "codex notify"));
    assertTrue(run.out.contains("notify payload carries no session id"), run.out);
  }

  @Test
  void givenHooksThatRunALauncherThatIsGone_doctor_reportsAProblem() throws Exception {
    install();
    trustOurHooks();
    Files.delete(launcher);

    CliRun run = cli().run("doctor", "--project", project.toString(), "--json");

    assertEquals(1, run.status);
    assertEquals(List.of("problem"), statuses(run, "codex hook command"));
  }

  @Test
  void givenABrokenHooksFile_doctor_saysCodexIgnoresIt() throws Exception {
    Files.createDirectories(codexHome);
    Files.writeString(codexHome.resolve("hooks.json"), "{ nope");

    CliRun run = doctor();

    assertEquals(1, run.status);
    assertTrue(
        run.out.contains(
            "problem  codex hooks: "
                + codexHome.resolve("hooks.json")
                + " is not valid JSON: Codex ignores every hook in it\n"),
        run.out);
  }

  @Test
  void givenAJournalKeptAsideForTheOperator_doctor_reportsItWithTheFix() throws Exception {
    install();
    trustOurHooks();
    Path kept = state.stateDir.resolve(".ralph-resume-transfer-t-1.left.json");
    Files.writeString(kept, "{\"status\":\"left_for_operator\"}");

    CliRun run = doctor();

    assertEquals(1, run.status);
    assertTrue(
        run.out.contains(
            "problem  transfer journal: a transfer was kept aside for you in "
                + kept
                + ": recovery found a document it did not write and touched nothing\n"
                + "         fix: read it, decide which copy of the loop is right"),
        run.out);
    assertTrue(run.out.contains("then delete it\n"), run.out);
  }

  @Test
  void givenAStaleLockAndAPendingTransfer_doctor_warnsAndSaysWhatHappensNext() throws Exception {
    install();
    trustOurHooks();
    Path lock = Files.createDirectories(state.stateDir.resolve(".lock.ralph-session-resume"));
    Files.writeString(lock.resolve("owner"), "999999999.1700000000000.abc");
    Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minusSeconds(60)));
    state.write("sess-prior", StateDirFixture.activeLoop(""));
    Files.writeString(
        state.stateDir.resolve(".ralph-resume-transfer.json"),
        "{\"schema\":\"ralph-resume/transfer-journal@1\",\"status\":\"prepared\","
            + "\"transfer_id\":\"t-9\",\"updated_at\":\"2026-01-01T00:00:00.000Z\","
            + "\"source\":\"sessions/sess-prior/ralph-state.json\","
            + "\"target\":\"sessions/sess-current/ralph-state.json\","
            + "\"original_source\":{\"active\":true},\"retired_source\":{\"active\":false},"
            + "\"next_target\":{\"active\":true}}");

    CliRun run = doctor();

    assertEquals(0, run.status, run.out);
    assertTrue(
        run.out.contains(
            "warning  resume lock: stale: last refreshed 60 s ago by pid 999999999 (not running)"),
        run.out);
    assertTrue(
        run.out.contains(
            "warning  transfer journal: an interrupted transfer t-9 of the loop from sess-prior to"
                + " sess-current is pending; the next reconcile settles it\n"),
        run.out);
  }

  @Test
  void givenAProjectWithoutOmx_doctor_warnsThatTheHookLeavesItAlone() throws Exception {
    Path plain = Files.createDirectories(root.resolve("plain"));

    CliRun run = cli().run("doctor", "--project", plain.toString(), "--json");

    assertEquals(List.of("warning"), statuses(run, "state dir"));
    assertTrue(run.out.contains("the hook leaves this project alone"), run.out);
  }

  @Test
  void givenAProjectThatDoesNotExist_doctor_isAUsageError() {
    CliRun run = cli().run("doctor", "--project", root.resolve("missing").toString());

    assertEquals(2, run.status);
    assertEquals(
        "ralph-resume: project " + root.resolve("missing") + " is not a directory\n", run.err);
  }
}
