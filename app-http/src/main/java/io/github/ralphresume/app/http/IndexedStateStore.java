package io.github.ralphresume.app.http;

import io.github.ralphresume.adapters.fs.FileRalphStateStore;
import io.github.ralphresume.domain.json.JsonObject;
import io.github.ralphresume.domain.json.JsonValue;
import io.github.ralphresume.domain.model.Fingerprint;
import io.github.ralphresume.domain.model.OmxSessionId;
import io.github.ralphresume.domain.model.RalphDocument;
import io.github.ralphresume.domain.model.StoredDocument;
import io.github.ralphresume.domain.port.RalphStateStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The file store the service's reconciles use, with the {@link SessionIndex} narrowing {@link
 * #sessions()}: inside {@link #reconcileFor}, it lists only the prior sessions whose loop that
 * payload could own (and those the index is unsure of), instead of every session. Everything else,
 * every read and every write, goes to the file store, so the reconcile still reads each session it
 * is given, under the lock, before it decides; the index only spares it reading the documents that
 * provably cannot change its decision.
 *
 * <p>The payload is scoped to the calling thread for the duration of one reconcile: the port has no
 * notion of a payload, and the use case lists sessions on the thread that called it. Outside a
 * scope, or when the index cannot answer, {@link #sessions()} lists every session, as the file
 * store does: narrowing is never the default.
 */
final class IndexedStateStore implements RalphStateStore {
  /** Counts how each scoped listing was made, for {@code /metrics}. */
  interface Listener {
    /**
     * One scoped listing.
     *
     * @param indexed whether the index answered (otherwise every session is listed)
     * @param nanos how long asking the index took (its barrier included)
     */
    void listed(boolean indexed, long nanos);

    Listener NONE = (indexed, nanos) -> {};
  }

  private record Payload(String codexSessionId, String threadId) {}

  private final FileRalphStateStore files;
  private final Listener listener;
  private final ThreadLocal<Payload> payload = new ThreadLocal<>();
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

  /**
   * Runs one reconcile of a payload on this thread, letting {@link #sessions()} narrow the listing
   * to that payload.
   */
  <T> T reconcileFor(String codexSessionId, String threadId, Supplier<T> reconcile) {
    payload.set(new Payload(trimmed(codexSessionId), trimmed(threadId)));
    try {
      return reconcile.get();
    } finally {
      payload.remove();
    }
  }

  /**
   * A payload id trimmed as the reconcile trims it before it compares owners (JavaScript's {@code
   * trim}), which is how {@link RalphDocument#text} reads the owner ids it is compared with.
   */
  static String trimmed(String payloadId) {
    return RalphDocument.of(new JsonObject(Map.of("id", JsonValue.of(payloadId)))).text("id");
  }

  @Override
  public Stream<OmxSessionId> sessions() {
    Payload scoped = payload.get();
    if (scoped == null) return files.sessions();
    SessionIndex current = index;
    long started = System.nanoTime();
    Optional<List<OmxSessionId>> narrowed =
        current == null
            ? Optional.empty()
            : current.possibleOwners(scoped.codexSessionId(), scoped.threadId());
    listener.listed(narrowed.isPresent(), System.nanoTime() - started);
    return narrowed.map(List::stream).orElseGet(files::sessions);
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
