package com.example.ralph.screen;

import io.github.ralphresume.adapters.tmux.ExplainingPaneLocator;
import io.github.ralphresume.adapters.tmux.PaneLookup;
import io.github.ralphresume.domain.model.Environment;
import io.github.ralphresume.domain.model.PaneId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The GNU screen window the agent runs in, from the {@code STY} and {@code WINDOW} variables
 * screen gives every process in a window, checked with the screen server ({@code screen -S $STY
 * -p $WINDOW -Q number}) so that stale variables (a session that ended, a window that closed)
 * find nothing.
 *
 * <p>What a "pane" is here: ralph-resume's pane ids are tmux's, {@code %} and digits, so screen
 * window {@code N} is reported as {@code %N}. The loop's {@code tmux_pane_id} then names the
 * screen window by its number; whatever sends the nudges must read it that way (OMX's own tmux
 * nudges would look for tmux pane {@code %N}).
 *
 * <p>Like every locator, it never throws: no screen, no session, a failing or hanging {@code
 * screen} all mean "no pane", with a remark saying why.
 */
final class ScreenPaneLocator implements ExplainingPaneLocator {
  /** screen's session name: {@code <pid>.<name>}; anything else is never handed to screen. */
  private static final Pattern STY = Pattern.compile("[0-9]+\\.[A-Za-z0-9._-]{1,80}");

  private static final Pattern WINDOW = Pattern.compile("[0-9]{1,4}");

  private final String binary;
  private final Duration timeout;

  ScreenPaneLocator(String binary, Duration timeout) {
    this.binary = binary;
    this.timeout = timeout;
  }

  @Override
  public PaneLookup lookup(Environment environment) {
    String sty = environment.get("STY").map(String::trim).orElse("");
    String window = environment.get("WINDOW").map(String::trim).orElse("");
    if (sty.isEmpty() || window.isEmpty()) {
      return PaneLookup.none(List.of("STY or WINDOW is not set: not inside a GNU screen window"));
    }
    if (!STY.matcher(sty).matches() || !WINDOW.matcher(window).matches()) {
      return PaneLookup.none(
          List.of("STY or WINDOW is not what screen sets (<pid>.<name>, a number); ignored"));
    }
    String answer;
    try {
      answer = ask(List.of(binary, "-S", sty, "-p", window, "-Q", "number"));
    } catch (IOException e) {
      return PaneLookup.none(List.of("cannot ask screen: " + oneLine(e.getMessage())));
    }
    // "-Q number" prints the window's number and title, e.g. "1 (agent)".
    String number = answer.trim().split("\\s", 2)[0];
    if (!number.equals(window)) {
      return PaneLookup.none(
          List.of("screen session " + sty + " has no window " + window + ": " + oneLine(answer)));
    }
    PaneId pane = new PaneId("%" + window);
    return PaneLookup.found(
        pane, List.of("screen session " + sty + " window " + window + " is reported as " + pane));
  }

  /** Runs screen with an argument list (never a shell) and returns its output, or throws. */
  private String ask(List<String> command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IOException("screen did not answer within " + timeout.toMillis() + " ms");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while asking screen");
    }
    // The answer is one short line; it is in the pipe's buffer once screen has exited.
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      throw new IOException("screen " + String.join(" ", command.subList(1, command.size()))
          + " failed (exit " + process.exitValue() + "): " + output.trim());
    }
    return output;
  }

  private static String oneLine(String text) {
    String line = String.valueOf(text).replaceAll("\\s+", " ").trim();
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }
}
