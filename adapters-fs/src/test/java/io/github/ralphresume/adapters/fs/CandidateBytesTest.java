package io.github.ralphresume.adapters.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ralphresume.domain.json.JsonStrings;
import io.github.ralphresume.domain.json.JsonText;
import io.github.ralphresume.domain.json.JsonValue;
import io.github.ralphresume.domain.model.CandidateQuery;
import io.github.ralphresume.domain.model.CandidateVerdict;
import io.github.ralphresume.domain.model.OmxSessionId;
import io.github.ralphresume.domain.model.SessionDocument;
import io.github.ralphresume.domain.model.StoredDocument;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The file store leaves out of a reconcile's candidates the documents whose bytes prove that the
 * payload cannot own them ({@link CandidateBytes}); it must never leave out one the original would
 * claim. Checked against Node ({@code claims-golden/claims.tsv}: the original's own scan on
 * documents made to trip a byte search: owners printed from numbers, arrays and objects, spelled
 * with escapes, padded with Unicode spaces, invalid UTF-8), and against our full parse on every
 * document of the JSON golden table used as an owner value.
 */
class CandidateBytesTest {
  private static final String CLAIMS = "/claims-golden/claims.tsv";
  private static final OmxSessionId CURRENT = new OmxSessionId("current");

  @TempDir Path root;

  record Claim(String name, byte[] bytes, String session, String thread, String claimedBy) {
    CandidateQuery query() {
      return new CandidateQuery(session, thread);
    }

    boolean claimed() {
      return !claimedBy.equals("none");
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static final List<Claim> CLAIMED_BY_NODE = load();

  static Stream<Arguments> claims() {
    return CLAIMED_BY_NODE.stream().map(claim -> Arguments.of(claim.name(), claim));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("claims")
  void givenNodesVerdict_theRuleJudgesAsTheOriginal_andTheBytesNeverRuleOutAClaim(
      String name, Claim claim) {
    CandidateVerdict verdict =
        CandidateVerdict.ownership(FileRalphStateStore.parseDocument(claim.bytes()), claim.query());

    String ours =
        verdict == CandidateVerdict.MATCHED_BY_SESSION
            ? "session"
            : verdict == CandidateVerdict.MATCHED_BY_THREAD ? "thread" : "none";
    assertEquals(claim.claimedBy(), ours, verdict.wireName());
    if (claim.claimed()) {
      assertTrue(
          CandidateBytes.of(claim.query()).mayBeClaimed(claim.bytes(), claim.bytes().length),
          "the filter left out a document the original claims");
    }
  }

  @Test
  void givenEveryGoldenClaim_theStoresCandidates_includeEveryClaimedDocument() throws IOException {
    Map<List<String>, List<Claim>> byPayload = new LinkedHashMap<>();
    for (Claim claim : CLAIMED_BY_NODE) {
      byPayload
          .computeIfAbsent(List.of(claim.session(), claim.thread()), k -> new ArrayList<>())
          .add(claim);
    }
    int group = 0;
    for (Map.Entry<List<String>, List<Claim>> payload : byPayload.entrySet()) {
      // The documents tested with one payload, in a state dir of their own.
      Path stateDir = root.resolve("state-" + group++);
      Map<Claim, OmxSessionId> sessions = new HashMap<>();
      for (Claim claim : payload.getValue()) {
        OmxSessionId session = new OmxSessionId("s" + sessions.size());
        sessions.put(claim, session);
        write(stateDir, session, claim.bytes());
      }
      FileRalphStateStore store = new FileRalphStateStore(stateDir);
      CandidateQuery query = new CandidateQuery(payload.getKey().get(0), payload.getKey().get(1));
      Map<OmxSessionId, StoredDocument> given = candidates(store, query);
      for (Claim claim : payload.getValue()) {
        if (claim.claimed()) {
          assertTrue(given.containsKey(sessions.get(claim)), claim + ": left out");
        }
      }
      given.forEach((session, stored) -> assertSame(store.read(session), stored, "" + session));
    }
  }

  /**
   * Every document of the JSON golden table as the owner of an active loop, with the payload id it
   * prints as (and a few near misses): whenever a full parse finds the loop owned, its bytes must
   * say that it may be.
   */
  @Test
  void givenEveryGoldenJsonValueAsTheOwner_theBytes_neverRuleOutAnOwnedLoop() {
    int owned = 0;
    for (JavaScriptJsonGoldenTest.Row row : JavaScriptJsonGoldenTest.rowsList()) {
      byte[] bytes = ownedBy(row.input());
      Optional<JsonValue> owner = JavaScriptJson.parse(row.input());
      List<String> ids = new ArrayList<>(List.of("codex-1", "1", "100", "a,b", "[object Object]"));
      owner.ifPresent(value -> ids.add(JsonStrings.safeString(value)));
      owner.ifPresent(value -> ids.add(JsonStrings.safeString(value) + "x"));
      StoredDocument stored = FileRalphStateStore.parseDocument(bytes);
      for (String id : ids) {
        CandidateQuery query = new CandidateQuery(id, id);
        boolean claimed = CandidateVerdict.ownership(stored, query).owned();
        if (!claimed) continue;
        owned++;
        assertTrue(
            CandidateBytes.of(query).mayBeClaimed(bytes, bytes.length),
            () -> row.name() + " as the owner, payload \"" + id + "\": left out");
      }
    }
    assertTrue(owned > 300, "owned loops checked: " + owned);
  }

  static byte[] ownedBy(byte[] ownerValue) {
    byte[] head =
        "{\"active\": true, \"owner_codex_session_id\": ".getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[head.length + ownerValue.length + 1];
    System.arraycopy(head, 0, bytes, 0, head.length);
    System.arraycopy(ownerValue, 0, bytes, head.length, ownerValue.length);
    bytes[bytes.length - 1] = '}';
    return bytes;
  }

  // ---- what the filter leaves out: the reason it exists ----

  static final String ANOTHER_CONVERSATION =
      "{\n  \"active\": true,\n  \"iteration\": 7,\n  \"current_phase\": \"executing\",\n"
          + "  \"owner_codex_session_id\": \"019a3c1e-5f7b-7d21-9c2e-5e0c7a1d2b3f\",\n"
          + "  \"owner_codex_thread_id\": \"thread-2f89263ddbaf9bf7\",\n"
          + "  \"updated_at\": \"2026-02-22T11:59:00.000Z\",\n  \"linked_ultrawork\": true\n}";

  @Test
  void givenAnActiveLoopOfAnotherConversation_theBytes_ruleItOut() {
    byte[] bytes = ANOTHER_CONVERSATION.getBytes(StandardCharsets.UTF_8);

    assertFalse(mayBeClaimed(bytes, "019a2a9a-a817-7771-9a3c-59a56ae35ede", "thread-1"));
    assertTrue(mayBeClaimed(bytes, "019a3c1e-5f7b-7d21-9c2e-5e0c7a1d2b3f", ""));
    assertTrue(mayBeClaimed(bytes, "", "thread-2f89263ddbaf9bf7"), "matched by bytes, not rules");
  }

  @Test
  void givenNoTrueAnywhere_theBytes_ruleItOutWhoeverAsks() {
    byte[] bytes =
        ANOTHER_CONVERSATION
            .replace("true", "false")
            .replace("\"executing\"", "\"\\u0065xecuting\"")
            .getBytes(StandardCharsets.UTF_8);

    assertFalse(mayBeClaimed(bytes, "019a3c1e-5f7b-7d21-9c2e-5e0c7a1d2b3f", ""));
    assertFalse(mayBeClaimed(bytes, "100", "a,b"));
  }

  @Test
  void givenPayloadIdsANumberArrayOrObjectCouldPrint_theBytes_ruleNothingOut() {
    byte[] bytes = ANOTHER_CONVERSATION.getBytes(StandardCharsets.UTF_8);

    // 1e2 prints 100, ["a","b"] prints a,b, {} prints [object Object], 1e400 prints Infinity.
    for (String id : List.of("100", "1e+21", "-Infinity", "a,b", "[object Object]", "x\uFFFDy")) {
      assertTrue(mayBeClaimed(bytes, id, ""), id);
      assertFalse(CandidateBytes.isPlain(id), id);
    }
    assertTrue(CandidateBytes.isPlain("codex-1"));
    assertTrue(CandidateBytes.isPlain("lazy"), "a letter beyond those numbers print");
    assertFalse(CandidateBytes.isPlain("tiny"), "the letters of Infinity");
    assertFalse(CandidateBytes.isPlain("caf\u00e9"), "beyond ASCII: not looked for");
    assertFalse(CandidateBytes.isPlain("say \"hi\""), "a quote has a short escape");
  }

  @Test
  void givenEscapesElsewhere_theBytes_stillRuleOutAnotherConversation() {
    byte[] escaped =
        ANOTHER_CONVERSATION
            .replace("\"iteration\"", "\"note\": \"say \\\"hi\\\"\\n\\u0041\", \"iteration\"")
            .getBytes(StandardCharsets.UTF_8);

    assertFalse(mayBeClaimed(escaped, "019a2a9a-a817-7771-9a3c-59a56ae35ede", ""));
  }

  @Test
  void givenAnOwnerSpelledWithEscapes_theBytes_mayBeClaimed() {
    for (String spelled :
        List.of(
            "\\u0063odex-1",
            "c\\u006Fdex-1",
            "codex\\u002d1",
            "\\u0063\\u006f\\u0064\\u0065\\u0078\\u002D\\u0031")) {
      byte[] bytes =
          ("{\"active\": true, \"owner_codex_session_id\": \"" + spelled + "\"}")
              .getBytes(StandardCharsets.UTF_8);
      assertTrue(mayBeClaimed(bytes, "codex-1", ""), spelled);
      assertFalse(mayBeClaimed(bytes, "codex-2", ""), spelled);
    }
    byte[] slash =
        "{\"active\": true, \"owner_codex_thread_id\": \"a\\/b\"}".getBytes(StandardCharsets.UTF_8);
    assertTrue(mayBeClaimed(slash, "", "a/b"));
  }

  @Test
  void givenAPayloadWithoutIds_theBytes_ruleEverythingOut() {
    assertFalse(mayBeClaimed(ANOTHER_CONVERSATION.getBytes(StandardCharsets.UTF_8), " ", ""));
  }

  private static boolean mayBeClaimed(byte[] bytes, String session, String thread) {
    return CandidateBytes.of(new CandidateQuery(session, thread)).mayBeClaimed(bytes, bytes.length);
  }

  // ---- the store's candidates are read() ----

  static Stream<Arguments> tricky() {
    return Stream.of(
        Arguments.of(
            "a repeated owner keeps its last value",
            owned("\"a\",\"owner_codex_session_id\":\"codex-1\"")),
        Arguments.of("a number owner", owned("1e21")),
        Arguments.of("an array owner", owned("[1,\"codex-1\",null,[2,3]]")),
        Arguments.of("malformed inside another member", "{\"active\":true,\"big\":{\"a\":[1,2,}}"),
        Arguments.of(
            "trailing content", "{\"active\":true,\"owner_codex_session_id\":\"codex-1\"} {}"),
        Arguments.of(
            "deep nesting in another member (as deep as JavaScript writes)",
            "{\"active\":true,\"owner_codex_session_id\":\"codex-1\",\"deep\":"
                + "[".repeat(4000)
                + "]".repeat(4000)
                + "}"),
        Arguments.of(
            "larger than the read buffer",
            "{\"notes\":\"" + "x".repeat(40_000) + "\"," + owned("\"codex-1\"").substring(1)),
        Arguments.of(
            "larger than any kept buffer",
            "{\"notes\":["
                + "\"0123456789\",".repeat(100_000)
                + "1],"
                + owned("\"codex-1\"").substring(1)),
        Arguments.of("a top-level array", "[" + owned("\"codex-1\"") + "]"),
        Arguments.of("an empty object", "{}"),
        Arguments.of("a NUL before the document", "\u0000" + owned("\"codex-1\"")),
        Arguments.of(
            "a legacy thread owner",
            "{\"active\":true,\"owner_codex_thread_id\":\" thread-9 \",\"updated_at\":\"2026-02-22\"}"));
  }

  static String owned(String ownerValue) {
    return "{\"active\":true,\"owner_codex_session_id\":" + ownerValue + "}";
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tricky")
  void givenATrickyDocument_theStoresCandidates_areWhatReadReturns(String name, String text)
      throws IOException {
    Path stateDir = root.resolve("state");
    OmxSessionId session = new OmxSessionId("prior-1");
    write(stateDir, session, text.getBytes(StandardCharsets.UTF_8));
    FileRalphStateStore store = new FileRalphStateStore(stateDir);

    StoredDocument read = store.read(session);
    for (String payload : new String[] {"codex-1", "a", "1e+21", "1,codex-1,,2,3", "thread-9"}) {
      CandidateQuery query = new CandidateQuery(payload, payload);
      Map<OmxSessionId, StoredDocument> given = candidates(store, query);
      if (CandidateVerdict.ownership(read, query).owned() || !given.isEmpty()) {
        assertEquals(Set.of(session), given.keySet(), "payload " + payload);
        assertSame(read, given.get(session), "payload " + payload);
      }
    }
  }

  @Test
  void givenLoopsOfOtherConversationsAndNoLoops_theStoresCandidates_areNone() throws IOException {
    Path stateDir = root.resolve("state");
    write(
        stateDir,
        new OmxSessionId("active"),
        ANOTHER_CONVERSATION.getBytes(StandardCharsets.UTF_8));
    write(
        stateDir,
        new OmxSessionId("done"),
        ANOTHER_CONVERSATION.replace("true", "false").getBytes(StandardCharsets.UTF_8));
    write(stateDir, new OmxSessionId("broken"), "{\"active\": tr".getBytes(StandardCharsets.UTF_8));
    Files.createDirectories(stateDir.resolve("sessions").resolve("empty"));
    FileRalphStateStore store = new FileRalphStateStore(stateDir);

    assertEquals(
        Map.of(),
        candidates(store, new CandidateQuery("019a2a9a-a817-7771-9a3c-59a56ae35ede", "thread-1")));
    assertEquals(
        Set.of(new OmxSessionId("active")),
        candidates(store, new CandidateQuery("019a3c1e-5f7b-7d21-9c2e-5e0c7a1d2b3f", "")).keySet());
  }

  // ---- helpers ----

  /**
   * The same kind of result with the same bytes ({@code equals} on documents nested thousands deep
   * would overflow the stack).
   */
  static void assertSame(StoredDocument expected, StoredDocument actual, String what) {
    assertEquals(expected.getClass(), actual.getClass(), what);
    if (expected instanceof StoredDocument.Present present) {
      assertEquals(
          JsonText.pretty(present.document().root()),
          JsonText.pretty(((StoredDocument.Present) actual).document().root()),
          what);
    } else {
      assertEquals(expected, actual, what);
    }
  }

  static Map<OmxSessionId, StoredDocument> candidates(
      FileRalphStateStore store, CandidateQuery query) {
    try (Stream<SessionDocument> given = store.candidates(CURRENT, query)) {
      return given.collect(
          Collectors.toMap(
              SessionDocument::session,
              SessionDocument::stored,
              (a, b) -> {
                throw new AssertionError("a session given twice");
              },
              LinkedHashMap::new));
    }
  }

  static void write(Path stateDir, OmxSessionId session, byte[] bytes) throws IOException {
    Path dir = Files.createDirectories(stateDir.resolve("sessions").resolve(session.value()));
    Files.write(dir.resolve("ralph-state.json"), bytes);
  }

  private static String utf16(String hexUnits) {
    StringBuilder text = new StringBuilder();
    for (String unit : hexUnits.split(" ")) {
      if (!unit.isEmpty()) text.append((char) Integer.parseInt(unit, 16));
    }
    return text.toString();
  }

  private static List<Claim> load() {
    Base64.Decoder base64 = Base64.getDecoder();
    List<Claim> claims = new ArrayList<>();
    for (GoldenTable.Row row : GoldenTable.read(CandidateBytesTest.class, CLAIMS, 5)) {
      String[] fields = row.fields();
      claims.add(
          new Claim(
              row.line() + ": " + fields[0],
              base64.decode(fields[1]),
              utf16(fields[2]),
              utf16(fields[3]),
              fields[4]));
    }
    return claims;
  }
}
