package io.github.ralphresume.adapters.tmux;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one tmux command as an argument list (never through a shell, so a pane id or session name
 * cannot inject anything), with the reference's 2 s limit. Every failure becomes a {@link
 * TmuxResult.Failure}: a pane lookup must never break the agent's turn.
 */
final class TmuxClient {
  // Output is read on daemon threads: a hung tmux must not keep the JVM alive or block the caller.
  private static final ExecutorService READERS =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "ralph-resume-tmux-output");
            thread.setDaemon(true);
            return thread;
          });

  private final PaneLookupSettings settings;

  TmuxClient(PaneLookupSettings settings) {
    this.settings = settings;
  }

  /**
   * Why no tmux server can be listening, told from its socket without running tmux: the socket tmux
   * would connect to ({@code -S} path; {@code -L} name, else {@code default}, in {@code
   * ${TMUX_TMPDIR:-/tmp}/tmux-<uid>}; or {@code $TMUX}'s when neither is given) does not exist.
   * Empty whenever that cannot be told for sure (no uid, a {@code TMUX_TMPDIR} that is not a
   * directory, which tmux replaces with {@code /tmp}): then tmux itself is asked. Starting tmux
   * from a cold JVM costs a hook about 20 ms, so the fallbacks ask this first; the reference's own
   * lookup ({@code tmux-env}) always asks tmux.
   */
  Optional<String> serverAbsent() {
    // tmux inherits this process's environment, so that is where it finds TMUX and TMUX_TMPDIR.
    return serverAbsent(System.getenv(), realUid());
  }

  Optional<String> serverAbsent(Map<String, String> processEnvironment, Optional<Integer> uid) {
    Path socket;
    Optional<String> configured = settings.tmuxSocket();
    String inherited = processEnvironment.getOrDefault("TMUX", "");
    int comma = inherited.indexOf(',');
    String inheritedSocket = comma < 0 ? inherited : inherited.substring(0, comma);
    if (configured.isPresent() && configured.get().contains("/")) {
      socket = Path.of(configured.get());
    } else if (configured.isEmpty() && !inherited.isEmpty()) {
      if (inheritedSocket.isEmpty()) return Optional.empty();
      socket = Path.of(inheritedSocket);
    } else {
      if (uid.isEmpty()) return Optional.empty();
      String tmpdir = processEnvironment.getOrDefault("TMUX_TMPDIR", "");
      if (!tmpdir.isEmpty() && !Files.isDirectory(Path.of(tmpdir))) return Optional.empty();
      socket =
          Path.of(tmpdir.isEmpty() ? "/tmp" : tmpdir)
              .resolve("tmux-" + uid.get())
              .resolve(configured.orElse("default"));
    }
    return Files.exists(socket)
        ? Optional.empty()
        : Optional.of("no tmux server: " + socket + " does not exist");
  }

  /** The real uid from {@code /proc/self/status} (Linux); tmux names its socket dir after it. */
  private static Optional<Integer> realUid() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (!line.startsWith("Uid:")) continue;
        String ids = line.substring(4).trim();
        int end = 0;
        while (end < ids.length() && ids.charAt(end) >= '0' && ids.charAt(end) <= '9') end++;
        return Optional.of(Integer.parseInt(ids.substring(0, end)));
      }
    } catch (IOException | RuntimeException unknown) {
      // Not Linux, or an unexpected format: let tmux itself find out.
    }
    return Optional.empty();
  }

  /** {@code tmux display-message -t PANE -p FORMAT}. */
  TmuxResult displayMessage(String target, String format) {
    return run(List.of("display-message", "-t", target, "-p", format));
  }

  TmuxResult run(List<String> arguments) {
    String what = "tmux " + arguments.get(0);
    Optional<Path> binary = TmuxBinary.resolve(settings.tmuxCommand(), settings.searchPath());
    if (binary.isEmpty()) {
      return new TmuxResult.Failure(
          settings.tmuxCommand().contains("/")
              ? "tmux binary " + settings.tmuxCommand() + " is not an executable file"
              : settings.tmuxCommand() + " not found on PATH");
    }
    List<String> command = new ArrayList<>();
    command.add(binary.get().toString());
    command.addAll(settings.tmuxServerArguments());
    command.addAll(arguments);
    Process process;
    try {
      process = new ProcessBuilder(command).start();
    } catch (IOException | RuntimeException e) {
      return new TmuxResult.Failure("cannot run " + binary.get() + ": " + e.getMessage());
    }
    try {
      process.getOutputStream().close();
    } catch (IOException ignored) {
      // tmux never reads stdin; a failed close changes nothing.
    }
    CompletableFuture<byte[]> stdout = readAll(process.getInputStream());
    CompletableFuture<byte[]> stderr = readAll(process.getErrorStream());
    long deadline = System.nanoTime() + settings.timeout().toNanos();
    try {
      if (!process.waitFor(settings.timeout().toNanos(), TimeUnit.NANOSECONDS)) {
        kill(process);
        return timedOut(what);
      }
      byte[] out = stdout.get(remaining(deadline), TimeUnit.NANOSECONDS);
      byte[] err = stderr.get(remaining(deadline), TimeUnit.NANOSECONDS);
      if (process.exitValue() != 0) {
        return new TmuxResult.Failure(
            what + " failed (exit " + process.exitValue() + ")" + firstLine(err));
      }
      return new TmuxResult.Output(new String(out, StandardCharsets.UTF_8));
    } catch (TimeoutException e) {
      // tmux exited but something it started still holds its output open.
      kill(process);
      return timedOut(what);
    } catch (InterruptedException e) {
      kill(process);
      Thread.currentThread().interrupt();
      return new TmuxResult.Failure(what + " was interrupted");
    } catch (ExecutionException e) {
      kill(process);
      return new TmuxResult.Failure(what + ": cannot read its output: " + e.getCause());
    }
  }

  private TmuxResult timedOut(String what) {
    return new TmuxResult.Failure(
        what + " timed out after " + settings.timeout().toMillis() + " ms and was killed");
  }

  private static CompletableFuture<byte[]> readAll(InputStream stream) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (stream) {
            return stream.readAllBytes();
          } catch (IOException e) {
            return new byte[0];
          }
        },
        READERS);
  }

  /** Kills tmux and whatever it started, so nothing keeps the output pipes open afterwards. */
  private static void kill(Process process) {
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
  }

  private static long remaining(long deadline) {
    return Math.max(0, deadline - System.nanoTime());
  }

  private static String firstLine(byte[] stderr) {
    String text = new String(stderr, StandardCharsets.UTF_8).strip();
    if (text.isEmpty()) return "";
    int end = text.indexOf('\n');
    return ": " + Notes.oneLine(end < 0 ? text : text.substring(0, end));
  }
}
