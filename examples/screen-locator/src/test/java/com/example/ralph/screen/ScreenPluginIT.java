package com.example.ralph.screen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real thing: a private GNU screen session, the real ralph-resume command line started in one
 * of its windows with this plugin in {@code --plugin-path}, and the Ralph document afterwards.
 * Needs {@code screen} (CI installs it).
 */
class ScreenPluginIT {
  @TempDir Path root;
  Path screenDir;
  final String session = "ralph-screen-it-" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeEach
  void privateScreenDir() throws IOException {
    // screen insists on a socket directory only its owner can enter.
    screenDir = root.resolve("screens");
    Files.createDirectory(screenDir, PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rwx------")));
  }

  @AfterEach
  void quitScreen() throws Exception {
    screen(false, "-S", session, "-X", "quit");
  }

  @Test
  void givenTheHookRunsInAScreenWindow_theResumedLoopPointsAtThatWindow() throws Exception {
    Path stateDir = root.resolve("project/.omx/state");
    Files.createDirectories(stateDir.resolve("sessions/sess-current"));
    Files.createDirectories(stateDir.resolve("sessions/sess-prior"));
    Files.writeString(stateDir.resolve("sessions/sess-prior/ralph-state.json"),
        "{\n  \"active\": true,\n  \"current_phase\": \"executing\",\n"
            + "  \"owner_codex_session_id\": \"codex-1\",\n"
            + "  \"updated_at\": \"" + Instant.now() + "\"\n}");
    Path plugins = Files.createDirectories(root.resolve("plugins"));
    Files.copy(Path.of(System.getProperty("plugin.jar")), plugins.resolve("screen-locator.jar"));
    Path out = root.resolve("out.json");
    Path err = root.resolve("err.txt");
    Path done = root.resolve("done");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // What the notify hook would run in the agent's window; no tmux in sight.
    Path agent = script("agent.sh",
        "env -u TMUX -u TMUX_PANE OMX_SESSION_ID=sess-current RALPH_RESUME_PANE_LOCATORS=screen \\\n"
            + "  '" + java + "' -cp '" + System.getProperty("cli.dir") + "/*' \\\n"
            + "  io.github.ralphresume.app.cli.Main reconcile --state-dir '" + stateDir + "' \\\n"
            + "  --codex-session-id codex-1 --json --plugin-path '" + plugins + "' \\\n"
            + "  > '" + out + "' 2> '" + err + "'\n"
            + "echo \"$? $WINDOW\" > '" + done + ".tmp' && mv '" + done + ".tmp' '" + done + "'\n"
            + "exec sleep 60\n");

    screen(true, "-dmS", session, "sh");
    long ready = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (screen(false, "-S", session, "-Q", "windows") != 0 && System.nanoTime() < ready) {
      Thread.sleep(50);
    }
    // A second window, as where the agent runs: window 1.
    screen(true, "-S", session, "-X", "screen", "-t", "agent", agent.toString());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.exists(done) && System.nanoTime() < deadline) Thread.sleep(50);

    assertTrue(Files.exists(done), "the command line finished in the screen window");
    assertEquals("0 1", Files.readString(done).trim(), Files.readString(err));
    assertEquals("", Files.readString(err));
    assertTrue(Files.readString(out).contains("\"resumed\":true"), Files.readString(out));
    String document =
        Files.readString(stateDir.resolve("sessions/sess-current/ralph-state.json"));
    assertTrue(document.contains("\"tmux_pane_id\": \"%1\""), document);
    assertTrue(document.contains("\"owner_omx_session_id\": \"sess-current\""), document);
  }

  private Path script(String name, String body) throws IOException {
    Path script = root.resolve(name);
    Files.writeString(script, "#!/bin/sh\n" + body, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }

  /** Runs screen against the private socket directory; returns its exit status. */
  private int screen(boolean mustSucceed, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("screen"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("SCREENDIR", screenDir.toString());
    builder.environment().remove("STY");
    builder.environment().remove("WINDOW");
    builder.environment().remove("TMUX");
    builder.environment().remove("TMUX_PANE");
    builder.environment().putIfAbsent("TERM", "xterm");
    Process process = builder.start();
    process.getOutputStream().close();
    assertTrue(process.waitFor(10, TimeUnit.SECONDS), "screen " + command);
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (mustSucceed) assertEquals(0, process.exitValue(), "screen " + command + ": " + output);
    return process.exitValue();
  }
}
