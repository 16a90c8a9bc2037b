package io.github.ralphresume.domain.model;

import java.util.Objects;
import java.util.Optional;

/**
 * The key a Ralph loop is owned by, as the original compares owners: {@code
 * safeString(owner_codex_session_id).trim()} when that is not empty, else {@code
 * safeString(owner_codex_thread_id).trim()} (a legacy owner) when that is not empty, else none. A
 * loop with a Codex session owner can only be claimed by that session: its thread is never looked
 * at. This is the one definition of ownership: {@link CandidateVerdict#ownership} judges by it, and
 * a store that indexes owners keys its index by it, so the two cannot disagree.
 *
 * @since 0.1.0
 */
public sealed interface OwnerKey {
  /** {@return the owner id, trimmed as the original trims it; never empty} */
  String id();

  /**
   * Owned by a Codex session.
   *
   * @param id the {@code owner_codex_session_id}, as compared; not empty
   */
  record CodexSession(String id) implements OwnerKey {
    /**
     * Checks the id.
     *
     * @param id the owner id, not empty
     */
    public CodexSession {
      requireId(id);
    }
  }

  /**
   * Owned by a Codex thread only (a legacy loop without a Codex session owner).
   *
   * @param id the {@code owner_codex_thread_id}, as compared; not empty
   */
  record CodexThread(String id) implements OwnerKey {
    /**
     * Checks the id.
     *
     * @param id the owner id, not empty
     */
    public CodexThread {
      requireId(id);
    }
  }

  /**
   * The key the document is owned by, whether or not it is an active loop.
   *
   * @param document the document
   * @return its owner key, or empty when it names no owner a payload could match
   */
  static Optional<OwnerKey> of(RalphDocument document) {
    String session = document.text(RalphDocument.OWNER_CODEX_SESSION_ID);
    if (!session.isEmpty()) return Optional.of(new CodexSession(session));
    String thread = document.text(RalphDocument.OWNER_CODEX_THREAD_ID);
    if (!thread.isEmpty()) return Optional.of(new CodexThread(thread));
    return Optional.empty();
  }

  private static void requireId(String id) {
    Objects.requireNonNull(id, "id");
    if (id.isEmpty()) throw new IllegalArgumentException("an owner id is never empty");
  }
}
