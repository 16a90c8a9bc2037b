package io.github.ralphresume.adapters.tmux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.ralphresume.domain.model.Environment;
import io.github.ralphresume.domain.model.PaneId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The standard locator against a real, private tmux server. */
class TmuxPaneLocatorIT {
  @TempDir Path dir;
  private TmuxTestServer tmux;

  @BeforeEach
  void startServer() {
    tmux = TmuxTestServer.start();
  }

  @AfterEach
  void killServer() {
    tmux.close();
  }

  // --- The reference's resolution (TMUX_PANE set) ---

  @Test
  void givenTmuxPaneRunningCodex_locate_keepsThatPane() {
    PaneId first = codexWindow();
    PaneId second = codexWindow();

    assertEquals(Optional.of(second), locate(processEnv(second.value())));
    assertEquals(Optional.of(first), locate(processEnv(first.value())));
  }

  @Test
  void givenTmuxPaneIsShell_locate_returnsCodexPaneOfSameSession() {
    hudWindow("main");
    PaneId codex = codexWindow();

    assertEquals(Optional.of(codex), locate(processEnv(tmux.shellPane().value())));
  }

  @Test
  void givenTmuxPaneIsHud_locate_returnsCodexPaneInstead() {
    PaneId hud = hudWindow("main");
    PaneId codex = codexWindow();

    PaneLookup lookup = lookup(tmux.settings(), processEnv(hud.value()));

    assertEquals(Optional.of(codex), lookup.pane());
    assertTrue(mentions(lookup, "is the OMX HUD"), lookup.notes().toString());
  }

  @Test
  void givenSessionWithoutCodexPane_locate_fallsBackToTmuxPane() {
    tmux.newWindow("main", "/bin/sh");
    hudWindow("main");
    tmux.newSession("other", StandIns.codex(dir).toString());
    PaneId shell = tmux.shellPane();

    // As the reference: resolveCodexPane() finds nothing in session main, so TMUX_PANE stands.
    assertEquals(Optional.of(shell), locate(processEnv(shell.value())));
  }

  @Test
  void givenTmuxPaneUnknownToServer_locate_fallsBackToIt() {
    codexWindow();

    assertEquals(Optional.of(new PaneId("%999")), locate(processEnv(" %999\n")));
  }

  @Test
  void givenTmuxPaneNamingASession_locate_findsNothingInsteadOfAskingTmux() {
    codexWindow();

    // tmux would read "main" as the session; only a pane id may reach tmux or be returned.
    PaneLookup lookup = lookup(tmux.settings(), processEnv("main"));

    assertEquals(Optional.empty(), lookup.pane());
    assertTrue(mentions(lookup, "is not a tmux pane id"), lookup.notes().toString());
  }

  @Test
  void givenCallerSuppliedEnvironmentWithoutPane_locate_checksTheProcessPane() {
    PaneId codex = codexWindow();
    Map<String, String> settings = tmux.settings();
    settings.put("TMUX_PANE", tmux.shellPane().value());

    // The reference's resolveCodexPane() reads process.env even for an injected env map.
    assertEquals(
        Optional.of(codex), PaneLocators.standard(settings).locate(Environment.injected(Map.of())));
  }

  // --- tmux calls: missing, hung, never given an invalid id ---

  @Test
  void givenCallerSuppliedTmuxPane_locate_usesItWithoutCallingTmux() {
    Path calls = dir.resolve("calls");
    Map<String, String> settings = fakeTmuxSettings("echo \"$@\" >> " + calls + "\nexit 1");

    PaneLookup lookup = lookup(settings, Environment.injected(Map.of("TMUX_PANE", " %7 ")));

    assertEquals(Optional.of(new PaneId("%7")), lookup.pane());
    assertFalse(Files.exists(calls), "tmux was called");
  }

  @Test
  void givenTmuxMissingFromPath_locate_fallsBackToTmuxPaneAndSaysWhy() throws IOException {
    PaneId codex = codexWindow();
    Map<String, String> settings = tmux.settings();
    settings.put("PATH", Files.createDirectories(dir.resolve("empty")).toString());

    PaneLookup lookup = lookup(settings, processEnv(tmux.shellPane().value()));

    assertEquals(Optional.of(tmux.shellPane()), lookup.pane());
    assertFalse(lookup.pane().equals(Optional.of(codex)));
    assertTrue(mentions(lookup, "tmux not found on PATH"), lookup.notes().toString());
  }

  @Test
  void givenNoTmuxServer_locate_fallsBackToTmuxPaneAndSaysWhy() {
    PaneId shell = tmux.shellPane();
    tmux.close();

    PaneLookup withPane = lookup(tmux.settings(), processEnv(shell.value()));
    PaneLookup withoutPane = lookup(tmux.settings(), Environment.ofProcess(Map.of()));

    assertEquals(Optional.of(shell), withPane.pane());
    // tmux's own words ("no server running on …" or "error connecting to …") follow.
    assertTrue(
        mentions(withPane, "tmux display-message failed (exit 1): "), withPane.notes().toString());
    assertEquals(Optional.empty(), withoutPane.pane());
    // The fallbacks see the server's socket is gone and do not run tmux at all.
    assertTrue(
        mentions(withoutPane, "tmux-ancestry: no tmux server: "), withoutPane.notes().toString());
  }

  @Test
  void givenTmuxMissingFromPathAndNoTmuxPane_locate_findsNothing() throws IOException {
    Map<String, String> settings = tmux.settings();
    settings.put("PATH", Files.createDirectories(dir.resolve("empty")).toString());

    PaneLookup lookup = lookup(settings, Environment.ofProcess(Map.of()));

    assertEquals(Optional.empty(), lookup.pane());
    assertTrue(mentions(lookup, "tmux-env: TMUX_PANE is not set"), lookup.notes().toString());
  }

  @Test
  void givenHungTmux_locate_givesUpAfterTwoSecondsPerCallAndKillsIt() throws IOException {
    Path calls = dir.resolve("calls");
    // Records its pid and its child's: both must be gone afterwards.
    Map<String, String> settings =
        fakeTmuxSettings("echo $$ >> " + calls + "\nsleep 30 &\necho $! >> " + calls + "\nwait");

    long started = System.nanoTime();
    PaneLookup lookup = lookup(settings, processEnv("%3"));
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    // Two calls time out (pane check, session name), as in the reference; then TMUX_PANE stands.
    assertEquals(Optional.of(new PaneId("%3")), lookup.pane());
    assertTrue(took.compareTo(Duration.ofMillis(3900)) >= 0, "gave up early: " + took);
    assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "hung: " + took);
    assertTrue(mentions(lookup, "timed out after 2000 ms"), lookup.notes().toString());
    List<Long> pids =
        Files.readAllLines(calls).stream().map(Long::parseLong).collect(Collectors.toList());
    assertEquals(4, pids.size(), "tmux calls and their children: " + pids);
    for (long pid : pids) awaitGone(pid);
  }

  @ParameterizedTest
  @ValueSource(strings = {"%1;kill-server", "%1 %2", "abc", "%", "42", "%-1", "%4x", "%%1"})
  void givenInvalidTmuxPane_locate_rejectsItWithoutCallingTmux(String value) {
    Path calls = dir.resolve("calls");
    Map<String, String> settings = fakeTmuxSettings("echo \"$@\" >> " + calls + "\nexit 1");

    PaneLookup lookup = lookup(settings, processEnv(value));

    assertEquals(Optional.empty(), lookup.pane());
    assertFalse(Files.exists(calls), "tmux was called");
    assertTrue(mentions(lookup, "is not a tmux pane id"), lookup.notes().toString());
    assertTrue(PaneLocators.tmuxPaneProblem(processEnv(value)).isPresent());
  }

  // --- Fallbacks without TMUX_PANE: terminal and process tree ---

  @Test
  void givenProcessOnCodexPaneTerminal_ttyLocator_findsThatPane() {
    Path out = dir.resolve("probe.out");
    PaneId pane =
        tmux.newWindow(
            "main",
            StandIns.codexRunning(
                    dir, StandIns.probe(out, "tty", "tmux-tty", "-", PaneProbe.TERMINALS, "-", "-"))
                .toString());

    Map<String, String[]> answers = awaitProbe(out, pane);

    assertEquals(pane.value(), answers.get("tty")[0], Arrays.toString(answers.get("tty")));
    String[] terminals = answers.get(PaneProbe.TERMINALS);
    assertEquals(tmux.format(pane, "#{pane_tty}"), terminals[0], "from /proc/self/fd");
    assertEquals(terminals[0], terminals[1], "libc's ttyname through JNA agrees");
  }

  @Test
  void givenProcessInCodexPaneWithoutTerminal_ancestryLocator_findsThatPane() {
    Path out = dir.resolve("probe.out");
    String probe =
        StandIns.probe(out, "ancestry", "tmux-ancestry", "-", "tty", "tmux-tty", "-")
            + " </dev/null >"
            + dir.resolve("probe.log")
            + " 2>&1";
    PaneId pane = tmux.newWindow("main", StandIns.codexRunning(dir, probe).toString());

    Map<String, String[]> answers = awaitProbe(out, pane);

    assertEquals(
        pane.value(), answers.get("ancestry")[0], Arrays.toString(answers.get("ancestry")));
    // The terminal is redirected away, so only the process tree can tell.
    assertEquals("none", answers.get("tty")[0], Arrays.toString(answers.get("tty")));
  }

  @Test
  void givenProcessInCodexPane_standardLocator_usesFallbacksOnlyWithoutTmuxPane() {
    Path out = dir.resolve("probe.out");
    PaneId pane =
        tmux.newWindow(
            "main",
            StandIns.codexRunning(
                    dir,
                    StandIns.probe(
                        out, "unset", "-", "-", "unknown", "-", "%999", "invalid", "-", "bogus"))
                .toString());

    Map<String, String[]> answers = awaitProbe(out, pane);

    assertEquals(pane.value(), answers.get("unset")[0], Arrays.toString(answers.get("unset")));
    // With TMUX_PANE set the answer is the reference's, even where a fallback would find the pane.
    assertEquals("%999", answers.get("unknown")[0], Arrays.toString(answers.get("unknown")));
    assertEquals("none", answers.get("invalid")[0], Arrays.toString(answers.get("invalid")));
  }

  @Test
  void givenProcessInShellPane_fallbacks_rejectThePane() {
    Path out = dir.resolve("probe.out");
    Path script =
        StandIns.shellRunning(
            dir, StandIns.probe(out, "tty", "tmux-tty", "-", "ancestry", "tmux-ancestry", "-"));
    PaneId pane = tmux.newWindow("main", "/bin/bash", script.toString());

    Map<String, String[]> answers = awaitProbe(out, pane);

    for (String label : List.of("tty", "ancestry")) {
      assertEquals("none", answers.get(label)[0], Arrays.toString(answers.get(label)));
      assertTrue(answers.get(label)[1].contains("not node, codex or npx"), answers.get(label)[1]);
    }
  }

  @Test
  void givenProcessInHudPane_fallbacks_rejectThePane() {
    Path out = dir.resolve("probe.out");
    Path hud =
        StandIns.omxRunning(
            dir, StandIns.probe(out, "tty", "tmux-tty", "-", "ancestry", "tmux-ancestry", "-"));
    PaneId pane = tmux.newWindow("main", hud.toString(), "hud", "--watch");

    Map<String, String[]> answers = awaitProbe(out, pane);

    for (String label : List.of("tty", "ancestry")) {
      assertEquals("none", answers.get(label)[0], Arrays.toString(answers.get(label)));
      assertTrue(answers.get(label)[1].contains("is the OMX HUD"), answers.get(label)[1]);
    }
  }

  @Test
  void givenProcessOutsideAnyPane_fallbacks_findNothing() {
    codexWindow();
    Map<String, String> settings = tmux.settings();
    settings.put(PaneLookupSettings.PANE_LOCATORS, "tmux-tty,tmux-ancestry");

    assertEquals(Optional.empty(), locate(settings, Environment.ofProcess(Map.of())));
  }

  // --- helpers ---

  private PaneId codexWindow() {
    PaneId pane = tmux.newWindow("main", StandIns.codex(dir).toString());
    tmux.awaitCurrentCommand(pane, "node");
    return pane;
  }

  private PaneId hudWindow(String session) {
    PaneId pane = tmux.newWindow(session, StandIns.omx(dir).toString(), "hud", "--watch");
    tmux.awaitCurrentCommand(pane, "node");
    return pane;
  }

  private Optional<PaneId> locate(Environment environment) {
    return locate(tmux.settings(), environment);
  }

  private static Optional<PaneId> locate(Map<String, String> settings, Environment environment) {
    return PaneLocators.standard(settings).locate(environment);
  }

  private static PaneLookup lookup(Map<String, String> settings, Environment environment) {
    return PaneLocators.explain(PaneLocators.standard(settings), environment);
  }

  private static Environment processEnv(String tmuxPane) {
    return Environment.ofProcess(Map.of("TMUX_PANE", tmuxPane));
  }

  private Map<String, String> fakeTmuxSettings(String body) {
    Map<String, String> settings = new HashMap<>(tmux.settings());
    settings.put(PaneLookupSettings.TMUX_BIN, StandIns.fakeTmux(dir, body).toString());
    return settings;
  }

  private static boolean mentions(PaneLookup lookup, String text) {
    return lookup.notes().stream().anyMatch(note -> note.contains(text));
  }

  /** The probe's answers by scenario label: {pane-or-none, notes}. */
  private Map<String, String[]> awaitProbe(Path out, PaneId pane) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!Files.exists(out)) {
      if (System.nanoTime() > deadline) {
        fail(
            "the probe in "
                + pane
                + " wrote nothing; the pane shows:\n"
                + TmuxTestServer.tmux(tmux.socket(), "capture-pane", "-p", "-t", pane.value()));
      }
      TmuxTestServer.sleep(100);
    }
    Map<String, String[]> answers = new HashMap<>();
    try {
      for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
        String[] fields = line.split("\t", 3);
        answers.put(fields[0], new String[] {fields[1], fields.length > 2 ? fields[2] : ""});
      }
    } catch (IOException e) {
      return fail(e);
    }
    return answers;
  }

  private static void awaitGone(long pid) {
    long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
    while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      if (System.nanoTime() > deadline) fail("process " + pid + " of the hung tmux still runs");
      TmuxTestServer.sleep(50);
    }
  }
}
