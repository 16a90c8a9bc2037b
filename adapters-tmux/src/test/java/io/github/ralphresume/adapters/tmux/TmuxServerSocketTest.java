package io.github.ralphresume.adapters.tmux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fallbacks skip starting tmux only when they are sure no server listens: the socket tmux would
 * use does not exist. Where they cannot be sure, tmux is asked as before. The real-server cases (a
 * live {@code -L} server found, a killed one not) are in {@code TmuxPaneLocatorIT}.
 */
class TmuxServerSocketTest {
  private static final Optional<Integer> UID = Optional.of(1234);

  @TempDir Path dir;

  private static TmuxClient client(String socketSetting) {
    return new TmuxClient(
        PaneLookupSettings.from(
            socketSetting == null
                ? Map.of()
                : Map.of(PaneLookupSettings.TMUX_SOCKET, socketSetting)));
  }

  @Test
  void givenSocketPath_itsExistenceDecides() throws IOException {
    Path socket = dir.resolve("s");

    assertEquals(
        Optional.of("no tmux server: " + socket + " does not exist"),
        client(socket.toString()).serverAbsent(Map.of(), UID));
    Files.createFile(socket);
    assertEquals(Optional.empty(), client(socket.toString()).serverAbsent(Map.of(), UID));
  }

  @Test
  void givenSocketName_itIsLookedForInTmuxTmpdirUnderTheUid() throws IOException {
    Map<String, String> env = Map.of("TMUX_TMPDIR", dir.toString());
    Path expected = dir.resolve("tmux-1234").resolve("work");

    assertEquals(
        Optional.of("no tmux server: " + expected + " does not exist"),
        client("work").serverAbsent(env, UID));
    Files.createDirectories(expected.getParent());
    Files.createFile(expected);
    assertEquals(Optional.empty(), client("work").serverAbsent(env, UID));
  }

  @Test
  void givenNoSetting_theInheritedTmuxSocketIsTheOne_elseDefaultInTmp() {
    Path inherited = dir.resolve("from-tmux-env");

    assertEquals(
        Optional.of("no tmux server: " + inherited + " does not exist"),
        client(null).serverAbsent(Map.of("TMUX", inherited + ",4242,0"), UID));
    assertEquals(
        Optional.of("no tmux server: /tmp/tmux-1234/default does not exist"),
        client(null).serverAbsent(Map.of(), UID));
  }

  @Test
  void givenWhatTmuxWouldResolveDifferently_tmuxIsAskedInstead() {
    // tmux replaces a TMUX_TMPDIR that is not a directory with /tmp; an empty $TMUX path is
    // ignored by tmux; without the uid the directory is unknown.
    assertEquals(
        Optional.empty(),
        client("work").serverAbsent(Map.of("TMUX_TMPDIR", dir.resolve("missing").toString()), UID));
    assertEquals(Optional.empty(), client(null).serverAbsent(Map.of("TMUX", ",4242,0"), UID));
    assertEquals(Optional.empty(), client("work").serverAbsent(Map.of(), Optional.empty()));
  }
}
