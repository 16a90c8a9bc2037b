package io.github.ralphresume.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ralphresume.adapters.fs.JavaScriptJson;
import io.github.ralphresume.domain.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code install codex} and {@code uninstall codex} on real files, as a user runs them. */
class InstallCodexTest {
  @TempDir Path root;
  Path codexHome;
  Path hooks;
  Path launcher;

  @BeforeEach
  void setUp() throws IOException {
    codexHome = root.resolve("codex-home");
    hooks = codexHome.resolve("hooks.json");
    launcher = fakeLauncher(root.resolve("install").resolve("bin").resolve("ralph-resume"));
  }

  /** An executable that records its arguments, standing in for bin/ralph-resume. */
  static Path fakeLauncher(Path path) throws IOException {
    Files.createDirectories(path.getParent());
    Files.writeString(path, "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$(dirname \"$0\")/ran-with\"\n");
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
    return path;
  }

  CliRun cli() {
    return new CliRun().env("CODEX_HOME", codexHome.toString()).env("HOME", root.toString());
  }

  CliRun install(String... more) {
    String[] args = new String[more.length + 4];
    args[0] = "install";
    args[1] = "codex";
    args[2] = "--command";
    args[3] = launcher.toString();
    System.arraycopy(more, 0, args, 4, more.length);
    return cli().run(args);
  }

  /** The file install writes into an empty CODEX_HOME, byte for byte. */
  static String ours(String command) {
    String handler =
        "        \"hooks\": [\n"
            + "          {\n"
            + "            \"type\": \"command\",\n"
            + "            \"command\": \""
            + command
            + "\",\n"
            + "            \"timeout\": 30\n"
            + "          }\n"
            + "        ]\n";
    return "{\n"
        + "  \"hooks\": {\n"
        + "    \"SessionStart\": [\n"
        + "      {\n"
        + "        \"matcher\": \"startup|resume\",\n"
        + handler
        + "      }\n"
        + "    ],\n"
        + "    \"UserPromptSubmit\": [\n"
        + "      {\n"
        + handler
        + "      }\n"
        + "    ],\n"
        + "    \"Stop\": [\n"
        + "      {\n"
        + handler
        + "      }\n"
        + "    ]\n"
        + "  }\n"
        + "}\n";
  }

  /** A user's file: their own hooks on two of our events and one we do not use, another key. */
  static final String THEIRS =
      "{\"$schema\": \"https://example.com/hooks.schema.json\",\n"
          + " \"hooks\": {\n"
          + "  \"PreToolUse\": [{\"matcher\": \"^Bash$\", \"hooks\": [\n"
          + "     {\"type\": \"command\", \"command\": \"/usr/local/bin/guard\", \"timeout\": 5}]}],\n"
          + "  \"Stop\": [{\"hooks\": [{\"type\": \"command\", \"command\": \"notify-send done\"}]}],\n"
          + "  \"SessionStart\": [{\"matcher\": \"startup\",\n"
          + "     \"hooks\": [{\"type\": \"command\", \"command\": \"echo hello\"}]}]\n"
          + "}}\n";

  @Test
  void givenNoCodexHome_install_writesOurThreeHooksAndSaysToTrustThem() throws Exception {
    CliRun run = install();

    assertEquals(0, run.status, run.err);
    assertEquals(ours(launcher + " hook"), Files.readString(hooks));
    assertFalse(Files.exists(codexHome.resolve("hooks.json.bak")), "nothing to back up");
    assertTrue(
        run.out.startsWith(
            "Installed ralph-resume's Codex hooks (SessionStart, UserPromptSubmit, Stop) in "
                + hooks
                + ".\nThey run: "
                + launcher
                + " hook\n"),
        run.out);
    assertTrue(run.out.contains("Start codex, type /hooks, and trust"), run.out);
    assertEquals("", run.err);
  }

  @Test
  void givenOtherHooks_install_keepsEveryOneOfThemInPlaceAndBacksUpTheFile() throws Exception {
    Files.createDirectories(codexHome);
    Files.writeString(hooks, THEIRS);

    CliRun run = install();

    assertEquals(0, run.status, run.err);
    // Theirs first and where they were (Codex keys their trust by position), ours appended.
    assertEquals(
        json(
            "{\"$schema\":\"https://example.com/hooks.schema.json\",\"hooks\":{"
                + "\"PreToolUse\":[{\"matcher\":\"^Bash$\",\"hooks\":[{\"type\":\"command\","
                + "\"command\":\"/usr/local/bin/guard\",\"timeout\":5}]}],"
                + "\"Stop\":[{\"hooks\":[{\"type\":\"command\",\"command\":\"notify-send done\"}]},"
                + group("", launcher + " hook")
                + "],"
                + "\"SessionStart\":[{\"matcher\":\"startup\",\"hooks\":[{\"type\":\"command\","
                + "\"command\":\"echo hello\"}]},"
                + group("startup|resume", launcher + " hook")
                + "],"
                + "\"UserPromptSubmit\":["
                + group("", launcher + " hook")
                + "]}}"),
        Files.readString(hooks));
    assertEquals(THEIRS, Files.readString(codexHome.resolve("hooks.json.bak")));
    assertTrue(run.out.contains("The previous file is kept as " + hooks + ".bak."), run.out);
  }

  @Test
  void givenItIsInstalled_aSecondInstall_changesNoByte() throws Exception {
    Files.createDirectories(codexHome);
    Files.writeString(hooks, THEIRS);
    install();
    String once = Files.readString(hooks);
    String backup = Files.readString(codexHome.resolve("hooks.json.bak"));

    CliRun again = install();

    assertEquals(0, again.status, again.err);
    assertEquals(once, Files.readString(hooks));
    assertEquals(backup, Files.readString(codexHome.resolve("hooks.json.bak")));
    assertTrue(again.out.startsWith("ralph-resume's Codex hooks are already installed"), again.out);
  }

  @Test
  void givenAnOlderInstallationElsewhere_install_replacesItsEntriesWithThisOne() throws Exception {
    Files.createDirectories(codexHome);
    Files.writeString(hooks, ours("/old/checkout/bin/ralph-resume hook"));

    CliRun run = install();

    assertEquals(0, run.status, run.err);
    assertEquals(ours(launcher + " hook"), Files.readString(hooks));
  }

  @Test
  void givenALauncherPathWithSpacesAndQuotes_theHookCommandRunsItUnderTheShell() throws Exception {
    launcher = fakeLauncher(root.resolve("my tools").resolve("it's here").resolve("ralph-resume"));

    assertEquals(0, install().status);
    String command =
        CodexHooks.ours(CodexHooks.parse(Files.readString(hooks)), "").get(0).command();
    Process shell = new ProcessBuilder("bash", "-c", command).start();
    shell.getOutputStream().close();
    assertTrue(shell.waitFor(30, TimeUnit.SECONDS));

    assertEquals(0, shell.exitValue());
    assertEquals("hook\n", Files.readString(launcher.resolveSibling("ran-with")));
  }

  @Test
  void givenAFileThatIsNotJson_install_refusesInOneLineAndChangesNothing() throws Exception {
    Files.createDirectories(codexHome);
    Files.writeString(hooks, "{\"hooks\": {\"Stop\": [ }");

    CliRun run = install();

    assertEquals(2, run.status);
    assertEquals("", run.out);
    assertEquals(
        "ralph-resume: " + hooks + " is not valid JSON; fix or move it, nothing was changed\n",
        run.err);
    assertEquals("{\"hooks\": {\"Stop\": [ }", Files.readString(hooks));
    assertEquals(1, count(codexHome), "no backup, no temp file");
  }

  @Test
  void givenAFileOfTheWrongShape_install_refusesInOneLineAndChangesNothing() throws Exception {
    Files.createDirectories(codexHome);
    String wrong = "{\"hooks\": {\"Stop\": {\"command\": \"x\"}}}";
    Files.writeString(hooks, wrong);

    CliRun run = install();

    assertEquals(2, run.status);
    assertEquals(
        "ralph-resume: "
            + hooks
            + " has hooks.Stop that is not an array; fix or move it, nothing was changed\n",
        run.err);
    assertEquals(wrong, Files.readString(hooks));
  }

  @Test
  void givenACodexHomeThatCannotBeADirectory_install_saysSoInOneLineAndChangesNothing()
      throws Exception {
    Path file = Files.writeString(root.resolve("not-a-dir"), "x");
    codexHome = file.resolve("codex");

    CliRun run = install();

    assertEquals(1, run.status);
    assertEquals("", run.out);
    assertEquals(
        "ralph-resume: error: cannot read "
            + codexHome.resolve("hooks.json")
            + ": not a directory; nothing changed\n",
        run.err);
    assertEquals("x", Files.readString(file));
  }

  @Test
  void givenTheBackupCannotBeWritten_install_changesNothingAndLeavesNoTempFile() throws Exception {
    Files.createDirectories(codexHome.resolve("hooks.json.bak").resolve("in-the-way"));
    Files.writeString(hooks, THEIRS);

    CliRun run = install();

    assertEquals(1, run.status);
    assertTrue(run.err.startsWith("ralph-resume: error: cannot write " + hooks + ": "), run.err);
    assertTrue(run.err.endsWith("; nothing changed\n"), run.err);
    assertEquals(THEIRS, Files.readString(hooks));
    assertEquals(2, count(codexHome), "hooks.json and the directory in the way, nothing more");
  }

  @Test
  void givenDryRun_install_printsTheFileAndWritesNothing() throws Exception {
    CliRun run = install("--dry-run");

    assertEquals(0, run.status, run.err);
    assertEquals(ours(launcher + " hook"), run.out);
    assertFalse(Files.exists(codexHome));
  }

  @Test
  void givenProjectScope_install_writesTheProjectsCodexDir() throws Exception {
    Path project = Files.createDirectories(root.resolve("project"));

    CliRun run = install("--scope", "project", "--project", project.toString());

    assertEquals(0, run.status, run.err);
    assertEquals(ours(launcher + " hook"), Files.readString(project.resolve(".codex/hooks.json")));
    assertFalse(Files.exists(hooks));
    assertTrue(run.out.contains("Project hooks also need the project trusted"), run.out);
  }

  @Test
  void givenHooksTurnedOffInConfig_install_warnsThatCodexWillNotRunThem() throws Exception {
    Files.createDirectories(codexHome);
    Files.writeString(
        codexHome.resolve("config.toml"), "model = \"x\"\n\n[features]\nhooks = false\n");

    CliRun run = install();

    assertEquals(0, run.status);
    assertEquals(
        "ralph-resume: warning: "
            + codexHome.resolve("config.toml")
            + " turns Codex's hooks off ([features] hooks = false): remove that line, or Codex"
            + " will not run these hooks\n",
        run.err);
  }

  @Test
  void givenALinkedHooksFile_install_writesWhereItPointsAndKeepsTheLink() throws Exception {
    Path dotfiles = Files.createDirectories(root.resolve("dotfiles"));
    Files.writeString(dotfiles.resolve("hooks.json"), THEIRS);
    Files.createDirectories(codexHome);
    Files.createSymbolicLink(hooks, dotfiles.resolve("hooks.json"));

    assertEquals(0, install().status);

    assertTrue(Files.isSymbolicLink(hooks));
    assertTrue(Files.readString(dotfiles.resolve("hooks.json")).contains(launcher + " hook"));
  }

  @Test
  void givenNoLauncherKnown_install_saysHowToRunItInOneLine() {
    CliRun run = cli().run("install", "codex");

    assertEquals(2, run.status);
    assertEquals(
        "ralph-resume: cannot tell where this installation's launcher is (it was not started"
            + " through bin/ralph-resume): run bin/ralph-resume install codex, or pass --command"
            + " /absolute/path/to/bin/ralph-resume\n",
        run.err);
    assertFalse(Files.exists(codexHome));
  }

  @Test
  void givenAnUnknownTarget_install_isAUsageError() {
    CliRun run = cli().run("install", "claude", "--command", launcher.toString());

    assertEquals(2, run.status);
    assertEquals("ralph-resume: unknown target \"claude\": expected codex\n", run.err);
  }

  @Test
  void givenOurHooksAmongOthers_uninstall_removesExactlyOurs() throws Exception {
    Files.createDirectories(codexHome);
    String theirs = CodexHooks.text(CodexHooks.parse(THEIRS)); // as install writes text back
    Files.writeString(hooks, theirs);
    install();

    CliRun run = cli().run("uninstall", "codex");

    assertEquals(0, run.status, run.err);
    assertEquals(theirs, Files.readString(hooks));
    assertTrue(run.out.startsWith("Removed ralph-resume's Codex hooks (3 entries) from "), run.out);
  }

  @Test
  void givenOnlyOurHooks_uninstall_leavesNoEventBehind() throws Exception {
    install();

    assertEquals(0, cli().run("uninstall", "codex").status);

    assertEquals("{\n  \"hooks\": {}\n}\n", Files.readString(hooks));
  }

  @Test
  void givenNoHooksOfOurs_uninstall_changesNothing() throws Exception {
    Files.createDirectories(codexHome);
    Files.writeString(hooks, THEIRS);

    CliRun run = cli().run("uninstall", "codex");

    assertEquals(0, run.status);
    assertEquals("No ralph-resume hooks in " + hooks + "; nothing changed.\n", run.out);
    assertEquals(THEIRS, Files.readString(hooks));
    assertFalse(Files.exists(codexHome.resolve("hooks.json.bak")));
  }

  @Test
  void givenNoHooksFile_uninstall_saysThereIsNothingToRemove() {
    CliRun run = cli().run("uninstall", "codex");

    assertEquals(0, run.status);
    assertEquals("There is no " + hooks + "; nothing to remove.\n", run.out);
    assertFalse(Files.exists(codexHome));
  }

  private static String group(String matcher, String command) {
    return "{"
        + (matcher.isEmpty() ? "" : "\"matcher\":\"" + matcher + "\",")
        + "\"hooks\":[{\"type\":\"command\",\"command\":\""
        + command
        + "\",\"timeout\":30}]}";
  }

  /** Compact JSON as install writes it (two-space indentation, a final newline). */
  private static String json(String compact) {
    return CodexHooks.text(
        (JsonObject) JavaScriptJson.parse(compact.getBytes(StandardCharsets.UTF_8)).orElseThrow());
  }

  private static long count(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      return files.count();
    }
  }
}
