package io.github.ralphresume.domain.port;

import io.github.ralphresume.domain.model.OmxSessionId;
import io.github.ralphresume.domain.model.RalphDocument;
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
   */
  Stream<OmxSessionId> sessions();

  /** Whether anything exists at the session's directory path. */
  boolean sessionExists(OmxSessionId session);

  /** Reads the session's document. */
  StoredDocument read(OmxSessionId session);

  /** The document file's modification time in epoch ms (with sub-ms precision), if it has one. */
  OptionalDouble modifiedMillis(OmxSessionId session);

  /** Replaces the session's document atomically, creating the session directory when needed. */
  void write(OmxSessionId session, RalphDocument document);

  /**
   * Makes sure the session's directory exists, before a transfer touches anything (the original
   * creates it first too, so a target that cannot exist fails the transfer with nothing changed).
   */
  void prepareSession(OmxSessionId session);

  /** Removes the session's document if present. */
  void delete(OmxSessionId session);

  /**
   * Removes what a crashed writer left in the session's directory (temp files whose writer is
   * gone). Stores without such leftovers need not override it.
   */
  default void removeCrashLeftovers(OmxSessionId session) {}

  /** The document's path as reported in outcomes. */
  String documentPath(OmxSessionId session);
}
