package io.github.ralphresume.adapters.fs;

import io.github.ralphresume.domain.js.JsStrings;
import io.github.ralphresume.domain.port.LockLostException;
import io.github.ralphresume.domain.port.ResumeLock;
import io.github.ralphresume.domain.port.StateStoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * The original's resume lock, interoperable with it: the directory {@code
 * <stateDir>/.lock.ralph-session-resume} made with an exclusive {@code mkdir}, an {@code owner}
 * file holding the holder's token, taken over when its mtime is more than 10 s old, waited for up
 * to 5 s in 25 ms steps, and removed on release only while the token is still ours.
 *
 * <p>Beyond the original: while held, a heartbeat refreshes the directory's mtime well inside the
 * stale window, so a slow but live holder (a paused laptop, a slow disk) is never taken for dead by
 * us or by the TypeScript tool; and {@link Held#ensureHeld()} re-reads the token before every
 * write.
 *
 * @since 0.1.0
 */
public final class MkdirResumeLock implements ResumeLock {
  static final String LOCK_DIR = ".lock.ralph-session-resume";
  static final String OWNER_FILE = "owner";

  /** Whether the default file system has POSIX permissions; it cannot change while we run. */
  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  /** Owner-only: the lock's token is nobody else's business. */
  private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

  /**
   * Timing of the lock protocol.
   *
   * @param stale how old a lock directory must be before another process may take it over
   * @param timeout how long {@link #acquire()} waits
   * @param retry how long it sleeps between attempts
   * @param heartbeat how often a holder refreshes the lock's mtime
   */
  public record Timing(Duration stale, Duration timeout, Duration retry, Duration heartbeat) {
    /** The original's timing, with a heartbeat at a fifth of the stale window. */
    public static final Timing DEFAULT =
        new Timing(
            Duration.ofSeconds(10),
            Duration.ofSeconds(5),
            Duration.ofMillis(25),
            Duration.ofSeconds(2));
  }

  private final Path lockDir;
  private final Path ownerFile;
  private final Timing timing;

  /**
   * The lock of {@code stateDir} with the original's timing.
   *
   * @param stateDir the state directory; the lock is its {@code .lock.ralph-session-resume}
   */
  public MkdirResumeLock(Path stateDir) {
    this(stateDir, Timing.DEFAULT);
  }

  /**
   * The lock of {@code stateDir} with the given timing.
   *
   * @param stateDir the state directory
   * @param timing the protocol's timing
   */
  public MkdirResumeLock(Path stateDir, Timing timing) {
    this.lockDir = stateDir.resolve(LOCK_DIR);
    this.ownerFile = lockDir.resolve(OWNER_FILE);
    this.timing = timing;
  }

  /** {@return the lock directory} */
  public Path lockDir() {
    return lockDir;
  }

  @Override
  public Optional<Held> acquire() {
    String token = newToken();
    long deadline = System.currentTimeMillis() + timing.timeout().toMillis();
    while (true) {
      try {
        createLockDir();
      } catch (FileAlreadyExistsException held) {
        if (recoverIfStale()) continue;
        if (System.currentTimeMillis() > deadline) return Optional.empty();
        sleep(timing.retry());
        continue;
      } catch (IOException failure) {
        throw new StateStoreException(
            "cannot create the resume lock " + lockDir + ": " + describe(failure), failure);
      }
      try {
        Files.write(ownerFile, token.getBytes(StandardCharsets.UTF_8));
      } catch (IOException failure) {
        deleteRecursively(lockDir);
        throw new StateStoreException(
            "cannot write the resume lock owner " + ownerFile + ": " + describe(failure), failure);
      }
      return Optional.of(new HeldLock(token));
    }
  }

  private void createLockDir() throws IOException {
    if (POSIX) {
      Files.createDirectory(lockDir, OWNER_ONLY);
    } else {
      Files.createDirectory(lockDir);
    }
  }

  /** Takes over a lock whose holder has not shown a sign of life for longer than the window. */
  private boolean recoverIfStale() {
    try {
      FileTime modified = Files.getLastModifiedTime(lockDir);
      if (System.currentTimeMillis() - modified.toMillis() <= timing.stale().toMillis()) {
        return false;
      }
      deleteRecursively(lockDir);
      return true;
    } catch (IOException gone) {
      // Released between our mkdir and our stat: as in the original, just try again later.
      return false;
    }
  }

  /** {@code <pid>.<ms>.<hex>}, the original's token shape. */
  static String newToken() {
    return ProcessHandle.current().pid()
        + "."
        + System.currentTimeMillis()
        + "."
        + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 12);
  }

  Optional<String> currentOwner() {
    try {
      return Optional.of(
          JsStrings.trim(new String(Files.readAllBytes(ownerFile), StandardCharsets.UTF_8)));
    } catch (IOException gone) {
      return Optional.empty();
    }
  }

  private final class HeldLock implements Held {
    private final String token;
    private final Heartbeat heartbeat;

    HeldLock(String token) {
      this.token = token;
      this.heartbeat =
          Heartbeat.start(
              lockDir, timing.heartbeat(), () -> currentOwner().map(token::equals).orElse(false));
    }

    @Override
    public void ensureHeld() {
      Optional<String> owner = currentOwner();
      if (owner.isEmpty() || !owner.get().equals(token)) {
        throw new LockLostException(
            "the resume lock "
                + lockDir
                + " was taken over by "
                + owner.map(o -> "owner " + o).orElse("nobody (it is gone)")
                + "; nothing more is written");
      }
    }

    @Override
    public void close() {
      heartbeat.stop();
      Optional<String> owner = currentOwner();
      if (owner.isPresent() && owner.get().equals(token)) remove(lockDir);
    }
  }

  /**
   * {@code rm -rf} of a lock directory we hold, as the original's {@code rm(lockDir, {recursive:
   * true, force: true})}: the {@code owner} file, then the directory; only when something else was
   * put in it is the directory walked.
   */
  static void remove(Path dir) {
    try {
      Files.deleteIfExists(dir.resolve(OWNER_FILE));
      Files.deleteIfExists(dir);
    } catch (IOException notJustOurs) {
      // Not empty after all (or not as we left it): remove whatever is there, as rm -rf would.
      deleteRecursively(dir);
    }
  }

  static void deleteRecursively(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder())
          .forEach(
              path -> {
                try {
                  Files.deleteIfExists(path);
                } catch (IOException ignored) {
                  // rm -rf with force: what cannot be removed now is stale-recovered later.
                }
              });
    } catch (NoSuchFileException gone) {
      // Already removed.
    } catch (IOException ignored) {
      // As above.
    }
  }

  private static String describe(IOException failure) {
    if (failure instanceof NoSuchFileException) return "no such directory";
    return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new StateStoreException("interrupted while waiting for the resume lock");
    }
  }
}
