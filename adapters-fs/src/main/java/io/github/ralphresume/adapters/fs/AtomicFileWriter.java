package io.github.ralphresume.adapters.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replaces a file atomically: the bytes go to a temp file in the same directory, which is then
 * renamed over the target, so a reader sees the old document or the new one, never half of one.
 * Temp files are named as the original names them, {@code <file>.tmp-<pid>-<ms>-<hex>}.
 */
class AtomicFileWriter {

  void write(Path target, byte[] bytes) throws IOException {
    Path temp = target.resolveSibling(tempName(target.getFileName().toString()));
    try {
      Files.write(temp, bytes);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException failure) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException cleanupFailure) {
        failure.addSuppressed(cleanupFailure);
      }
      throw failure;
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
}
