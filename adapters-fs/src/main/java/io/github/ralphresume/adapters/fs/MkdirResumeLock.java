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
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
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
 * write. The heartbeat stops after {@link Timing#maxHold()} (60 s), far longer than a reconcile
 * takes: a holder stuck for good (a file that blocks, a hung disk) then stops writing and its lock
 * goes stale, so it cannot lock every other reconciler out forever. And a lock still held when the
 * JVM shuts down (SIGTERM, SIGINT, {@code System.exit}) is released on the way out, after its
 * holder had a moment to finish and release it itself.
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
   * @param maxHold how long a holder may keep the lock fresh; past it the heartbeat stops and
   *     {@link Held#ensureHeld()} fails, so nothing more is written under it
   */
  public record Timing(
      Duration stale, Duration timeout, Duration retry, Duration heartbeat, Duration maxHold) {
    /** The longest a reconcile keeps the lock by default: {@value} s. */
    public static final long DEFAULT_MAX_HOLD_SECONDS = 60;

    /** The original's timing, with a heartbeat at a fifth of the stale window. */
    public static final Timing DEFAULT =
        new Timing(
            Duration.ofSeconds(10),
            Duration.ofSeconds(5),
            Duration.ofMillis(25),
            Duration.ofSeconds(2));

    /**
     * A timing with the default {@link #maxHold()}.
     *
     * @param stale how old a lock directory must be before another process may take it over
     * @param timeout how long {@link #acquire()} waits
     * @param retry how long it sleeps between attempts
     * @param heartbeat how often a holder refreshes the lock's mtime
     */
    public Timing(Duration stale, Duration timeout, Duration retry, Duration heartbeat) {
      this(stale, timeout, retry, heartbeat, Duration.ofSeconds(DEFAULT_MAX_HOLD_SECONDS));
    }
  }

  /**
   * How long a JVM that is shutting down gives a holder to finish and release the lock itself
   * before it releases it on the holder's behalf.
   */
  static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(2);

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

  /**
   * What is at the lock's place right now, looked at without taking the lock or waiting for it.
   *
   * @since 0.1.0
   */
  public sealed interface Sighting {
    /** No lock: a reconcile would take it at once. */
    record Free() implements Sighting {}

    /**
     * A holder's lock, or its remains after the holder died.
     *
     * @param holderPid the process id in the holder's token, when the token has one
     * @param sinceRefresh how long ago the holder last showed a sign of life (the mtime)
     * @param stale whether that is past the stale window: the next reconcile takes it over
     */
    record Taken(OptionalLong holderPid, Duration sinceRefresh, boolean stale) implements Sighting {
      /**
       * Checks the components.
       *
       * @param holderPid the process id in the holder's token, when the token has one
       * @param sinceRefresh how long ago the holder last showed a sign of life
       * @param stale whether that is past the stale window
       */
      public Taken {
        Objects.requireNonNull(holderPid, "holderPid");
        Objects.requireNonNull(sinceRefresh, "sinceRefresh");
      }
    }

    /** Being taken or released while we looked (a directory without its owner token yet). */
    record Changing() implements Sighting {}

    /**
     * Something else is there, so no reconcile can take the lock.
     *
     * @param why a one-line reason naming the path
     */
    record Blocked(String why) implements Sighting {
      /**
       * Checks the reason.
       *
       * @param why a one-line reason naming the path
       */
      public Blocked {
        Objects.requireNonNull(why, "why");
      }
    }
  }

  /** {@return what is at the lock's place right now; never waits, never changes anything} */
  public Sighting look() {
    BasicFileAttributes attributes;
    try {
      attributes =
          Files.readAttributes(lockDir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException free) {
      return new Sighting.Free();
    } catch (IOException unreadable) {
      return new Sighting.Blocked(lockDir + " cannot be looked at: " + describe(unreadable));
    }
    if (!attributes.isDirectory()) {
      return new Sighting.Blocked(lockDir + " is not a directory");
    }
    Duration since =
        Duration.ofMillis(
            Math.max(0, System.currentTimeMillis() - attributes.lastModifiedTime().toMillis()));
    boolean stale = since.compareTo(timing.stale()) > 0;
    Optional<String> owner = currentOwner();
    // A fresh directory without a token is a holder between its mkdir and its write (or a lock
    // just released); an old one is the remains of a holder that died there.
    if (owner.isEmpty() && !stale) return new Sighting.Changing();
    return new Sighting.Taken(
        owner.map(MkdirResumeLock::pidOf).orElse(OptionalLong.empty()), since, stale);
  }

  /** The process id of a {@code <pid>.<ms>.<hex>} token. */
  private static OptionalLong pidOf(String token) {
    int dot = token.indexOf('.');
    if (dot <= 0) return OptionalLong.empty();
    try {
      return OptionalLong.of(Long.parseLong(token.substring(0, dot)));
    } catch (NumberFormatException notAPid) {
      return OptionalLong.empty();
    }
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
    private final long deadline;
    private final Heartbeat heartbeat;
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile boolean givenUp;

    HeldLock(String token) {
      this.token = token;
      this.deadline = System.nanoTime() + timing.maxHold().toNanos();
      this.heartbeat =
          Heartbeat.start(
              lockDir,
              timing.heartbeat(),
              () -> !overdue() && !givenUp && currentOwner().map(token::equals).orElse(false));
      ShutdownRelease.register(this);
    }

    private boolean overdue() {
      return System.nanoTime() - deadline > 0;
    }

    @Override
    public void ensureHeld() {
      if (givenUp) {
        throw new LockLostException(
            "the resume lock " + lockDir + " was released as the JVM shuts down");
      }
      if (overdue()) {
        throw new LockLostException(
            "the resume lock "
                + lockDir
                + " was held for more than "
                + timing.maxHold().toSeconds()
                + " s, longer than a reconcile may take; it is no longer kept fresh and nothing"
                + " more is written");
      }
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
      release();
      ShutdownRelease.unregister(this);
    }

    private void release() {
      heartbeat.stop();
      Optional<String> owner = currentOwner();
      if (owner.isPresent() && owner.get().equals(token)) remove(lockDir);
      released.countDown();
    }

    /**
     * On JVM shutdown: let the holder finish and release the lock, then release it for a holder
     * that did not (one stuck in a call that does not return). A write the holder begins after this
     * point fails its ensureHeld; one already past it races the release, as a holder paused past
     * the stale window always has.
     */
    void releaseOnShutdown(long graceNanos) {
      try {
        if (released.await(Math.max(0, graceNanos), TimeUnit.NANOSECONDS)) return;
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      }
      givenUp = true;
      release();
    }
  }

  /**
   * One JVM shutdown hook for every lock held in this JVM, installed with the first lock: SIGTERM
   * or SIGINT must not leave a lock behind that every other reconciler (ours and the TypeScript
   * tool) then waits on until it goes stale. Runtime.halt (a crash) skips it, as a SIGKILL does.
   */
  private static final class ShutdownRelease {
    private static final Set<HeldLock> HELD = ConcurrentHashMap.newKeySet();
    private static volatile boolean installed;

    static void register(HeldLock lock) {
      HELD.add(lock);
      if (!installed) install();
    }

    static void unregister(HeldLock lock) {
      HELD.remove(lock);
    }

    /** Every holder gets the same grace period, counted from the start of the shutdown. */
    private static void releaseAll() {
      long until = System.nanoTime() + SHUTDOWN_GRACE.toNanos();
      for (HeldLock lock : HELD) lock.releaseOnShutdown(until - System.nanoTime());
    }

    private static synchronized void install() {
      if (installed) return;
      try {
        Runtime.getRuntime()
            .addShutdownHook(new Thread(ShutdownRelease::releaseAll, "ralph-resume-lock-release"));
      } catch (IllegalStateException shuttingDown) {
        // Already shutting down: the holder's own close is all that is left.
      }
      installed = true;
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
