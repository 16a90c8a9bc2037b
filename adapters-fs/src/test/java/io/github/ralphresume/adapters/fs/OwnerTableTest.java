package io.github.ralphresume.adapters.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.ralphresume.domain.json.JsonObject;
import io.github.ralphresume.domain.json.JsonValue;
import io.github.ralphresume.domain.model.CandidateQuery;
import io.github.ralphresume.domain.model.OmxSessionId;
import io.github.ralphresume.domain.model.OwnerKey;
import io.github.ralphresume.domain.model.RalphDocument;
import io.github.ralphresume.domain.model.StoredDocument;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The warm index's table on its own: what it answers as sessions are added, changed, removed. */
class OwnerTableTest {
  static final OmxSessionId A = new OmxSessionId("a");
  static final OmxSessionId B = new OmxSessionId("b");
  static final OmxSessionId C = new OmxSessionId("c");

  OwnerTable table;

  @BeforeEach
  void setUp() {
    table = new OwnerTable();
    table.complete();
  }

  static OwnerTable.Entry loop(Object... members) {
    Map<String, JsonValue> object = new LinkedHashMap<>();
    object.put(RalphDocument.ACTIVE, JsonValue.TRUE);
    for (int i = 0; i < members.length; i += 2) {
      Object value = members[i + 1];
      object.put(
          (String) members[i],
          value instanceof String s
              ? JsonValue.of(s)
              : JsonValue.of(((Number) value).doubleValue()));
    }
    return OwnerTable.Entry.of(
        new StoredDocument.Present(RalphDocument.of(new JsonObject(object))));
  }

  Set<OmxSessionId> owners(String session, String thread) {
    return table.possibleOwners(new CandidateQuery(session, thread)).orElseThrow().stream()
        .collect(Collectors.toSet());
  }

  @Test
  void givenDocuments_entries_keyActiveLoopsByTheirOwnerAsTheRuleDoes() {
    assertEquals(
        Optional.of(new OwnerKey.CodexSession("codex-1")),
        loop(RalphDocument.OWNER_CODEX_SESSION_ID, " codex-1\u3000").owner());
    assertEquals(
        Optional.of(new OwnerKey.CodexSession("100")),
        loop(RalphDocument.OWNER_CODEX_SESSION_ID, 1e2).owner(),
        "a number owner, as JavaScript prints it");
    assertEquals(
        Optional.of(new OwnerKey.CodexSession("codex-1")),
        loop(
                RalphDocument.OWNER_CODEX_SESSION_ID,
                "codex-1",
                RalphDocument.OWNER_CODEX_THREAD_ID,
                "t-1")
            .owner(),
        "a session owner decides alone");
    assertEquals(
        Optional.of(new OwnerKey.CodexThread("t-1")),
        loop(RalphDocument.OWNER_CODEX_SESSION_ID, "  ", RalphDocument.OWNER_CODEX_THREAD_ID, "t-1")
            .owner());
    assertEquals(OwnerTable.Entry.NONE, loop(), "no owner: nobody's");
    assertEquals(
        OwnerTable.Entry.NONE,
        loop(
            RalphDocument.OWNER_CODEX_SESSION_ID,
            "codex-1",
            RalphDocument.CURRENT_PHASE,
            "Complete"),
        "a terminal phase");
    assertEquals(OwnerTable.Entry.NONE, OwnerTable.Entry.of(StoredDocument.MISSING));
    assertEquals(
        OwnerTable.Entry.UNSURE, OwnerTable.Entry.of(new StoredDocument.Unreadable("not JSON")));
  }

  @Test
  void givenLoopsAdded_aPayload_isToldTheSessionsItCouldOwnAndThoseUnsure() {
    table.put(A, loop(RalphDocument.OWNER_CODEX_SESSION_ID, "codex-1"));
    table.put(B, loop(RalphDocument.OWNER_CODEX_THREAD_ID, "t-1"));
    table.put(C, OwnerTable.Entry.UNSURE);

    assertEquals(Set.of(A, C), owners("codex-1", ""));
    assertEquals(Set.of(A, B, C), owners("codex-1", "t-1"));
    assertEquals(Set.of(B, C), owners("", "t-1"));
    assertEquals(Set.of(C), owners("codex-1 x", "t-2"));
    assertEquals(Set.of(C), owners("t-1", ""), "a thread id is not a session id");
    assertEquals(3, table.size());
  }

  @Test
  void givenALoopChanged_itIsFoundByItsNewOwnerOnly() {
    table.put(A, loop(RalphDocument.OWNER_CODEX_SESSION_ID, "codex-1"));
    table.put(B, loop(RalphDocument.OWNER_CODEX_SESSION_ID, "codex-1"));

    table.put(A, loop(RalphDocument.OWNER_CODEX_SESSION_ID, "codex-2"));
    table.put(B, OwnerTable.Entry.NONE);

    assertEquals(Set.of(), owners("codex-1", ""));
    assertEquals(Set.of(A), owners("codex-2", ""));
    assertEquals(2, table.size());
  }

  @Test
  void givenASessionRemoved_itIsForgotten() {
    table.put(A, loop(RalphDocument.OWNER_CODEX_SESSION_ID, "codex-1"));
    table.put(B, OwnerTable.Entry.UNSURE);

    table.remove(A);
    table.remove(B);
    table.remove(C);

    assertEquals(Set.of(), owners("codex-1", ""));
    assertEquals(0, table.size());
  }

  @Test
  void givenAnOverflow_itAnswersNothingUntilRebuilt() {
    table.put(A, loop(RalphDocument.OWNER_CODEX_SESSION_ID, "codex-1"));

    table.overflowed();
    table.put(B, loop(RalphDocument.OWNER_CODEX_SESSION_ID, "codex-1"));

    assertEquals(Optional.empty(), table.possibleOwners(new CandidateQuery("codex-1", "")));

    table.clear();
    assertEquals(Optional.empty(), table.possibleOwners(new CandidateQuery("codex-1", "")));
    table.put(B, loop(RalphDocument.OWNER_CODEX_SESSION_ID, "codex-1"));
    table.complete();

    assertEquals(Optional.of(List.of(B)), table.possibleOwners(new CandidateQuery("codex-1", "")));
    assertEquals(1, table.size(), "the rebuild replaced what it held");
  }

  @Test
  void givenANewTable_itAnswersNothingUntilComplete() {
    OwnerTable fresh = new OwnerTable();
    fresh.put(A, loop(RalphDocument.OWNER_CODEX_SESSION_ID, "codex-1"));

    assertEquals(Optional.empty(), fresh.possibleOwners(new CandidateQuery("codex-1", "")));
  }

  @Test
  void givenAnUnsureEntryWithAnOwner_itIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new OwnerTable.Entry(Optional.of(new OwnerKey.CodexSession("x")), true));
  }
}
