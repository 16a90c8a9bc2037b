package io.github.ralphresume.adapters.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Replaces a file atomically and durably: the bytes go to a temp file in the same directory, which
 * is flushed to disk, renamed over the target, and the directory flushed too, so after a crash or
 * power loss a reader finds the old document or the new one, never an empty or half one. Temp files
 * are named as the original names them, {@code <file>.tmp-<pid>-<ms>-<hex>}, which is how a crashed
 * writer's leftovers are recognised.
 */
class AtomicFileWriter {
  private static final String TEMP_MARK = ".tmp-";

  /** A leftover younger than this may belong to a live writer whose pid we cannot see. */
  static final long LEFTOVER_MIN_AGE_MS = 60_000;

  private final Consumer<String> crashPoints;

  AtomicFileWriter() {
    this(point -> {});
  }

  /**
   * A writer that tells {@code crashPoints} when it reaches {@code write-temp-synced} and {@code
   * write-renamed}. The adapters never pass one; the crash tests get a store and a journal with one
   * from this module's test-jar ({@code io.github.ralphresume.testing.WriteSteps}).
   */
  AtomicFileWriter(Consumer<String> crashPoints) {
    this.crashPoints = crashPoints;
  }

  void write(Path target, byte[] bytes) throws IOException {
    if (Files.isSymbolicLink(target)) {
      throw new IOException(target + " is a symbolic link; refusing to write through it");
    }
    Path temp = target.resolveSibling(tempName(target.getFileName().toString()));
    try {
      try (FileChannel channel =
          FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) channel.write(buffer);
        channel.force(true);
      }
      crashPoints.accept("write-temp-synced");
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      crashPoints.accept("write-renamed");
    } catch (IOException | RuntimeException failure) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException cleanupFailure) {
        failure.addSuppressed(cleanupFailure);
      }
      throw failure;
    }
    syncDirectory(target.getParent());
  }

  /** Makes the rename itself durable. Some file systems cannot sync a directory; that is fine. */
  static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException unsupported) {
      // Not every platform lets a directory be opened or synced; the rename is still atomic.
    }
  }

  static String tempName(String fileName) {
    return fileName
        + ".tmp-"
        + ProcessHandle.current().pid()
        + "-"
        + System.currentTimeMillis()
        + "-"
        + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 12);
  }

  /**
   * Removes temp files of {@code fileName} in {@code dir} left by writers that are gone: their pid
   * is not running, or they are older than a minute (a pid may have been reused).
   */
  static int removeLeftovers(Path dir, String fileName, long nowMillis) {
    int removed = 0;
    // A filter, not a glob: a glob is compiled to a regular expression.
    String prefix = fileName + TEMP_MARK;
    try (var entries =
        Files.newDirectoryStream(dir, entry -> entry.getFileName().toString().startsWith(prefix))) {
      for (Path entry : entries) {
        if (!Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) continue;
        Optional<Long> pid = writerPid(entry.getFileName().toString(), fileName);
        if (pid.isEmpty()) continue;
        boolean writerGone = ProcessHandle.of(pid.get()).map(p -> !p.isAlive()).orElse(true);
        long age =
            nowMillis - Files.getLastModifiedTime(entry, LinkOption.NOFOLLOW_LINKS).toMillis();
        if (writerGone || age > LEFTOVER_MIN_AGE_MS) {
          if (Files.deleteIfExists(entry)) removed++;
        }
      }
    } catch (IOException unreadable) {
      // A missing or unreadable directory has no leftovers we could remove.
    }
    return removed;
  }

  /**
   * The writer's pid from a temp name {@code <fileName>.tmp-<pid>-<ms>-<hex>}, if it is one. Parsed
   * by hand: a regular expression costs a cold run its set-up on every agent turn.
   */
  static Optional<Long> writerPid(String tempName, String fileName) {
    String prefix = fileName + TEMP_MARK;
    if (!tempName.startsWith(prefix)) return Optional.empty();
    int pidEnd = digitsEnd(tempName, prefix.length());
    int millisEnd =
        pidEnd > prefix.length() && dashAt(tempName, pidEnd) ? digitsEnd(tempName, pidEnd + 1) : -1;
    if (millisEnd <= pidEnd + 1 || !dashAt(tempName, millisEnd)) return Optional.empty();
    int hexStart = millisEnd + 1;
    if (hexStart == tempName.length()) return Optional.empty();
    for (int i = hexStart; i < tempName.length(); i++) {
      char c = tempName.charAt(i);
      if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(tempName.substring(prefix.length(), pidEnd)));
    } catch (NumberFormatException tooLong) {
      return Optional.empty();
    }
  }

  private static int digitsEnd(String text, int from) {
    int i = from;
    while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') i++;
    return i;
  }

  private static boolean dashAt(String text, int index) {
    return index < text.length() && text.charAt(index) == '-';
  }
}
