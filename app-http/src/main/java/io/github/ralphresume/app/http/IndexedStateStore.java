package io.github.ralphresume.app.http;

import io.github.ralphresume.adapters.fs.FileRalphStateStore;
import io.github.ralphresume.domain.model.CandidateQuery;
import io.github.ralphresume.domain.model.OmxSessionId;
import io.github.ralphresume.domain.model.RalphDocument;
import io.github.ralphresume.domain.model.SessionDocument;
import io.github.ralphresume.domain.model.StoredDocument;
import io.github.ralphresume.domain.port.RalphStateStore;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Stream;

/**
 * The file store the service's reconciles use, with the {@link SessionIndex} answering {@link
 * #candidates}: only the prior sessions whose loop that payload could own (and those the index is
 * unsure of) are read, instead of every session. Everything else, every read and every write, goes
 * to the file store, so the reconcile still reads each session it is given, under the lock, before
 * it decides; the index only spares it reading the documents that provably cannot change its
 * decision. When the index cannot answer, the file store's own candidates are given.
 */
final class IndexedStateStore implements RalphStateStore {
  /** Counts how each candidate listing was made, for {@code /metrics}. */
  interface Listener {
    /**
     * One candidate listing.
     *
     * @param indexed whether the index answered (otherwise every session is listed)
     * @param nanos how long asking the index took (its barrier included)
     */
    void listed(boolean indexed, long nanos);

    Listener NONE = (indexed, nanos) -> {};
  }

  private final FileRalphStateStore files;
  private final Listener listener;
  private volatile SessionIndex index;

  IndexedStateStore(FileRalphStateStore files, Listener listener) {
    this.files = files;
    this.listener = listener;
  }

  /** Uses {@code started} from now on; {@code null} lists every session again. */
  void use(SessionIndex started) {
    this.index = started;
  }

  /** The index in use, if any. */
  Optional<SessionIndex> index() {
    return Optional.ofNullable(index);
  }

  /** The file store underneath. */
  FileRalphStateStore files() {
    return files;
  }

  @Override
  public Stream<OmxSessionId> sessions() {
    return files.sessions();
  }

  @Override
  public Stream<SessionDocument> candidates(OmxSessionId current, CandidateQuery query) {
    SessionIndex now = index;
    long started = System.nanoTime();
    Optional<List<OmxSessionId>> named =
        now == null
            ? Optional.empty()
            : now.possibleOwners(query.payloadCodexSessionId(), query.payloadCodexThreadId());
    listener.listed(named.isPresent(), System.nanoTime() - started);
    if (named.isEmpty()) return files.candidates(current, query);
    return named.get().stream()
        .filter(session -> !session.equals(current))
        .map(session -> new SessionDocument(session, files.read(session)));
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
