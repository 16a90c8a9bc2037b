package io.github.ralphresume.adapters.fs;

import io.github.ralphresume.domain.model.CandidateQuery;
import io.github.ralphresume.domain.model.OmxSessionId;
import io.github.ralphresume.domain.model.OwnerKey;
import io.github.ralphresume.domain.model.StoredDocument;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The warm index's table: for every session, the {@link OwnerKey} of its loop when it is one a
 * payload could own, or that the reconcile must read it whatever the payload ({@link
 * Entry#UNSURE}); never the documents. It answers which sessions a payload could own only while it
 * is complete: from the moment a change may have been missed ({@link #overflowed}) until it is
 * rebuilt ({@link #clear} and {@link #complete}), it answers nothing. No files and no threads here:
 * the watcher feeds it.
 */
final class OwnerTable {
  /**
   * What the table keeps of one session.
   *
   * @param owner the key of an active loop in a non-terminal phase, or empty when no payload can
   *     own the document
   * @param unsure whether the reconcile must read the document whatever the payload
   */
  record Entry(Optional<OwnerKey> owner, boolean unsure) {
    /** No payload can own it: no document, no active loop, or a loop that names no owner. */
    static final Entry NONE = new Entry(Optional.empty(), false);

    /** The reconcile reads it every time. */
    static final Entry UNSURE = new Entry(Optional.empty(), true);

    Entry {
      Objects.requireNonNull(owner, "owner");
      if (unsure && owner.isPresent()) throw new IllegalArgumentException("unsure has no owner");
    }

    /**
     * The entry for a document as the reconcile would read it: only an active loop in a
     * non-terminal phase has an owner (the rest of CandidateVerdict.ownership is the key); a
     * document that cannot be read is left to the reconcile.
     */
    static Entry of(StoredDocument stored) {
      if (stored instanceof StoredDocument.Unreadable) return UNSURE;
      if (!(stored instanceof StoredDocument.Present present)) return NONE;
      if (!present.document().isActiveCandidate()) return NONE;
      return new Entry(OwnerKey.of(present.document()), false);
    }
  }

  private final Map<OmxSessionId, Entry> entries = new HashMap<>();
  private final Map<OwnerKey, Set<OmxSessionId>> byOwner = new HashMap<>();
  private final Set<OmxSessionId> unsure = new LinkedHashSet<>();
  private boolean complete;

  /** Records the session's entry, replacing what it had. */
  synchronized void put(OmxSessionId session, Entry entry) {
    remove(session);
    entries.put(session, entry);
    if (entry.unsure()) unsure.add(session);
    entry
        .owner()
        .ifPresent(key -> byOwner.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(session));
  }

  /** Forgets the session (its directory is gone). */
  synchronized void remove(OmxSessionId session) {
    Entry old = entries.remove(session);
    if (old == null) return;
    unsure.remove(session);
    old.owner()
        .ifPresent(
            key -> {
              Set<OmxSessionId> owned = byOwner.get(key);
              if (owned != null && owned.remove(session) && owned.isEmpty()) byOwner.remove(key);
            });
  }

  /** A change may have been missed: answer nothing until rebuilt. */
  synchronized void overflowed() {
    complete = false;
  }

  /** Starts a rebuild: empty, and answering nothing until {@link #complete}. */
  synchronized void clear() {
    complete = false;
    entries.clear();
    byOwner.clear();
    unsure.clear();
  }

  /** Every session has been put since {@link #clear}: answer again. */
  synchronized void complete() {
    complete = true;
  }

  /**
   * The sessions whose loop the payload could own, plus those the table is unsure of; empty when
   * the table is not complete.
   *
   * @param query the payload's ids
   * @return the sessions, or empty when every session must be read
   */
  synchronized Optional<List<OmxSessionId>> possibleOwners(CandidateQuery query) {
    if (!complete) return Optional.empty();
    Set<OmxSessionId> possible = new LinkedHashSet<>(unsure);
    for (OwnerKey key : query.keys()) possible.addAll(byOwner.getOrDefault(key, Set.of()));
    return Optional.of(List.copyOf(possible));
  }

  /** Whether it answers. */
  synchronized boolean isComplete() {
    return complete;
  }

  /** Sessions held. */
  synchronized int size() {
    return entries.size();
  }

  /** What it holds for the session. */
  synchronized Optional<Entry> entry(OmxSessionId session) {
    return Optional.ofNullable(entries.get(session));
  }

  /** Every session held. */
  synchronized Set<OmxSessionId> sessions() {
    return Set.copyOf(entries.keySet());
  }
}
