package io.github.ralphresume.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ralphresume.testing.StateDirFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI typed into a real tmux pane where a stand-in {@code codex} runs, as the notify hook runs
 * there: the resumed loop must point at that pane. Needs tmux (CI installs it).
 */
class CliInTmuxPaneIT {
  @TempDir Path root;
  final String socket = "ralph-resume-cli-it-" + UUID.randomUUID();

  String tmux(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("tmux", "-L", socket, "-f", "/dev/null"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertTrue(process.waitFor(10, TimeUnit.SECONDS), "tmux " + command);
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), "tmux " + String.join(" ", args) + ": " + out);
    return out.trim();
  }

  @AfterEach
  void killServer() throws Exception {
    Process where =
        new ProcessBuilder("tmux", "-L", socket, "display-message", "-p", "#{socket_path}").start();
    boolean answered = where.waitFor(10, TimeUnit.SECONDS) && where.exitValue() == 0;
    String socketPath =
        answered
            ? new String(where.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim()
            : "";
    new ProcessBuilder("tmux", "-L", socket, "kill-server").start().waitFor(10, TimeUnit.SECONDS);
    // tmux leaves its socket file behind; one per run would pile up in /tmp.
    if (!socketPath.isEmpty()) Files.deleteIfExists(Path.of(socketPath));
  }

  @Test
  void givenTheHookRunsInsideTheAgentsPane_theResumedLoopPointsAtThatPane() throws Exception {
    StateDirFixture state = StateDirFixture.resumable(root);
    // A stand-in agent: its start command says "codex", and it gives us a shell to type into.
    Path codex = root.resolve("bin").resolve("codex");
    Files.createDirectories(codex.getParent());
    Files.writeString(codex, "#!/bin/sh\nexec sh\n");
    Files.setPosixFilePermissions(codex, PosixFilePermissions.fromString("rwxr-xr-x"));
    tmux("new-session", "-d", "-s", "agent", "-x", "200", "-y", "50", codex.toString());
    String pane = tmux("display-message", "-p", "-t", "agent", "#{pane_id}");
    Path out = root.resolve("out.json");

    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String command =
        "env OMX_SESSION_ID=sess-current '"
            + java
            + "' -cp '"
            + System.getProperty("java.class.path")
            + "' "
            + Main.class.getName()
            + " reconcile --state-dir '"
            + state.stateDir
            + "' --codex-session-id "
            + StateDirFixture.CODEX
            + " --json > '"
            + out
            + "' 2>&1; tmux -L "
            + socket
            + " wait-for -S reconciled";
    tmux("send-keys", "-t", pane, command, "Enter");
    Process waiting = new ProcessBuilder("tmux", "-L", socket, "wait-for", "reconciled").start();
    assertTrue(waiting.waitFor(60, TimeUnit.SECONDS), "the CLI finished in the pane");

    assertTrue(Files.readString(out).contains("\"resumed\":true"), Files.readString(out));
    assertTrue(
        state.read("sess-current").contains("\"tmux_pane_id\": \"" + pane + "\""),
        state.read("sess-current"));
  }
}
