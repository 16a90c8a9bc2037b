package io.github.ralphresume.domain.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ralphresume.domain.json.JsonObject;
import io.github.ralphresume.domain.json.JsonText;
import io.github.ralphresume.domain.json.JsonValue;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A document read for judging answers every rule from its rule fields alone, builds the whole
 * object only when it is rewritten or compared, and is then indistinguishable from an eager one.
 */
class DeferredDocumentTest {
  private static final ZoneId UTC = ZoneId.of("UTC");
  private static final long NOW = Instant.parse("2026-03-10T00:00:00.000Z").toEpochMilli();

  /** The whole object: the rule fields plus members other OMX components own. */
  private static JsonObject whole() {
    Map<String, JsonValue> members = new LinkedHashMap<>();
    members.put("task", JsonValue.of("ship it"));
    members.put(RalphDocument.ACTIVE, JsonValue.TRUE);
    members.put(RalphDocument.CURRENT_PHASE, JsonValue.of("executing"));
    members.put(RalphDocument.OWNER_CODEX_SESSION_ID, JsonValue.of("codex-1"));
    members.put("updated_at", JsonValue.of("2026-03-09T12:00:00.000Z"));
    members.put("notes", JsonValue.of("kept in place"));
    return new JsonObject(members);
  }

  private static Map<String, JsonValue> ruleMembersOf(JsonObject object) {
    Map<String, JsonValue> rules = new LinkedHashMap<>();
    object
        .members()
        .forEach(
            (k, v) -> {
              if (RalphDocument.RULE_FIELDS.contains(k)) rules.put(k, v);
            });
    return rules;
  }

  /** Parses the whole object on demand and counts how often it had to. */
  private static final class CountingParse implements Supplier<JsonObject> {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public JsonObject get() {
      calls.incrementAndGet();
      return whole();
    }
  }

  @Test
  void givenDeferredDocument_judgedAsPriorCandidate_neverBuildsTheWholeObject() {
    CountingParse parse = new CountingParse();
    RalphDocument document = RalphDocument.deferred(ruleMembersOf(whole()), parse);

    CandidateVerdict verdict =
        CandidateVerdict.ownership(new StoredDocument.Present(document), "codex-1", "");
    Freshness freshness =
        Freshness.assess(document, NOW, StaleThreshold.DEFAULT, UTC, OptionalDouble::empty);

    assertEquals(CandidateVerdict.MATCHED_BY_SESSION, verdict);
    assertFalse(freshness.stale());
    assertEquals(TimestampSource.UPDATED_AT, freshness.source());
    assertEquals("executing", document.text(RalphDocument.CURRENT_PHASE));
    assertTrue(document.member(RalphDocument.TMUX_PANE_ID).isEmpty(), "absent stays absent");
    assertEquals(0, parse.calls.get(), "judging must not parse the members nobody reads");
  }

  @Test
  void givenDeferredDocument_rewritten_keepsEveryOtherMemberInPlaceAndParsesOnce() {
    CountingParse parse = new CountingParse();
    RalphDocument document = RalphDocument.deferred(ruleMembersOf(whole()), parse);

    RalphDocument retired = document.with(RalphDocument.ACTIVE, JsonValue.FALSE);
    RalphDocument again = document.with(RalphDocument.CURRENT_PHASE, JsonValue.of("cancelled"));

    assertEquals(
        JsonText.pretty(
            new RalphDocument(whole()).with(RalphDocument.ACTIVE, JsonValue.FALSE).root()),
        JsonText.pretty(retired.root()));
    assertEquals("kept in place", again.text("notes"));
    assertEquals(1, parse.calls.get());
  }

  @Test
  void givenDeferredAndEagerDocuments_ofTheSameObject_areEqualAndSameBytes() {
    RalphDocument deferred = RalphDocument.deferred(ruleMembersOf(whole()), new CountingParse());
    RalphDocument eager = new RalphDocument(whole());

    assertEquals(eager, deferred);
    assertEquals(eager.hashCode(), deferred.hashCode());
    assertTrue(deferred.sameBytesAs(eager));
    assertEquals("ship it", deferred.text("task"), "a member outside the rule fields is read");
  }

  @Test
  void givenFreshnessTimestamps_ruleFields_includeEachOne() {
    // A deferred document answers only rule fields itself: one missing here would read as absent
    // and turn a fresh loop's age into its file's mtime.
    for (TimestampSource field : TimestampSource.documentFields()) {
      assertTrue(RalphDocument.RULE_FIELDS.contains(field.wireName()), field.wireName());
    }
  }

  @Test
  void givenMemberOutsideRuleFields_deferred_isRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            RalphDocument.deferred(Map.of("task", JsonValue.of("x")), DeferredDocumentTest::whole));
  }
}
