package io.github.ralphresume.adapters.fs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Replaces a file atomically and durably: the bytes go to a temp file in the same directory, which
 * is flushed to disk, renamed over the target, and the directory flushed too, so after a crash or
 * power loss a reader finds the old document or the new one, never an empty or half one. Temp files
 * are named as the original names them, {@code <file>.tmp-<pid>-<ms>-<hex>}, which is how a crashed
 * writer's leftovers are recognised. Every step goes through a {@link SafeDirectory}, so nothing is
 * written, renamed or removed through a symbolic link; and every flush that fails fails the write.
 */
class AtomicFileWriter {
  private static final String TEMP_MARK = ".tmp-";

  /** A leftover younger than this may belong to a live writer whose pid we cannot see. */
  static final long LEFTOVER_MIN_AGE_MS = 60_000;

  /** What is written, streamed into the temp file. */
  @FunctionalInterface
  interface Content {
    void writeTo(WritableByteChannel channel) throws IOException;
  }

  /** How a directory is flushed after a rename or removal in it. */
  @FunctionalInterface
  interface DirectorySync {
    void sync(SafeDirectory directory) throws IOException;
  }

  private final Consumer<String> crashPoints;
  private final DirectorySync directorySync;

  AtomicFileWriter() {
    this(point -> {});
  }

  /**
   * A writer that tells {@code crashPoints} when it reaches {@code write-temp-synced} and {@code
   * write-renamed}. The adapters never pass one; the crash tests get a store and a journal with one
   * from this module's test-jar ({@code io.github.ralphresume.testing.WriteSteps}).
   */
  AtomicFileWriter(Consumer<String> crashPoints) {
    this(crashPoints, SafeDirectory::sync);
  }

  AtomicFileWriter(Consumer<String> crashPoints, DirectorySync directorySync) {
    this.crashPoints = crashPoints;
    this.directorySync = directorySync;
  }

  /** Writes {@code bytes} as {@code stateDir/dir/name}. */
  void write(Path stateDir, Path dir, String name, byte[] bytes) throws IOException {
    write(
        stateDir,
        dir,
        name,
        channel -> {
          ByteBuffer buffer = ByteBuffer.wrap(bytes);
          while (buffer.hasRemaining()) channel.write(buffer);
        });
  }

  /**
   * Writes {@code content} as {@code stateDir/dir/name}, replacing what is there (but never a
   * symbolic link, and never through one).
   */
  void write(Path stateDir, Path dir, String name, Content content) throws IOException {
    try (SafeDirectory directory = SafeDirectory.open(stateDir, dir)) {
      Optional<BasicFileAttributes> existing = directory.attributes(name);
      if (existing.isPresent() && existing.get().isSymbolicLink()) {
        throw new IOException(
            directory.path().resolve(name) + " is a symbolic link; refusing to write through it");
      }
      String temp = tempName(name);
      try {
        try (FileChannel channel = directory.create(temp)) {
          content.writeTo(channel);
          channel.force(true);
        }
        crashPoints.accept("write-temp-synced");
        directory.rename(temp, name);
        crashPoints.accept("write-renamed");
      } catch (IOException | RuntimeException failure) {
        try {
          directory.delete(temp);
        } catch (IOException cleanupFailure) {
          failure.addSuppressed(cleanupFailure);
        }
        throw failure;
      }
      directorySync.sync(directory);
    }
  }

  /** Removes {@code stateDir/dir/name} (a link itself, never its target), durably. */
  boolean delete(Path stateDir, Path dir, String name) throws IOException {
    try (SafeDirectory directory = SafeDirectory.open(stateDir, dir)) {
      boolean removed = directory.delete(name);
      if (removed) directorySync.sync(directory);
      return removed;
    } catch (NoSuchFileException noDirectory) {
      return false;
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
   * Removes temp files of {@code fileName} in {@code stateDir/dir} left by writers that are gone:
   * their pid is not running, or they are older than a minute (a pid may have been reused).
   */
  int removeLeftovers(Path stateDir, Path dir, String fileName, long nowMillis) {
    int removed = 0;
    try (SafeDirectory directory = SafeDirectory.open(stateDir, dir)) {
      for (String name : directory.names(fileName + TEMP_MARK)) {
        Optional<Long> pid = writerPid(name, fileName);
        if (pid.isEmpty()) continue;
        Optional<BasicFileAttributes> attributes = directory.attributes(name);
        if (attributes.isEmpty() || !attributes.get().isRegularFile()) continue;
        boolean writerGone = ProcessHandle.of(pid.get()).map(p -> !p.isAlive()).orElse(true);
        long age = nowMillis - attributes.get().lastModifiedTime().toMillis();
        if ((writerGone || age > LEFTOVER_MIN_AGE_MS) && directory.delete(name)) removed++;
      }
    } catch (IOException | UncheckedIOException unreadable) {
      // A missing or unreadable directory (or one behind a link) has no leftovers we may remove.
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
