package io.github.ralphresume.adapters.fs;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import io.github.ralphresume.domain.json.JsonLimitException;
import io.github.ralphresume.domain.model.CandidateQuery;
import io.github.ralphresume.domain.model.OmxSessionId;
import io.github.ralphresume.domain.model.StoredDocument;
import io.github.ralphresume.domain.port.StateStoreException;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * Keeps an {@link OwnerTable} of the sessions dir up to date with one {@link WatchService}
 * (inotify) on the sessions dir and every session dir, and proves it up to date before it answers.
 * The table is built from a cold scan at start, after an overflow and whenever something makes the
 * watcher unsure of its footing (the state or sessions dir replaced or changed in mode or owner,
 * which every question checks; a watch that cannot be told apart from another).
 *
 * <p><b>Why its answers are safe.</b> A reconcile asks, under the resume lock, which prior sessions
 * its payload could own ({@link #possibleOwners}). The asker first passes a <em>barrier</em>: it
 * creates a file in a private directory watched by the same inotify instance, then takes and
 * handles the watch service's keys until it has seen that file's event and the queue is empty. The
 * kernel queues a file's events inside the system call that changes it and delivers one instance's
 * events in order, so every change that completed before the question was asked has been handled by
 * then. (Only an empty queue proves it: the barrier's key may have been queued, for an earlier
 * event, ahead of keys holding earlier changes.) The table then names the sessions whose indexed
 * owner the payload claims, plus every session it is unsure of (unreadable documents, hard-linked
 * ones, whose writes another path could hide). Every other session's document was read after its
 * last change and is not a loop this payload owns; the reconcile reads each session it is given
 * again, under the lock, before it decides or writes anything.
 *
 * <p><b>Who handles the events.</b> The thread that asks: one at a time, holding {@link #drain}.
 * Events that come while nobody asks wait in the watch service (each key holds at most 512, then
 * reports an overflow: the session is read again, or for the sessions dir the table is rebuilt), so
 * no thread wakes for them, and the JDK's inotify poller wakes the asking thread directly. The
 * watcher's own thread runs the cold scans, holding {@link #drain} too (meanwhile reconciles read
 * every session), and deletes the passed barrier files once a second, off the askers' path.
 *
 * <p>When it cannot answer so (not on Linux, still building, rebuilding, the barrier not passed
 * within {@link #BARRIER_TIMEOUT} (a burst of changes, a busy machine), the state or sessions dir
 * replaced since the last build, or a failed watch), it answers nothing and the reconcile reads
 * every session, as without an index.
 */
final class SessionWatcher implements AutoCloseable {
  static final Duration BARRIER_TIMEOUT = Duration.ofMillis(200);

  /** How often the watcher's thread deletes the barrier files that were passed. */
  static final Duration TIDY_PERIOD = Duration.ofSeconds(1);

  private static final System.Logger LOG = System.getLogger(SessionWatcher.class.getName());

  /** What the watcher can do right now. */
  enum State {
    /** A cold scan runs. */
    BUILDING,
    /** It answers. */
    READY,
    /**
     * The sessions dir is a link or unreadable, or the state dir is gone: every reconcile reads
     * every session until they are usable again.
     */
    UNUSABLE,
    /** Stopped, never started (not Linux) or failed: every reconcile reads every session. */
    OFF
  }

  /** Told about every cold scan, for metrics. */
  interface Listener {
    /**
     * The table was built from a cold scan.
     *
     * @param nanos how long the scan took
     * @param sessions the sessions it holds
     */
    void rebuilt(long nanos, int sessions);
  }

  private final FileRalphStateStore store;
  private final Duration barrierTimeout;
  private final Path stateDir;
  private final Path sessionsDir;
  private final Listener listener;
  private final OwnerTable table = new OwnerTable();
  private final AtomicLong barriersIssued = new AtomicLong();

  /**
   * Held by whoever takes keys from the watch service, changes the watches or feeds the table: an
   * asker passing its barrier, or the watcher's thread during a cold scan. Events are so handled
   * once each, in the order the watch service queues them.
   */
  private final ReentrantLock drain = new ReentrantLock();

  // Guarded by this.
  private State state = State.OFF;
  private String offWhy = "not started";
  private boolean rebuildRequested;
  private Object stateDirIdentity;
  private Optional<Object> sessionsDirIdentity = Optional.empty();

  // Set once by start(), under this monitor.
  private WatchService watcher;
  private Path barrierDir;
  private WatchKey barrierKey;
  private Thread worker;

  // Guarded by drain.
  private WatchKey sessionsKey;
  private final Map<WatchKey, OmxSessionId> sessionOfKey = new HashMap<>();
  private final Map<OmxSessionId, WatchKey> keyOfSession = new HashMap<>();
  private boolean rebuildNeeded;

  /** Barrier files seen: the watcher's thread deletes them, off the askers' path. */
  private final ConcurrentLinkedQueue<Path> passedMarkers = new ConcurrentLinkedQueue<>();

  /** With another barrier timeout: tests that must see the index answer use a long one. */
  SessionWatcher(FileRalphStateStore store, Listener listener, Duration barrierTimeout) {
    this.store = store;
    this.barrierTimeout = barrierTimeout;
    this.stateDir = store.stateDir();
    this.sessionsDir = store.sessionsDir();
    this.listener = listener;
  }

  /** Whether the platform's watch service is inotify, whose ordering the barrier relies on. */
  static boolean supported() {
    return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");
  }

  /**
   * Starts watching and builds the table in the background; until it is built, reconciles read
   * every session. Does nothing (the watcher stays off) where inotify is not available.
   */
  synchronized void start() {
    if (worker != null) throw new IllegalStateException("already started");
    if (!supported()) {
      off("the warm index needs Linux (inotify); every reconcile reads every session");
      return;
    }
    try {
      watcher = FileSystems.getDefault().newWatchService();
      barrierDir = createBarrierDir();
      barrierKey = barrierDir.register(watcher, ENTRY_CREATE);
    } catch (IOException | UnsupportedOperationException failure) {
      closeWatchService();
      off(
          "cannot watch the state dir ("
              + failure.getMessage()
              + "); every reconcile reads every session");
      LOG.log(System.Logger.Level.WARNING, offWhy);
      return;
    }
    state = State.BUILDING;
    rebuildRequested = true;
    worker = new Thread(this::run, "ralph-resume-index");
    worker.setDaemon(true);
    worker.start();
  }

  /**
   * A private directory for barrier files: in memory ({@code /dev/shm}) when there is one, so a
   * barrier never waits for a disk's journal; otherwise in the temp dir. inotify orders the events
   * of all of one instance's watches, whatever file system they are on.
   */
  private static Path createBarrierDir() throws IOException {
    Path memory = Path.of("/dev/shm");
    if (Files.isDirectory(memory) && Files.isWritable(memory)) {
      try {
        return Files.createTempDirectory(memory, "ralph-resume-index-");
      } catch (IOException notThere) {
        // Fall back to the temp dir.
      }
    }
    return Files.createTempDirectory("ralph-resume-index-");
  }

  /** Stops watching; reconciles read every session from now on. */
  @Override
  public void close() {
    Thread running;
    synchronized (this) {
      off("stopped");
      running = worker;
    }
    // Wakes an asker blocked on the queue (it then answers nothing).
    closeWatchService();
    if (running != null) {
      try {
        running.join(5_000);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    deleteBarrierDir();
  }

  synchronized State state() {
    return state;
  }

  /** Sessions in the table. */
  int size() {
    return table.size();
  }

  /** What the table holds for {@code session}, for tests. */
  Optional<OwnerTable.Entry> entry(OmxSessionId session) {
    return table.entry(session);
  }

  /** Whether the cold-scan thread still runs, for tests. */
  synchronized boolean workerAlive() {
    return worker != null && worker.isAlive();
  }

  /** Waits until the table answers (or the watcher is off); for tests and benchmarks. */
  synchronized boolean awaitReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (state == State.BUILDING) {
      long left = deadline - System.nanoTime();
      if (left <= 0) return false;
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return state == State.READY;
  }

  /**
   * The prior sessions a payload could own, plus those the table is unsure of, as of now: every
   * change to the sessions dir that completed before this call is taken into account. Empty when
   * that cannot be proven; then every session must be read.
   *
   * @param query the payload's ids
   * @return the sessions to read, or empty
   */
  Optional<List<OmxSessionId>> possibleOwners(CandidateQuery query) {
    State now = state();
    if (now == State.UNUSABLE) {
      // Waiting for the sessions dir (or the state dir) to be usable again: rebuild once it is.
      if (!sameDirectories()) requestRebuild();
      return Optional.empty();
    }
    // Rebuilding (or about to): answer at once, without waiting for the cold scan.
    if (now != State.READY || !table.isComplete()) return Optional.empty();
    long deadline = System.nanoTime() + barrierTimeout.toNanos();
    try {
      // Another asker passes its barrier quickly; a cold scan takes longer: then read everything.
      if (!drain.tryLock(barrierTimeout.toNanos(), TimeUnit.NANOSECONDS)) return Optional.empty();
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
    try {
      if (state() != State.READY || !passBarrier(deadline)) return Optional.empty();
      // The state dir or the sessions dir replaced wholesale (moved away and made again) is not
      // an event the watches see: the table would describe the old ones.
      if (rebuildNeeded || !sameDirectories()) {
        requestRebuild();
        return Optional.empty();
      }
      return table.possibleOwners(query);
    } finally {
      drain.unlock();
    }
  }

  /**
   * Creates a barrier file and handles the queue's keys until its event was seen and the queue is
   * empty, within the deadline. Past the deadline it takes no more keys (it finishes the one it
   * holds) and the barrier is not passed.
   */
  private boolean passBarrier(long deadline) {
    long barrier = barriersIssued.incrementAndGet();
    try {
      Files.createFile(barrierDir.resolve(Long.toString(barrier)));
    } catch (IOException failure) {
      LOG.log(System.Logger.Level.WARNING, "cannot pass the index barrier: " + failure);
      return false;
    }
    try {
      long seen = 0;
      while (true) {
        long left = deadline - System.nanoTime();
        if (left <= 0) return false;
        WatchKey key = seen < barrier ? watcher.poll(left, TimeUnit.NANOSECONDS) : watcher.poll();
        if (key == null) return seen >= barrier;
        seen = Math.max(seen, handle(key));
      }
    } catch (InterruptedException interrupted) {
      // Interrupted while waiting on the queue: no key was taken.
      Thread.currentThread().interrupt();
      return false;
    } catch (ClosedWatchServiceException stopped) {
      return false;
    } catch (IOException | RuntimeException failure) {
      fail(failure);
      return false;
    }
  }

  /**
   * The cold scans, one at a time, when asked for; and, every {@link #TIDY_PERIOD}, deleting the
   * barrier files that were passed (an unlink on every reconcile's path cost more than the rest of
   * its barrier).
   */
  private void run() {
    try {
      while (true) {
        boolean rebuild;
        synchronized (this) {
          if (!rebuildRequested && state != State.OFF) wait(TIDY_PERIOD.toMillis());
          if (state == State.OFF) return;
          rebuild = rebuildRequested;
          rebuildRequested = false;
        }
        tidyPassedMarkers();
        if (!rebuild) continue;
        drain.lockInterruptibly();
        try {
          rebuild();
        } finally {
          drain.unlock();
        }
      }
    } catch (ClosedWatchServiceException | InterruptedException stopped) {
      // close() was called.
    } catch (IOException | RuntimeException failure) {
      fail(failure);
    }
  }

  /** Asks the watcher's thread for a cold scan; the table answers nothing until it is done. */
  private void requestRebuild() {
    table.overflowed();
    synchronized (this) {
      if (state != State.READY && state != State.UNUSABLE) return;
      rebuildRequested = true;
      notifyAll();
    }
  }

  /** The watcher failed (on its thread or on an asker's): it is off from now on. */
  private void fail(Exception failure) {
    LOG.log(
        System.Logger.Level.ERROR,
        "the warm index failed; every reconcile now reads every session",
        failure);
    synchronized (this) {
      off("failed: " + failure);
    }
    closeWatchService();
  }

  /** Handles one key's events; returns the highest barrier among them (0 if none). */
  private long handle(WatchKey key) throws IOException {
    long barrier = 0;
    List<WatchEvent<?>> events = key.pollEvents();
    if (key == barrierKey) {
      for (WatchEvent<?> event : events) {
        if (event.kind() == OVERFLOW) {
          // inotify's own queue overflowed (the JDK tells every key): anything may be missed.
          rebuildNeeded = true;
          continue;
        }
        String name = event.context().toString();
        try {
          barrier = Math.max(barrier, Long.parseLong(name));
        } catch (NumberFormatException notOurs) {
          // Only we write there.
        }
        passedMarkers.add(barrierDir.resolve(name));
      }
      if (!key.reset()) throw new IOException("the index's barrier directory is gone");
      return barrier;
    }
    if (key == sessionsKey) {
      Set<OmxSessionId> touched = new LinkedHashSet<>();
      for (WatchEvent<?> event : events) {
        if (event.kind() == OVERFLOW) {
          rebuildNeeded = true;
          continue;
        }
        OmxSessionId.parse(event.context().toString()).ifPresent(touched::add);
      }
      // A session dir made, removed, renamed or changed in mode: watch it afresh, once, as it is
      // now (the order of its events no longer matters).
      touched.forEach(this::rewatch);
      if (!key.reset()) rebuildNeeded = true;
      return 0;
    }
    OmxSessionId session = sessionOfKey.get(key);
    if (session == null) {
      // A key cancelled since its events were queued: its session was watched afresh.
      return 0;
    }
    boolean changed = false;
    for (WatchEvent<?> event : events) {
      changed |=
          event.kind() == OVERFLOW
              || FileRalphStateStore.DOCUMENT.equals(event.context().toString());
    }
    if (!key.reset()) {
      forgetKey(session);
      rewatch(session);
    } else if (changed) {
      table.put(session, read(session));
    }
    return 0;
  }

  /**
   * Rebuilds the table from a cold scan: watches first, then reads, so nothing that changes
   * meanwhile goes unseen (its event waits in the queue for the next asker).
   */
  private void rebuild() throws IOException {
    long started = System.nanoTime();
    rebuildNeeded = false;
    synchronized (this) {
      if (state == State.OFF) throw new ClosedWatchServiceException();
      state = State.BUILDING;
    }
    table.clear();
    for (WatchKey key : sessionOfKey.keySet()) key.cancel();
    sessionOfKey.clear();
    keyOfSession.clear();
    if (sessionsKey != null) sessionsKey.cancel();
    sessionsKey = null;
    // The state dir itself is not watched: the resume lock comes and goes there on every
    // reconcile. Its replacement, and the sessions dir's, are caught by comparing identities.
    Object stateIdentity = identity(stateDir);
    State next = State.READY;
    Object sessionsIdentity = null;
    if (stateIdentity == null) {
      // The state dir is gone (or a link now): no shortcut until it is back.
      next = State.UNUSABLE;
    } else if (Files.isDirectory(sessionsDir, LinkOption.NOFOLLOW_LINKS)) {
      sessionsKey = sessionsDir.register(watcher, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
      sessionsIdentity = identity(sessionsDir);
      List<OmxSessionId> found = new ArrayList<>();
      try (DirectoryStream<Path> listed = Files.newDirectoryStream(sessionsDir)) {
        for (Path entry : listed) {
          OmxSessionId.parse(entry.getFileName().toString()).ifPresent(found::add);
        }
      } catch (IOException unreadable) {
        next = State.UNUSABLE;
      }
      if (next == State.READY) {
        for (OmxSessionId session : found) rewatch(session);
      }
    } else if (Files.exists(sessionsDir, LinkOption.NOFOLLOW_LINKS)) {
      // A link (the store lists through it and refuses every document) or a file: no shortcut.
      next = State.UNUSABLE;
    }
    synchronized (this) {
      if (state == State.OFF) throw new ClosedWatchServiceException();
      state = next;
      stateDirIdentity = stateIdentity;
      sessionsDirIdentity = Optional.ofNullable(sessionsIdentity);
      if (next == State.READY) table.complete();
      notifyAll();
    }
    listener.rebuilt(System.nanoTime() - started, table.size());
  }

  /** Watches a session dir afresh (its inode may have changed) and reads its document. */
  private void rewatch(OmxSessionId session) {
    forgetKey(session);
    Path dir = sessionsDir.resolve(session.value());
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      table.remove(session);
      return;
    }
    WatchKey key;
    try {
      key = dir.register(watcher, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
    } catch (NoSuchFileException gone) {
      table.remove(session);
      return;
    } catch (IOException failure) {
      // E.g. the inotify watch limit: this session is read by every reconcile.
      LOG.log(
          System.Logger.Level.WARNING,
          "cannot watch " + dir + " (" + failure.getMessage() + "); it is read every time");
      table.put(session, OwnerTable.Entry.UNSURE);
      return;
    }
    OmxSessionId other = sessionOfKey.get(key);
    if (other != null && !other.equals(session)) {
      // One inode under two names (a rename whose events are still to come): start over.
      rebuildNeeded = true;
      table.put(session, OwnerTable.Entry.UNSURE);
      return;
    }
    sessionOfKey.put(key, session);
    keyOfSession.put(session, key);
    // Read after the watch is in place: a change from now on is an event.
    table.put(session, read(session));
  }

  private void forgetKey(OmxSessionId session) {
    WatchKey key = keyOfSession.remove(session);
    if (key != null) {
      sessionOfKey.remove(key);
      key.cancel();
    }
  }

  /** The entry for the session's document as it is now. */
  private OwnerTable.Entry read(OmxSessionId session) {
    try {
      StoredDocument stored = store.read(session);
      // A second hard link can be written through a directory nobody watches.
      if (stored instanceof StoredDocument.Present && links(store.documentFile(session)) != 1) {
        return OwnerTable.Entry.UNSURE;
      }
      return OwnerTable.Entry.of(stored);
    } catch (JsonLimitException | StateStoreException beyondLimits) {
      // Too large for this heap, or an owner or phase nested past JavaScript's limits: the
      // reconcile reads it itself and fails in one line, as it does without an index.
      return OwnerTable.Entry.UNSURE;
    }
  }

  private static int links(Path file) {
    try {
      return ((Number) Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS))
          .intValue();
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException unknown) {
      return -1;
    }
  }

  private boolean sameDirectories() {
    Object stateIdentity = identity(stateDir);
    Object sessionsIdentity = identity(sessionsDir);
    synchronized (this) {
      return Objects.equals(stateIdentity, stateDirIdentity)
          && Objects.equals(Optional.ofNullable(sessionsIdentity), sessionsDirIdentity);
    }
  }

  /**
   * A directory's inode (device and number), mode and owners, not following links; null if it is
   * none. A new mode or owner can change what a cold scan may list or read.
   */
  private static Object identity(Path dir) {
    try {
      PosixFileAttributes attributes =
          Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!attributes.isDirectory()) return null;
      Object inode = attributes.fileKey() != null ? attributes.fileKey() : dir.toRealPath();
      return List.of(inode, attributes.permissions(), attributes.owner(), attributes.group());
    } catch (IOException | UnsupportedOperationException gone) {
      return null;
    }
  }

  /** Deletes the barrier files seen so far. */
  private void tidyPassedMarkers() {
    for (Path marker = passedMarkers.poll(); marker != null; marker = passedMarkers.poll()) {
      try {
        Files.deleteIfExists(marker);
      } catch (IOException ignored) {
        // A leftover marker in the private directory is harmless; it goes with the directory.
      }
    }
  }

  private void off(String why) {
    state = State.OFF;
    offWhy = why;
    table.overflowed();
    notifyAll();
  }

  private void closeWatchService() {
    WatchService running;
    synchronized (this) {
      running = watcher;
    }
    if (running == null) return;
    try {
      running.close();
    } catch (IOException ignored) {
      // Closing releases the inotify instance; nothing else to do.
    }
  }

  private void deleteBarrierDir() {
    Path dir;
    synchronized (this) {
      dir = barrierDir;
    }
    if (dir == null) return;
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(path);
    } catch (IOException ignored) {
      // A leftover empty directory in the temp dir is harmless.
    }
  }
}
