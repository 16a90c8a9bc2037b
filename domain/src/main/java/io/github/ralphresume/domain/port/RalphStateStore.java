package io.github.ralphresume.domain.port;

import io.github.ralphresume.domain.model.CandidateQuery;
import io.github.ralphresume.domain.model.CandidateVerdict;
import io.github.ralphresume.domain.model.Fingerprint;
import io.github.ralphresume.domain.model.OmxSessionId;
import io.github.ralphresume.domain.model.RalphDocument;
import io.github.ralphresume.domain.model.SessionDocument;
import io.github.ralphresume.domain.model.StoredDocument;
import java.util.OptionalDouble;
import java.util.stream.Stream;

/**
 * Outgoing port: where each OMX session's Ralph document lives.
 *
 * @since 0.1.0
 */
public interface RalphStateStore {

  /**
   * The sessions that may hold a prior loop: real session directories with valid ids, in no
   * particular order. The caller closes the stream.
   *
   * @return the sessions
   */
  Stream<OmxSessionId> sessions();

  /**
   * The prior sessions whose loop the query's payload could own, each with its document, for a
   * reconcile to judge one by one. It must yield every session other than {@code current} whose
   * document, as {@link #read} returns it, {@link CandidateVerdict#ownership} finds owned; it may
   * yield more (every session is always a correct answer), and no session twice. A store chooses
   * how to find and read them: the default lists every prior session and reads each; a store may
   * read ahead (in batches, in parallel), leave out documents that provably cannot be owned without
   * parsing them, or ask an index. The caller writes a session's document, if at all, only after
   * the stream yielded it, so reading ahead cannot read a document the caller is about to change.
   * The caller closes the stream.
   *
   * <p>Only a reconcile asks this: {@code explain}, {@code status} and {@code sweep} report every
   * session and read them all through {@link #sessions()} and {@link #read}.
   *
   * @param current the current session, which is never a prior one
   * @param query the payload's ids
   * @return the sessions that may hold the payload's loop, with their documents, in the store's
   *     order
   */
  default Stream<SessionDocument> candidates(OmxSessionId current, CandidateQuery query) {
    return sessions()
        .filter(session -> !session.equals(current))
        .map(session -> new SessionDocument(session, read(session)));
  }

  /**
   * Whether anything exists at the session's directory path.
   *
   * @param session the session
   * @return whether its directory path exists
   */
  boolean sessionExists(OmxSessionId session);

  /**
   * Reads the session's document.
   *
   * @param session the session
   * @return the document, or why there is none
   */
  StoredDocument read(OmxSessionId session);

  /**
   * The session's document file as it is on disk, fingerprinted byte for byte: how recovery tells
   * the documents an interrupted transfer wrote from those another writer wrote. It must not parse
   * or re-serialise: two files with the same content formatted differently differ here.
   *
   * @param session the session
   * @return the file's fingerprint, or why there is none
   */
  Fingerprint fingerprint(OmxSessionId session);

  /**
   * The document file's modification time in epoch ms (with sub-ms precision), if it has one.
   *
   * @param session the session
   * @return the modification time, or empty
   */
  OptionalDouble modifiedMillis(OmxSessionId session);

  /**
   * Replaces the session's document atomically, creating the session directory when needed.
   *
   * @param session the session
   * @param document its new document
   * @throws StateStoreException when the document cannot be written
   */
  void write(OmxSessionId session, RalphDocument document);

  /**
   * Makes sure the session's directory exists, before a transfer touches anything (the original
   * creates it first too, so a target that cannot exist fails the transfer with nothing changed).
   *
   * @param session the session
   */
  void prepareSession(OmxSessionId session);

  /**
   * Removes the session's document if present.
   *
   * @param session the session
   * @throws StateStoreException when the document cannot be removed
   */
  void delete(OmxSessionId session);

  /**
   * Removes what a crashed writer left in the session's directory (temp files whose writer is
   * gone). Stores without such leftovers need not override it.
   *
   * @param session the session
   */
  default void removeCrashLeftovers(OmxSessionId session) {}

  /**
   * The document's path as reported in outcomes.
   *
   * @param session the session
   * @return the path, as text
   */
  String documentPath(OmxSessionId session);
}
