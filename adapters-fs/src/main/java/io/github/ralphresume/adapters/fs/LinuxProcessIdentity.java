package io.github.ralphresume.adapters.fs;

import io.github.ralphresume.domain.js.JsStrings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Process identity from {@code /proc}: the 22nd field of {@code /proc/<pid>/stat} (start ticks) and
 * {@code /proc/<pid>/cmdline}, read and normalised as oh-my-codex reads them.
 */
final class LinuxProcessIdentity implements ProcessIdentity {
  private final Path proc;

  LinuxProcessIdentity(Path proc) {
    this.proc = proc;
  }

  @Override
  public boolean isAlive(long pid) {
    // kill(2) takes an int; Node rejects anything else before signalling.
    if (pid <= 0 || pid > Integer.MAX_VALUE) return false;
    // A zombie still has its /proc entry, and kill(pid, 0) succeeds on it too.
    Path dir = proc.resolve(Long.toString(pid));
    if (!Files.exists(dir)) return false;
    // kill(pid, 0) also fails with EPERM for another user's process, and the original then
    // calls it dead: signalling needs our real or effective uid to equal the target's real or
    // saved uid, unless we are root.
    Optional<long[]> ours = uids(proc.resolve("self"));
    Optional<long[]> theirs = uids(dir);
    if (ours.isEmpty() || theirs.isEmpty()) return true;
    long[] self = ours.get();
    long[] target = theirs.get();
    if (self[1] == 0) return true;
    return self[0] == target[0]
        || self[0] == target[2]
        || self[1] == target[0]
        || self[1] == target[2];
  }

  /** Real, effective, saved and filesystem uids from {@code /proc/<pid>/status}. */
  private static Optional<long[]> uids(Path processDir) {
    try {
      for (String line : Files.readAllLines(processDir.resolve("status"), StandardCharsets.UTF_8)) {
        if (!line.startsWith("Uid:")) continue;
        String[] fields = splitOnWhiteSpace(JsStrings.trim(line.substring(4)));
        if (fields.length < 4) return Optional.empty();
        long[] uids = new long[4];
        for (int i = 0; i < 4; i++) uids[i] = Long.parseLong(fields[i]);
        return Optional.of(uids);
      }
    } catch (IOException | RuntimeException unreadable) {
      // Without status we cannot tell; /proc/<pid> exists, so say alive as kill(0) mostly would.
    }
    return Optional.empty();
  }

  @Override
  public Optional<String> limitation() {
    return Optional.empty();
  }

  @Override
  public Optional<Identity> identity(long pid) {
    Path dir = proc.resolve(Long.toString(pid));
    String stat;
    try {
      stat = new String(Files.readAllBytes(dir.resolve("stat")), StandardCharsets.UTF_8);
    } catch (IOException unreadable) {
      return Optional.empty();
    }
    Optional<Double> startTicks = startTicks(stat);
    if (startTicks.isEmpty()) return Optional.empty();
    Optional<String> cmdline;
    try {
      String raw = Utf8.decode(Files.readAllBytes(dir.resolve("cmdline")));
      // NULs become spaces; normalizeCmdline collapses the runs (no regex on the hook's path).
      cmdline = normalizeCmdline(JsStrings.trim(raw.replace('\u0000', ' ')));
    } catch (IOException unreadable) {
      cmdline = Optional.empty();
    }
    return Optional.of(new Identity(startTicks.get(), cmdline));
  }

  /** The 20th field after the {@code )} that closes the command name. */
  static Optional<Double> startTicks(String stat) {
    int commandEnd = stat.lastIndexOf(')');
    if (commandEnd < 0) return Optional.empty();
    String remainder = JsStrings.trim(stat.substring(commandEnd + 1));
    String[] fields = splitOnWhiteSpace(remainder);
    if (fields.length <= 19) return Optional.empty();
    double ticks = jsNumber(fields[19]);
    return Double.isFinite(ticks) ? Optional.of(ticks) : Optional.empty();
  }

  /** {@code cmdline.replace(/\s+/g, ' ').trim()}, empty counting as none. */
  static Optional<String> normalizeCmdline(String cmdline) {
    if (cmdline == null || cmdline.isEmpty()) return Optional.empty();
    StringBuilder collapsed = new StringBuilder(cmdline.length());
    boolean inSpace = false;
    for (int i = 0; i < cmdline.length(); i++) {
      char c = cmdline.charAt(i);
      if (JsStrings.isWhiteSpace(c)) {
        if (!inSpace) collapsed.append(' ');
        inSpace = true;
      } else {
        collapsed.append(c);
        inSpace = false;
      }
    }
    String normalized = JsStrings.trim(collapsed.toString());
    return normalized.isEmpty() ? Optional.empty() : Optional.of(normalized);
  }

  /** {@code text.split(/\s+/)} for text that is already trimmed. */
  private static String[] splitOnWhiteSpace(String text) {
    java.util.List<String> fields = new java.util.ArrayList<>();
    int start = 0;
    int i = 0;
    while (i < text.length()) {
      if (JsStrings.isWhiteSpace(text.charAt(i))) {
        fields.add(text.substring(start, i));
        while (i < text.length() && JsStrings.isWhiteSpace(text.charAt(i))) i++;
        start = i;
      } else {
        i++;
      }
    }
    fields.add(text.substring(start));
    return fields.toArray(new String[0]);
  }

  /** {@code Number(text)} for a decimal field of {@code /proc/<pid>/stat}. */
  private static double jsNumber(String text) {
    if (text.isEmpty()) return 0; // Number("") is 0
    // procfs writes plain decimals; anything else is treated as unreadable.
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') return Double.NaN;
    }
    return Double.parseDouble(text);
  }
}
