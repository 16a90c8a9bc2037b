package io.github.ralphresume.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ralphresume.domain.json.JsonObject;
import io.github.ralphresume.domain.json.JsonText;
import io.github.ralphresume.domain.json.JsonValue;
import io.github.ralphresume.domain.model.CandidateQuery;
import io.github.ralphresume.domain.model.CandidateVerdict;
import io.github.ralphresume.domain.model.OmxSessionId;
import io.github.ralphresume.domain.model.RalphDocument;
import io.github.ralphresume.domain.model.SessionDocument;
import io.github.ralphresume.domain.model.StoredDocument;
import io.github.ralphresume.domain.port.RalphStateStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RalphStateStore} must do, run against each implementation by a subclass (the
 * in-memory store in the domain's tests; the file store and the indexed store in adapters-fs). A
 * subclass gives a fresh, empty store for each test.
 */
public abstract class RalphStateStoreContract {
  /** The payload the candidate tests ask for. */
  protected static final CandidateQuery PAYLOAD = new CandidateQuery(" codex-1 ", "t-1");

  /** The current session, never a candidate. */
  protected static final OmxSessionId CURRENT = new OmxSessionId("current");

  /** {@return the store under test: empty, and the same one for the whole test} */
  protected abstract RalphStateStore store();

  /**
   * Makes the session hold a document that cannot be read (for files: bytes that are not JSON).
   *
   * @param session the session
   */
  protected abstract void putUnreadable(OmxSessionId session);

  /**
   * A document from alternating keys and values (String, Boolean, Number, or a JsonValue).
   *
   * @param keysAndValues the members
   * @return the document
   */
  protected static RalphDocument document(Object... keysAndValues) {
    Map<String, JsonValue> members = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      Object value = keysAndValues[i + 1];
      JsonValue json =
          value instanceof JsonValue v
              ? v
              : value instanceof String s
                  ? JsonValue.of(s)
                  : value instanceof Boolean b
                      ? JsonValue.of(b)
                      : JsonValue.of(((Number) value).doubleValue());
      members.put((String) keysAndValues[i], json);
    }
    return RalphDocument.of(new JsonObject(members));
  }

  /**
   * An active loop in a non-terminal phase, owned as given.
   *
   * @param ownerKeysAndValues the owner members
   * @return the document
   */
  protected static RalphDocument loop(Object... ownerKeysAndValues) {
    Object[] members = new Object[ownerKeysAndValues.length + 6];
    members[0] = RalphDocument.ACTIVE;
    members[1] = true;
    members[2] = RalphDocument.CURRENT_PHASE;
    members[3] = "executing";
    members[4] = "task";
    members[5] = "kept as it is";
    System.arraycopy(ownerKeysAndValues, 0, members, 6, ownerKeysAndValues.length);
    return document(members);
  }

  private static OmxSessionId id(String value) {
    return new OmxSessionId(value);
  }

  private Map<OmxSessionId, StoredDocument> candidates(CandidateQuery query) {
    List<SessionDocument> given;
    try (Stream<SessionDocument> stream = store().candidates(CURRENT, query)) {
      given = stream.toList();
    }
    Map<OmxSessionId, StoredDocument> bySession = new LinkedHashMap<>();
    for (SessionDocument candidate : given) {
      assertTrue(
          bySession.put(candidate.session(), candidate.stored()) == null,
          candidate.session() + " given twice");
    }
    return bySession;
  }

  private Set<OmxSessionId> listed() {
    try (Stream<OmxSessionId> sessions = store().sessions()) {
      return sessions.collect(Collectors.toSet());
    }
  }

  /** Same kind of answer, and for documents the same bytes. */
  private static void assertSameStored(
      StoredDocument expected, StoredDocument actual, String what) {
    assertEquals(expected.getClass(), actual.getClass(), what);
    if (expected instanceof StoredDocument.Present present) {
      assertEquals(
          JsonText.pretty(present.document().root()),
          JsonText.pretty(((StoredDocument.Present) actual).document().root()),
          what);
    }
  }

  // ---- reading and writing ----

  @Test
  void givenAnEmptyStore_nothingIsListed_andEverySessionIsMissing() {
    assertEquals(Set.of(), listed());
    assertInstanceOf(StoredDocument.Missing.class, store().read(id("nowhere")));
    assertFalse(store().sessionExists(id("nowhere")));
  }

  @Test
  void givenAWrite_read_returnsTheDocument_andTheSessionExistsAndIsListed() {
    RalphDocument written = loop(RalphDocument.OWNER_CODEX_SESSION_ID, "codex-1");

    store().write(id("s1"), written);

    StoredDocument read = store().read(id("s1"));
    assertSameStored(new StoredDocument.Present(written), read, "read back");
    assertTrue(store().sessionExists(id("s1")));
    assertEquals(Set.of(id("s1")), listed());
  }

  @Test
  void givenASecondWrite_read_returnsTheSecond() {
    store().write(id("s1"), loop(RalphDocument.OWNER_CODEX_SESSION_ID, "codex-1"));
    RalphDocument second = document(RalphDocument.ACTIVE, false, "note", "second");

    store().write(id("s1"), second);

    assertSameStored(new StoredDocument.Present(second), store().read(id("s1")), "read back");
  }

  @Test
  void givenAPreparedSession_itExistsAndIsListed_withoutADocument() {
    store().prepareSession(id("s1"));

    assertTrue(store().sessionExists(id("s1")));
    assertEquals(Set.of(id("s1")), listed());
    assertInstanceOf(StoredDocument.Missing.class, store().read(id("s1")));
  }

  @Test
  void givenADelete_theDocumentIsMissing_andTheSessionStays() {
    store().write(id("s1"), loop());

    store().delete(id("s1"));
    store().delete(id("s1"));

    assertInstanceOf(StoredDocument.Missing.class, store().read(id("s1")));
    assertTrue(store().sessionExists(id("s1")));
  }

  @Test
  void givenAnUnreadableDocument_read_saysSo() {
    putUnreadable(id("s1"));

    assertInstanceOf(StoredDocument.Unreadable.class, store().read(id("s1")));
  }

  @Test
  void givenTwoSessions_theirDocumentPaths_differAndNameThem() {
    String one = store().documentPath(id("s1"));
    String two = store().documentPath(id("s2"));

    assertNotEquals(one, two);
    assertTrue(one.contains("s1") && two.contains("s2"), one + ", " + two);
  }

  // ---- candidates ----

  /**
   * Sessions of every kind the scan meets; returns those the payload owns (its Codex session id,
   * printed from a number too, or its thread for a legacy loop).
   */
  private Set<OmxSessionId> arrangeEveryKind() {
    Map<String, RalphDocument> documents = new LinkedHashMap<>();
    documents.put("by-session", loop(RalphDocument.OWNER_CODEX_SESSION_ID, "codex-1"));
    documents.put(
        "by-padded-session", loop(RalphDocument.OWNER_CODEX_SESSION_ID, "\u00a0codex-1 "));
    documents.put(
        "by-thread",
        loop(RalphDocument.OWNER_CODEX_THREAD_ID, "t-1", RalphDocument.OWNER_CODEX_SESSION_ID, ""));
    documents.put("other-session", loop(RalphDocument.OWNER_CODEX_SESSION_ID, "codex-2"));
    documents.put(
        "other-session-same-thread",
        loop(
            RalphDocument.OWNER_CODEX_SESSION_ID,
            "codex-2",
            RalphDocument.OWNER_CODEX_THREAD_ID,
            "t-1"));
    documents.put("no-owner", loop());
    documents.put(
        "inactive",
        document(RalphDocument.ACTIVE, false, RalphDocument.OWNER_CODEX_SESSION_ID, "codex-1"));
    documents.put(
        "active-as-text",
        document(RalphDocument.ACTIVE, "true", RalphDocument.OWNER_CODEX_SESSION_ID, "codex-1"));
    documents.put(
        "terminal",
        document(
            RalphDocument.ACTIVE,
            true,
            RalphDocument.CURRENT_PHASE,
            " Complete",
            RalphDocument.OWNER_CODEX_SESSION_ID,
            "codex-1"));
    documents.put(CURRENT.value(), loop(RalphDocument.OWNER_CODEX_SESSION_ID, "codex-1"));
    documents.forEach((session, document) -> store().write(id(session), document));
    putUnreadable(id("unreadable"));
    store().prepareSession(id("empty"));
    return Set.of(id("by-session"), id("by-padded-session"), id("by-thread"));
  }

  @Test
  void givenEveryKindOfSession_candidates_yieldEveryOwnedLoopOnce_asReadReturnsIt() {
    Set<OmxSessionId> owned = arrangeEveryKind();

    Map<OmxSessionId, StoredDocument> given = candidates(PAYLOAD);

    assertTrue(given.keySet().containsAll(owned), "every owned loop: " + given.keySet());
    assertFalse(given.containsKey(CURRENT), "never the current session");
    given.forEach(
        (session, stored) -> assertSameStored(store().read(session), stored, session.value()));
    for (OmxSessionId session : listed()) {
      boolean isOwned =
          !session.equals(CURRENT)
              && CandidateVerdict.ownership(store().read(session), PAYLOAD).owned();
      assertEquals(owned.contains(session), isOwned, "the arrangement itself: " + session);
    }
  }

  @Test
  void givenANumberOwner_candidates_yieldItForThePayloadItPrintsAs() {
    store().write(id("numeric"), loop(RalphDocument.OWNER_CODEX_SESSION_ID, 1e2));

    assertTrue(candidates(new CandidateQuery("100", "")).containsKey(id("numeric")));
  }

  @Test
  void givenWritesWhileTheCandidatesAreRead_everyOwnedLoopIsStillYieldedOnce() {
    // More sessions than a store may read ahead at once, each owned one retired when yielded,
    // as a reconcile retires a stale loop while it scans.
    Set<OmxSessionId> owned = new HashSet<>();
    for (int i = 0; i < 300; i++) {
      OmxSessionId session = id("s" + i);
      boolean mine = i % 7 == 0;
      store().write(session, loop(RalphDocument.OWNER_CODEX_SESSION_ID, mine ? "codex-1" : "x"));
      if (mine) owned.add(session);
    }
    RalphDocument retired = document(RalphDocument.ACTIVE, false, "note", "retired");

    List<OmxSessionId> yielded = new ArrayList<>();
    try (Stream<SessionDocument> stream = store().candidates(CURRENT, PAYLOAD)) {
      for (Iterator<SessionDocument> it = stream.iterator(); it.hasNext(); ) {
        SessionDocument candidate = it.next();
        yielded.add(candidate.session());
        if (CandidateVerdict.ownership(candidate.stored(), PAYLOAD).owned()) {
          store().write(candidate.session(), retired);
        }
      }
    }

    assertEquals(yielded.size(), new HashSet<>(yielded).size(), "none twice");
    assertTrue(yielded.containsAll(owned), "every owned loop");
    for (OmxSessionId session : owned) {
      assertSameStored(
          new StoredDocument.Present(retired), store().read(session), "written while reading");
    }
  }

  @Test
  void givenChangesThroughTheStore_theNextCandidates_seeThem() {
    store().write(id("s1"), loop(RalphDocument.OWNER_CODEX_SESSION_ID, "codex-1"));
    assertTrue(candidates(PAYLOAD).containsKey(id("s1")));

    store().write(id("s1"), document(RalphDocument.ACTIVE, false));
    store().write(id("s2"), loop(RalphDocument.OWNER_CODEX_THREAD_ID, "t-1"));
    Map<OmxSessionId, StoredDocument> given = candidates(PAYLOAD);

    assertTrue(given.containsKey(id("s2")), "the new loop");
    if (given.containsKey(id("s1"))) {
      assertSameStored(store().read(id("s1")), given.get(id("s1")), "the retired loop as it is");
    }
    store().delete(id("s2"));
    assertFalse(
        candidates(PAYLOAD).get(id("s2")) instanceof StoredDocument.Present,
        "a removed loop is not given as present");
  }
}
