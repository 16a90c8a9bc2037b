package io.github.ralphresume.adapters.tmux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ralphresume.domain.model.Environment;
import io.github.ralphresume.domain.model.PaneId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The terminal and process-tree fallbacks against a fake tmux that lists three panes: {@code %1} a
 * shell, {@code %2} codex (as node), {@code %3} the HUD (as node). The ITs repeat this with a real
 * tmux and a real terminal.
 */
class FallbackLocatorsTest {
  private static final Environment NO_TMUX_PANE = Environment.ofProcess(Map.of());

  @TempDir Path dir;
  private PaneLookupSettings settings;
  private long parentPid;

  @BeforeEach
  void fakeTmux() {
    parentPid = ProcessHandle.current().parent().orElseThrow().pid();
    Path tmux =
        StandIns.fakeTmux(
            dir,
            String.join(
                "\n",
                // The pane follows -t wherever the server arguments put it.
                "pane=$(printf '%s\\n' \"$@\" | grep -A1 -x -e -t | tail -n 1)",
                "case \"$*\" in",
                "  *pane_tty*) printf '%%1\\t/dev/pts/1\\n"
                    + "%%2\\t/dev/pts/2\\n"
                    + "%%3\\t/dev/pts/3\\n"
                    + "' ;;",
                "  *pane_pid*) printf '%%1\\t1\\n%%2\\t" + parentPid + "\\n%%3\\t3\\n' ;;",
                "  *pane_current_command*)",
                "    if [ \"$pane\" = %1 ]; then echo bash; else echo node; fi ;;",
                "  *pane_start_command*)",
                "    if [ \"$pane\" = %3 ]; then echo 'omx hud --watch'; else echo codex; fi ;;",
                "  *) exit 1 ;;",
                "esac"));
    settings =
        PaneLookupSettings.from(
            Map.of(
                PaneLookupSettings.TMUX_BIN,
                tmux.toString(),
                PaneLookupSettings.TMUX_SOCKET,
                serverSocket().toString(),
                "PATH",
                "/usr/bin:/bin"));
  }

  /** The fake tmux needs no server, but the fallbacks only ask tmux when its socket exists. */
  private Path serverSocket() {
    Path socket = dir.resolve("server.sock");
    try {
      if (!Files.exists(socket)) Files.createFile(socket);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return socket;
  }

  @Test
  void givenTerminalOfCodexPane_ttyLocator_findsThatPane() {
    assertEquals(Optional.of(new PaneId("%2")), tty("/dev/pts/9", "/dev/pts/2").pane());
  }

  @Test
  void givenTerminalOfShellOrHud_ttyLocator_rejectsThePane() {
    PaneLookup shell = tty("/dev/pts/1");
    PaneLookup hud = tty("/dev/pts/3");

    assertEquals(Optional.empty(), shell.pane());
    assertTrue(
        shell.notes().get(0).contains("\"bash\", not node, codex or npx"),
        shell.notes().toString());
    assertEquals(Optional.empty(), hud.pane());
    assertTrue(hud.notes().get(0).contains("is the OMX HUD"), hud.notes().toString());
  }

  @Test
  void givenTerminalOfNoPane_ttyLocator_findsNothing() {
    assertEquals(
        List.of("no tmux pane has terminal /dev/pts/7 or /dev/pts/8"),
        tty("/dev/pts/7", "/dev/pts/8").notes());
  }

  @Test
  void givenNoTerminal_ttyLocator_findsNothing() {
    assertEquals(List.of("stdin, stdout and stderr are not terminals"), tty().notes());
  }

  @Test
  void givenTmuxPaneSet_fallbacks_stayQuietEvenWhenTheyWouldFindAPane() {
    Environment invalid = Environment.ofProcess(Map.of("TMUX_PANE", "bogus"));
    Environment injectedEmpty = Environment.injected(Map.of());
    PaneLookupSettings withProcessPane =
        PaneLookupSettings.from(
            Map.of(
                PaneLookupSettings.TMUX_BIN,
                settings.tmuxCommand(),
                PaneLookupSettings.TMUX_SOCKET,
                serverSocket().toString(),
                "TMUX_PANE",
                "%9"));

    assertEquals(Optional.empty(), ttyLocator(settings, "/dev/pts/2").locate(invalid));
    assertEquals(Optional.empty(), ancestry(settings).locate(invalid));
    // A caller-supplied map without TMUX_PANE: the reference verifies the process's own pane.
    assertEquals(Optional.empty(), ttyLocator(withProcessPane, "/dev/pts/2").locate(injectedEmpty));
    assertEquals(
        Optional.of(new PaneId("%2")), ttyLocator(settings, "/dev/pts/2").locate(injectedEmpty));
  }

  @Test
  void givenParentRunsInCodexPane_ancestryLocator_findsThatPane() {
    PaneLookup lookup = ancestry(settings).lookup(NO_TMUX_PANE);

    assertEquals(Optional.of(new PaneId("%2")), lookup.pane());
    assertEquals(List.of("pane %2 runs ancestor process " + parentPid), lookup.notes());
  }

  @Test
  void givenNoAncestorInAnyPane_ancestryLocator_findsNothing() {
    PaneLookupSettings otherTmux =
        PaneLookupSettings.from(
            Map.of(
                PaneLookupSettings.TMUX_BIN,
                StandIns.fakeTmux(dir.resolve("other"), "printf '%%1\\t999999999\\n'").toString(),
                PaneLookupSettings.TMUX_SOCKET,
                serverSocket().toString()));

    assertEquals(
        List.of("no tmux pane runs this process or one of its ancestors"),
        ancestry(otherTmux).lookup(NO_TMUX_PANE).notes());
  }

  @Test
  void givenNoTmuxServerSocket_fallbacks_findNothingWithoutRunningTmux() throws IOException {
    Path calls = dir.resolve("calls");
    Path absent = dir.resolve("no-server");
    PaneLookupSettings noServer =
        PaneLookupSettings.from(
            Map.of(
                PaneLookupSettings.TMUX_BIN,
                StandIns.fakeTmux(dir.resolve("counting"), "echo \"$@\" >> " + calls).toString(),
                PaneLookupSettings.TMUX_SOCKET,
                absent.toString()));

    PaneLookup byTerminal = ttyLocator(noServer, "/dev/pts/2").lookup(NO_TMUX_PANE);
    PaneLookup byAncestry = ancestry(noServer).lookup(NO_TMUX_PANE);

    String expected = "no tmux server: " + absent + " does not exist";
    assertEquals(List.of(expected), byTerminal.notes());
    assertEquals(List.of(expected), byAncestry.notes());
    assertFalse(Files.exists(calls), () -> "tmux was run: " + read(calls));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private PaneLookup tty(String... terminals) {
    return ttyLocator(settings, terminals).lookup(NO_TMUX_PANE);
  }

  private static TmuxTtyPaneLocator ttyLocator(PaneLookupSettings settings, String... terminals) {
    return new TmuxTtyPaneLocator(settings, () -> List.of(terminals));
  }

  private static TmuxAncestryPaneLocator ancestry(PaneLookupSettings settings) {
    return new TmuxAncestryPaneLocator(settings, ProcessHandle.current());
  }
}
