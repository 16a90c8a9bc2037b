package io.github.ralphresume.adapters.fs;

import io.github.ralphresume.domain.model.CandidateQuery;
import io.github.ralphresume.domain.model.Fingerprint;
import io.github.ralphresume.domain.model.OmxSessionId;
import io.github.ralphresume.domain.model.RalphDocument;
import io.github.ralphresume.domain.model.SessionDocument;
import io.github.ralphresume.domain.model.StoredDocument;
import io.github.ralphresume.domain.port.RalphStateStore;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Stream;

/**
 * The file store with a warm index of who owns which loop, for a long-running process (the HTTP
 * service): on Linux it watches the sessions dir with inotify and keeps, for every session, the
 * owner of its active loop (never the documents). A reconcile's {@link #candidates} are then only
 * the sessions whose loop the payload could own, plus those the index is unsure of, each read
 * again, under the reconcile's lock, from the files; every other call goes to the {@link
 * FileRalphStateStore} it wraps. Before it answers, the index proves that it has seen every change
 * made before the question (see the package's {@code SessionWatcher}); when it cannot (not on
 * Linux, not built yet, rebuilding, a barrier not passed in time, the state dir replaced), the file
 * store's own candidates are given, so a decision never depends on it.
 *
 * <p>Changes inotify does not see (made on another host of a network file system, or through a
 * writable {@code mmap}) would go unnoticed: do not start it there.
 *
 * @since 0.1.0
 */
public final class IndexedRalphStateStore implements RalphStateStore, AutoCloseable {
  /** Told how the index serves, for metrics; called on the reconciling or the index's thread. */
  public interface Listener {
    /**
     * One reconcile's candidates were listed.
     *
     * @param indexed whether the index answered (otherwise the file store listed them)
     * @param nanos how long asking the index took, its barrier included
     */
    void listed(boolean indexed, long nanos);

    /**
     * The index was built from a cold scan (at start, after an overflow or a doubt).
     *
     * @param nanos how long the scan took
     * @param sessions the sessions it holds
     */
    void rebuilt(long nanos, int sessions);

    /** Listens to nothing. */
    Listener NONE =
        new Listener() {
          @Override
          public void listed(boolean indexed, long nanos) {}

          @Override
          public void rebuilt(long nanos, int sessions) {}
        };
  }

  private final FileRalphStateStore files;
  private final Listener listener;
  private final Duration barrierTimeout;
  private volatile SessionWatcher watcher;

  /**
   * A store over {@code files} whose index is not started yet: until {@link #start()} (and after
   * {@link #close()}), it is the file store.
   *
   * @param files the file store to read and write through
   * @param listener told how the index serves
   */
  public IndexedRalphStateStore(FileRalphStateStore files, Listener listener) {
    this(files, listener, SessionWatcher.BARRIER_TIMEOUT);
  }

  /** With another barrier timeout: tests that must see the index answer use a long one. */
  IndexedRalphStateStore(FileRalphStateStore files, Listener listener, Duration barrierTimeout) {
    this.files = Objects.requireNonNull(files, "files");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.barrierTimeout = barrierTimeout;
  }

  /**
   * Starts watching and builds the index in the background (about a second for 10,000 sessions);
   * meanwhile reconciles read every session. Where inotify is not available it stays the file
   * store. After {@link #close()} it may be started again, with a fresh index.
   *
   * @throws IllegalStateException when it is already started
   */
  public synchronized void start() {
    if (watcher != null) throw new IllegalStateException("already started");
    SessionWatcher started = new SessionWatcher(files, listener::rebuilt, barrierTimeout);
    started.start();
    watcher = started;
  }

  /** Stops watching; from now on it is the file store. */
  @Override
  public synchronized void close() {
    SessionWatcher running = watcher;
    watcher = null;
    if (running != null) running.close();
  }

  /** {@return whether the platform has the watch service the index relies on (Linux's inotify)} */
  public static boolean supported() {
    return SessionWatcher.supported();
  }

  /** {@return whether the index answers right now} */
  public boolean ready() {
    SessionWatcher running = watcher;
    return running != null && running.state() == SessionWatcher.State.READY;
  }

  /** {@return how many sessions the index holds} */
  public int indexedSessions() {
    SessionWatcher running = watcher;
    return running == null ? 0 : running.size();
  }

  /**
   * Waits until the index answers, is off, or {@code timeout} passes.
   *
   * @param timeout how long to wait at most
   * @return whether it answers
   * @throws InterruptedException when interrupted while waiting
   */
  public boolean awaitReady(Duration timeout) throws InterruptedException {
    SessionWatcher running = watcher;
    return running != null && running.awaitReady(timeout);
  }

  @Override
  public Stream<SessionDocument> candidates(OmxSessionId current, CandidateQuery query) {
    SessionWatcher running = watcher;
    long started = System.nanoTime();
    Optional<List<OmxSessionId>> named =
        running == null ? Optional.empty() : running.possibleOwners(query);
    listener.listed(named.isPresent(), System.nanoTime() - started);
    if (named.isEmpty()) return files.candidates(current, query);
    return named.get().stream()
        .filter(session -> !session.equals(current))
        .map(session -> new SessionDocument(session, files.read(session)));
  }

  @Override
  public Stream<OmxSessionId> sessions() {
    return files.sessions();
  }

  @Override
  public boolean sessionExists(OmxSessionId session) {
    return files.sessionExists(session);
  }

  @Override
  public StoredDocument read(OmxSessionId session) {
    return files.read(session);
  }

  @Override
  public Fingerprint fingerprint(OmxSessionId session) {
    return files.fingerprint(session);
  }

  @Override
  public OptionalDouble modifiedMillis(OmxSessionId session) {
    return files.modifiedMillis(session);
  }

  @Override
  public void write(OmxSessionId session, RalphDocument document) {
    files.write(session, document);
  }

  @Override
  public void prepareSession(OmxSessionId session) {
    files.prepareSession(session);
  }

  @Override
  public void delete(OmxSessionId session) {
    files.delete(session);
  }

  @Override
  public void removeCrashLeftovers(OmxSessionId session) {
    files.removeCrashLeftovers(session);
  }

  @Override
  public String documentPath(OmxSessionId session) {
    return files.documentPath(session);
  }
}
