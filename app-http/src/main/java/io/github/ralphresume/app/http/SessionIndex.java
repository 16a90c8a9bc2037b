package io.github.ralphresume.app.http;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import io.github.ralphresume.adapters.fs.FileRalphStateStore;
import io.github.ralphresume.domain.model.OmxSessionId;
import io.github.ralphresume.domain.model.RalphDocument;
import io.github.ralphresume.domain.model.StoredDocument;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * The warm index of the sessions dir: for every session, whether its {@code ralph-state.json} is an
 * active loop a payload could own and, if so, its Codex owner ids; never the documents themselves.
 * It is kept up to date by one {@link WatchService} (inotify) on the sessions dir and every session
 * dir, and rebuilt from a cold scan at start, on an overflow and whenever something makes it unsure
 * of its footing (the state or sessions dir replaced or changed in mode or owner, which every
 * question checks; a watch that cannot be told apart from another).
 *
 * <p><b>Why its answers are safe.</b> A reconcile asks, under the resume lock, which prior sessions
 * its payload could own ({@link #possibleOwners}). The index first passes a <em>barrier</em>: it
 * creates a file in a private directory watched by the same inotify instance. The kernel queues a
 * file's events inside the system call that changes it and delivers one instance's events in order,
 * so by the time the barrier's own event is handled, every change that completed before the
 * question was asked has been handled too (whoever handles the events drains every pending key
 * before it lets the barrier pass). The index then answers with the sessions whose indexed owner
 * matches the payload, plus every session it is unsure of (unreadable documents, hard-linked ones,
 * whose writes another path could hide). Every other session's document was read after its last
 * change and is not a loop this payload owns; the reconcile reads each session it is given again,
 * under the lock, before it decides or writes anything.
 *
 * <p><b>Who handles the events.</b> One thread at a time takes keys from the watch service and
 * handles them, in the order the service queues them: the holder of the <em>drain token</em>
 * ({@code draining}). A reconcile that asks while nobody holds it takes it and drains the queue
 * itself, blocked on the watch service's queue until its own barrier's event comes: the JDK's
 * inotify poller then wakes the asking thread directly, one thread hand-off instead of two (poller,
 * worker, request), each of which can wait milliseconds for a CPU on a busy machine. The worker
 * keeps the rest: the cold scans (a reconcile that finds one needed falls back and wakes it),
 * events while no reconcile asks, and tidying the barrier files. While reconciles keep coming it
 * only drains every {@link #BUSY_PERIOD}, without blocking on the queue (a thread blocked there
 * first would be the one the poller wakes); after a period without any, it blocks on the queue
 * holding the token, and a reconcile that asks then waits for it as before.
 *
 * <p>When it cannot answer so (not on Linux, still building, rebuilding, the barrier not passed
 * within {@link #BARRIER_TIMEOUT}, the state or sessions dir replaced since the last build, or a
 * failed watch), it answers nothing and the reconcile reads every session, as without an index.
 */
final class SessionIndex implements AutoCloseable {
  static final String SESSIONS = "sessions";
  static final String DOCUMENT = "ralph-state.json";
  static final Duration BARRIER_TIMEOUT = Duration.ofMillis(200);

  /**
   * While reconciles come at least this often, the worker drains the queue (without blocking on it)
   * once per period and leaves the barriers to the reconciles; after a whole period without one it
   * goes back to blocking on the queue. Also how long events can wait, while reconciles keep
   * coming, before the worker rather than a reconcile handles them.
   */
  static final Duration BUSY_PERIOD = Duration.ofMillis(100);

  /** The barrier file the worker reads as "rebuild from a cold scan". */
  private static final String REBUILD = "rebuild";

  private static final System.Logger LOG = System.getLogger(SessionIndex.class.getName());

  /** What the index can do right now. */
  enum State {
    /** The first cold scan runs. */
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

  /**
   * What the index keeps of one session.
   *
   * @param candidate whether the document is an active loop in a non-terminal phase
   * @param ownerSession its {@code owner_codex_session_id}, as the reconcile compares it
   * @param ownerThread its {@code owner_codex_thread_id}, as the reconcile compares it
   * @param unsure whether the reconcile must read it whatever the payload
   */
  record Entry(boolean candidate, String ownerSession, String ownerThread, boolean unsure) {
    static final Entry NOT_A_CANDIDATE = new Entry(false, "", "", false);
    static final Entry UNSURE = new Entry(false, "", "", true);

    Entry {
      Objects.requireNonNull(ownerSession, "ownerSession");
      Objects.requireNonNull(ownerThread, "ownerThread");
    }
  }

  /** Counts what the index did, for {@code /metrics}. */
  interface Listener {
    /**
     * The index was built from a cold scan.
     *
     * @param nanos how long the scan took
     * @param sessions the sessions it indexed
     */
    void rebuilt(long nanos, int sessions);

    Listener NONE = (nanos, sessions) -> {};
  }

  private final FileRalphStateStore store;
  private final Path stateDir;
  private final Path sessionsDir;
  private final Listener listener;
  private final long busyPeriodNanos;
  private final AtomicLong barriersIssued = new AtomicLong();

  // Guarded by this: what requests read.
  private final Map<OmxSessionId, Entry> entries = new HashMap<>();
  private final Map<String, Set<OmxSessionId>> bySession = new HashMap<>();
  private final Map<String, Set<OmxSessionId>> byThread = new HashMap<>();
  private final Set<OmxSessionId> unsure = new LinkedHashSet<>();
  private State state = State.OFF;
  private String offWhy = "not started";
  private long barriersPassed;
  private long drainedByAskers;

  /**
   * The drain token: whether a thread (the worker or an asking reconcile) is taking keys from the
   * watch service. Only its holder takes and handles keys, and it handles (and resets) every key it
   * took before it gives the token back, so events are handled once each and in the order the watch
   * service queues them. The fields below marked "the drainer's own" are touched only by the
   * holder; taking and returning the token under this monitor orders those accesses.
   */
  private boolean draining;

  private Object stateDirIdentity;
  private Optional<Object> sessionsDirIdentity = Optional.empty();

  // Set once by start(), under this monitor.
  private WatchService watcher;
  private Path barrierDir;
  private Thread worker;
  private WatchKey barrierKey;

  // The drainer's own (see draining).
  private WatchKey sessionsKey;
  private final Map<WatchKey, OmxSessionId> sessionOfKey = new HashMap<>();
  private final Map<OmxSessionId, WatchKey> keyOfSession = new HashMap<>();
  private boolean rebuildNeeded;
  private final List<Path> passedMarkers = new ArrayList<>();

  SessionIndex(FileRalphStateStore store, Listener listener) {
    this(store, listener, BUSY_PERIOD);
  }

  /** With another busy period; tests use a very long one to make every asker drain. */
  SessionIndex(FileRalphStateStore store, Listener listener, Duration busyPeriod) {
    this.store = store;
    this.stateDir = store.stateDir();
    this.sessionsDir = stateDir.resolve(SESSIONS);
    this.listener = listener;
    this.busyPeriodNanos = busyPeriod.toNanos();
  }

  /** Whether the platform's watch service is inotify, whose ordering the barrier relies on. */
  static boolean supported() {
    return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");
  }

  /**
   * Starts watching and builds the index in the background; until it is built, reconciles read
   * every session. Does nothing (the index stays off) where inotify is not available.
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
      closeQuietly();
      off(
          "cannot watch the state dir ("
              + failure.getMessage()
              + "); every reconcile reads"
              + " every session");
      LOG.log(System.Logger.Level.WARNING, offWhy);
      return;
    }
    state = State.BUILDING;
    // The worker holds the drain token from the start: the first cold scan is its.
    draining = true;
    worker = new Thread(this::run, "ralph-resume-http-index");
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
        return Files.createTempDirectory(memory, "ralph-resume-http-index-");
      } catch (IOException notThere) {
        // Fall back to the temp dir.
      }
    }
    return Files.createTempDirectory("ralph-resume-http-index-");
  }

  /** Stops watching; reconciles read every session from now on. */
  @Override
  public void close() {
    Thread running;
    synchronized (this) {
      off("stopped");
      running = worker;
    }
    closeQuietly();
    if (running != null) {
      // It may be parked between two drains (it sees OFF when it wakes).
      LockSupport.unpark(running);
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

  /** Sessions indexed, for tests and metrics. */
  synchronized int size() {
    return entries.size();
  }

  /** Waits until the index answers (or is off); for tests and the benchmark. */
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
   * The prior sessions a payload could own, plus those the index is unsure of, as of now: every
   * change to the sessions dir that completed before this call is taken into account. Empty when
   * the index cannot prove that; then every session must be read.
   *
   * @param payloadSessionId the payload's Codex session id, trimmed as the reconcile trims it
   * @param payloadThreadId the payload's Codex thread id, trimmed as the reconcile trims it
   */
  Optional<List<OmxSessionId>> possibleOwners(String payloadSessionId, String payloadThreadId) {
    long barrier = barriersIssued.incrementAndGet();
    Path marker;
    State now;
    synchronized (this) {
      now = state;
      marker = now == State.READY ? barrierDir.resolve(Long.toString(barrier)) : null;
    }
    if (now == State.UNUSABLE) {
      // Waiting for the sessions dir (or the state dir) to be usable again: rebuild once it is.
      if (!sameDirectories()) requestRebuild();
      return Optional.empty();
    }
    if (marker == null) return Optional.empty();
    try {
      Files.createFile(marker);
    } catch (IOException failure) {
      LOG.log(System.Logger.Level.WARNING, "cannot pass the index barrier: " + failure);
      return Optional.empty();
    }
    if (!awaitBarrier(barrier)) return Optional.empty();
    // The state dir or the sessions dir replaced wholesale (moved away and made again) is not an
    // event the watches see: the index would describe the old ones. Rebuild, and read everything.
    if (!sameDirectories()) {
      requestRebuild();
      return Optional.empty();
    }
    synchronized (this) {
      if (state != State.READY) return Optional.empty();
      Set<OmxSessionId> possible = new LinkedHashSet<>(unsure);
      if (!payloadSessionId.isEmpty()) {
        possible.addAll(bySession.getOrDefault(payloadSessionId, Set.of()));
      }
      if (!payloadThreadId.isEmpty()) {
        possible.addAll(byThread.getOrDefault(payloadThreadId, Set.of()));
      }
      return Optional.of(List.copyOf(possible));
    }
  }

  /**
   * Waits, within {@link #BARRIER_TIMEOUT}, until barrier {@code barrier} is passed: by whoever
   * holds the drain token or, once nobody does, by this thread, which then takes the token and
   * drains the queue itself. Returns whether it was passed with the index still ready.
   */
  private boolean awaitBarrier(long barrier) {
    long deadline = System.nanoTime() + BARRIER_TIMEOUT.toNanos();
    synchronized (this) {
      while (true) {
        if (state != State.READY) return false;
        if (barriersPassed >= barrier) return true;
        if (!draining) {
          draining = true;
          break;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) return false;
        try {
          TimeUnit.NANOSECONDS.timedWait(this, left);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
    return drainFor(barrier, deadline);
  }

  /**
   * Drains the queue on an asking reconcile's thread, which holds the drain token: blocks on the
   * watch service until a barrier of at least {@code barrier} is seen, then takes the keys still
   * queued until there are none. (The barrier's key may have been queued, for an earlier barrier,
   * ahead of keys holding earlier changes: only an empty queue proves every earlier change
   * handled.) The barriers seen pass only once the queue was found empty, and not when a cold scan
   * is needed: that is the worker's, woken here, and until it has run every reconcile reads every
   * session. Past the deadline it takes no more keys (it finishes the one it holds) and lets
   * nothing pass.
   */
  private boolean drainFor(long barrier, long deadline) {
    long passes = 0;
    boolean rebuild = false;
    try {
      long seen = 0;
      while (true) {
        long left = deadline - System.nanoTime();
        if (left <= 0) break;
        WatchKey key = seen < barrier ? watcher.poll(left, TimeUnit.NANOSECONDS) : watcher.poll();
        if (key == null) {
          passes = seen;
          break;
        }
        seen = Math.max(seen, handle(key));
      }
      rebuild = rebuildNeeded;
    } catch (InterruptedException interrupted) {
      // Interrupted while waiting on the queue: no key was taken.
      Thread.currentThread().interrupt();
    } catch (ClosedWatchServiceException stopped) {
      // close() was called.
    } catch (IOException | RuntimeException failure) {
      fail(failure);
    }
    synchronized (this) {
      draining = false;
      if (!rebuild && passes > barriersPassed) barriersPassed = passes;
      if (!rebuild && passes >= barrier) drainedByAskers++;
      notifyAll();
      if (rebuild) LockSupport.unpark(worker);
      return state == State.READY && barriersPassed >= barrier && !rebuild;
    }
  }

  /** How many askers passed their barrier by draining the queue themselves, for tests. */
  synchronized long drainedByAskers() {
    return drainedByAskers;
  }

  /** Whether the worker thread still runs, for tests. */
  synchronized boolean workerAlive() {
    return worker != null && worker.isAlive();
  }

  /** What the index holds for {@code session}, for tests. */
  synchronized Optional<Entry> entry(OmxSessionId session) {
    return Optional.ofNullable(entries.get(session));
  }

  /** Every indexed session, for tests. */
  synchronized Set<OmxSessionId> sessions() {
    return Set.copyOf(entries.keySet());
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

  private void requestRebuild() {
    Path marker;
    synchronized (this) {
      if (state != State.READY && state != State.UNUSABLE) return;
      marker = barrierDir.resolve(REBUILD);
    }
    try {
      Files.createFile(marker);
    } catch (IOException alreadyAsked) {
      // A rebuild is already asked for.
    }
    // The worker may be parked between two drains: let it drain (and rebuild) now.
    LockSupport.unpark(worker);
  }

  // ---- the worker ----

  /**
   * The worker. It holds the drain token for each round: an idle round blocks on the queue (a
   * reconcile that asks meanwhile waits for it), a busy round only takes what is queued. Between
   * busy rounds it gives the token back and parks for {@link #BUSY_PERIOD}, so that reconciles
   * drain for themselves; a round that finds no barrier issued since the previous one makes the
   * next one idle.
   */
  private void run() {
    try {
      // Counted before the first build: a reconcile that asks as soon as it is built makes the
      // round that answers it a busy one.
      long issuedBefore = barriersIssued.get();
      rebuild();
      boolean idle = true;
      while (true) {
        long seen = idle && !rebuildNeeded ? handle(watcher.take()) : 0;
        for (WatchKey more = watcher.poll(); more != null; more = watcher.poll()) {
          seen = Math.max(seen, handle(more));
        }
        if (rebuildNeeded) {
          // Everything asked before the rebuild started is answered by it.
          seen = Math.max(seen, rebuild());
        }
        List<Path> tidy = List.copyOf(passedMarkers);
        passedMarkers.clear();
        long issued = barriersIssued.get();
        idle = issued == issuedBefore;
        issuedBefore = issued;
        if (idle) {
          pass(seen);
        } else {
          giveBack(seen);
        }
        // Tidied after the waiting reconciles were let go: not on their path.
        for (Path marker : tidy) Files.deleteIfExists(marker);
        if (!idle) {
          // Unparked early by close() or by a reconcile that found a cold scan needed.
          LockSupport.parkNanos(this, busyPeriodNanos);
          if (!takeBack()) return;
        }
      }
    } catch (ClosedWatchServiceException | InterruptedException stopped) {
      // close() was called.
    } catch (IOException | RuntimeException failure) {
      fail(failure);
    }
  }

  /** The worker passes the barriers it saw and gives the drain token back. */
  private synchronized void giveBack(long barrier) {
    draining = false;
    if (barrier > barriersPassed) barriersPassed = barrier;
    notifyAll();
  }

  /** The worker takes the drain token back; false once the index is off. */
  private synchronized boolean takeBack() throws InterruptedException {
    while (draining && state != State.OFF) wait();
    if (state == State.OFF) return false;
    draining = true;
    return true;
  }

  /** The index failed (on the worker or on a draining reconcile): it is off from now on. */
  private void fail(Exception failure) {
    LOG.log(
        System.Logger.Level.ERROR,
        "the warm index failed; every reconcile now reads every" + " session",
        failure);
    synchronized (this) {
      off("failed: " + failure);
    }
    closeQuietly();
  }

  /** Handles one key's events; returns the highest barrier among them (0 if none). */
  private long handle(WatchKey key) throws IOException {
    long barrier = 0;
    List<WatchEvent<?>> events = key.pollEvents();
    if (key == barrierKey) {
      for (WatchEvent<?> event : events) {
        if (event.kind() == OVERFLOW) {
          rebuildNeeded = true;
          continue;
        }
        String name = event.context().toString();
        if (name.equals(REBUILD)) {
          rebuildNeeded = true;
        } else {
          try {
            barrier = Math.max(barrier, Long.parseLong(name));
          } catch (NumberFormatException notOurs) {
            // Only we write there.
          }
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
      changed |= event.kind() == OVERFLOW || DOCUMENT.equals(event.context().toString());
    }
    if (!key.reset()) {
      forgetKey(session);
      rewatch(session);
    } else if (changed) {
      index(session, read(session));
    }
    return 0;
  }

  /**
   * Rebuilds the index from a cold scan: watches first, then reads, so nothing that changes
   * meanwhile goes unseen. Returns the last barrier asked for before it started, which it answers.
   */
  private long rebuild() throws IOException {
    long answers = barriersIssued.get();
    long started = System.nanoTime();
    rebuildNeeded = false;
    synchronized (this) {
      if (state == State.OFF) throw new ClosedWatchServiceException();
      state = State.BUILDING;
      entries.clear();
      bySession.clear();
      byThread.clear();
      unsure.clear();
    }
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
    int size;
    synchronized (this) {
      if (state == State.OFF) throw new ClosedWatchServiceException();
      state = next;
      stateDirIdentity = stateIdentity;
      sessionsDirIdentity = Optional.ofNullable(sessionsIdentity);
      size = entries.size();
      notifyAll();
    }
    listener.rebuilt(System.nanoTime() - started, size);
    return answers;
  }

  /** Watches a session dir afresh (its inode may have changed) and indexes its document. */
  private void rewatch(OmxSessionId session) {
    forgetKey(session);
    Path dir = sessionsDir.resolve(session.value());
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      forget(session);
      return;
    }
    WatchKey key;
    try {
      key = dir.register(watcher, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
    } catch (NoSuchFileException gone) {
      forget(session);
      return;
    } catch (IOException failure) {
      // E.g. the inotify watch limit: this session is read by every reconcile.
      LOG.log(
          System.Logger.Level.WARNING,
          "cannot watch " + dir + " (" + failure.getMessage() + "); it is read every time");
      index(session, Entry.UNSURE);
      return;
    }
    OmxSessionId other = sessionOfKey.get(key);
    if (other != null && !other.equals(session)) {
      // One inode under two names (a rename whose events are still to come): start over.
      rebuildNeeded = true;
      index(session, Entry.UNSURE);
      return;
    }
    sessionOfKey.put(key, session);
    keyOfSession.put(session, key);
    // Read after the watch is in place: a change from now on is an event.
    index(session, read(session));
  }

  private void forgetKey(OmxSessionId session) {
    WatchKey key = keyOfSession.remove(session);
    if (key != null) {
      sessionOfKey.remove(key);
      key.cancel();
    }
  }

  /** The entry for the session's document as it is now. */
  private Entry read(OmxSessionId session) {
    StoredDocument stored = store.read(session);
    if (stored instanceof StoredDocument.Missing) return Entry.NOT_A_CANDIDATE;
    // Unreadable (a link, a half-written file, no permission): never a candidate as it is, but
    // it is cheap to let the reconcile look for itself.
    if (!(stored instanceof StoredDocument.Present present)) return Entry.UNSURE;
    // A second hard link can be written through a directory nobody watches.
    if (links(sessionsDir.resolve(session.value()).resolve(DOCUMENT)) != 1) return Entry.UNSURE;
    RalphDocument document = present.document();
    if (!document.isActiveCandidate()) return Entry.NOT_A_CANDIDATE;
    return new Entry(
        true,
        document.text(RalphDocument.OWNER_CODEX_SESSION_ID),
        document.text(RalphDocument.OWNER_CODEX_THREAD_ID),
        false);
  }

  private static int links(Path file) {
    try {
      return ((Number) Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS))
          .intValue();
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException unknown) {
      return -1;
    }
  }

  private synchronized void index(OmxSessionId session, Entry entry) {
    forget(session);
    entries.put(session, entry);
    if (entry.unsure()) {
      unsure.add(session);
    } else if (entry.candidate()) {
      // Keyed exactly as CandidateVerdict.ownership compares: a session owner decides alone;
      // only a loop without one can be matched by thread.
      if (!entry.ownerSession().isEmpty()) {
        bySession.computeIfAbsent(entry.ownerSession(), k -> new LinkedHashSet<>()).add(session);
      } else if (!entry.ownerThread().isEmpty()) {
        byThread.computeIfAbsent(entry.ownerThread(), k -> new LinkedHashSet<>()).add(session);
      }
    }
  }

  private synchronized void forget(OmxSessionId session) {
    Entry old = entries.remove(session);
    if (old == null) return;
    unsure.remove(session);
    remove(bySession, old.ownerSession(), session);
    remove(byThread, old.ownerThread(), session);
  }

  private static void remove(
      Map<String, Set<OmxSessionId>> index, String key, OmxSessionId session) {
    Set<OmxSessionId> sessions = index.get(key);
    if (sessions != null && sessions.remove(session) && sessions.isEmpty()) index.remove(key);
  }

  private synchronized void pass(long barrier) {
    if (barrier > barriersPassed) {
      barriersPassed = barrier;
      notifyAll();
    }
  }

  private void off(String why) {
    state = State.OFF;
    offWhy = why;
    notifyAll();
  }

  /** Why the index is off, when it is. */
  synchronized String offWhy() {
    return offWhy;
  }

  private void closeQuietly() {
    WatchService running = watcher;
    if (running == null) return;
    try {
      running.close();
    } catch (IOException ignored) {
      // Closing releases the inotify instance; nothing else to do.
    }
  }

  private void deleteBarrierDir() {
    if (barrierDir == null) return;
    try (Stream<Path> walk = Files.walk(barrierDir)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(path);
    } catch (IOException ignored) {
      // A leftover empty directory in the temp dir is harmless.
    }
  }
}
