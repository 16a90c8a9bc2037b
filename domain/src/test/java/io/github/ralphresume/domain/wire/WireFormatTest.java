package io.github.ralphresume.domain.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.ralphresume.domain.json.JsonObject;
import io.github.ralphresume.domain.json.JsonText;
import io.github.ralphresume.domain.json.JsonValue;
import io.github.ralphresume.domain.model.CurrentSession;
import io.github.ralphresume.domain.model.Freshness;
import io.github.ralphresume.domain.model.Inspection;
import io.github.ralphresume.domain.model.OmxSessionId;
import io.github.ralphresume.domain.model.RalphDocument;
import io.github.ralphresume.domain.model.ReconcileOutcome;
import io.github.ralphresume.domain.model.Recovery;
import io.github.ralphresume.domain.model.ResumeReason;
import io.github.ralphresume.domain.model.SessionSummary;
import io.github.ralphresume.domain.model.StoredDocument;
import io.github.ralphresume.domain.model.TimestampSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one spelling of each fact, as scripts and HTTP clients read it. */
class WireFormatTest {
  static final OmxSessionId CURRENT = new OmxSessionId("sess-current");
  static final Freshness FRESH =
      new Freshness(false, 60_000, 1_000_000, 86_400_000, TimestampSource.UPDATED_AT);

  static String line(JsonValue value) {
    return JsonText.compact(value);
  }

  @Test
  void givenEachWayOfFindingIt_currentSession_namesTheWayInSnakeCase() {
    assertEquals(
        "{\"id\":\"sess-current\",\"foundBy\":\"environment\",\"variable\":\"OMX_SESSION_ID\"}",
        line(
            WireFormat.currentSession(
                new CurrentSession.FromEnvironment(CURRENT, "OMX_SESSION_ID"))));
    assertEquals(
        "{\"id\":\"sess-current\",\"foundBy\":\"session_file\"}",
        line(WireFormat.currentSession(new CurrentSession.FromSessionFile(CURRENT))));
    assertEquals(
        "{\"id\":null,\"foundBy\":\"none\",\"why\":\"session.json is missing\"}",
        line(WireFormat.currentSession(new CurrentSession.None("session.json is missing"))));
  }

  @Test
  void givenAFreshnessCheck_freshness_writesMillisecondsAndTheTimestampItCameFrom() {
    assertEquals(
        "{\"ageMs\":60000,\"thresholdMs\":86400000,\"source\":\"updated_at\",\"stale\":false}",
        line(WireFormat.freshness(FRESH)));
  }

  @Test
  void givenEachKindOfDocument_session_writesTheSameMembersInTheSameOrder() {
    Map<String, JsonValue> members = new LinkedHashMap<>();
    members.put("active", JsonValue.TRUE);
    members.put("iteration", JsonValue.of(4));
    members.put("current_phase", JsonValue.of("executing"));
    members.put("owner_codex_thread_id", JsonValue.of("t-1"));
    StoredDocument present = new StoredDocument.Present(RalphDocument.of(new JsonObject(members)));

    Inspection inspection =
        new Inspection(
            new CurrentSession.FromSessionFile(CURRENT),
            List.of(
                SessionSummary.of(CURRENT, true, present, Optional.of(FRESH)),
                SessionSummary.of(
                    new OmxSessionId("sess-broken"),
                    false,
                    new StoredDocument.Unreadable("not valid JSON"),
                    Optional.empty()),
                SessionSummary.of(
                    new OmxSessionId("sess-empty"),
                    false,
                    StoredDocument.MISSING,
                    Optional.empty())));

    assertEquals(
        "{\"currentSession\":{\"id\":\"sess-current\",\"foundBy\":\"session_file\"},\"sessions\":["
            + "{\"id\":\"sess-current\",\"current\":true,\"document\":\"present\",\"active\":true,"
            + "\"phase\":\"executing\",\"iteration\":\"4\",\"maxIterations\":\"\","
            + "\"ownerOmxSessionId\":\"\",\"ownerCodexSessionId\":\"\",\"ownerCodexThreadId\":\"t-1\","
            + "\"pane\":\"\",\"freshness\":{\"ageMs\":60000,\"thresholdMs\":86400000,"
            + "\"source\":\"updated_at\",\"stale\":false}},"
            + "{\"id\":\"sess-broken\",\"current\":false,\"document\":\"unreadable\","
            + "\"unreadableWhy\":\"not valid JSON\",\"active\":false,\"phase\":\"\",\"iteration\":\"\","
            + "\"maxIterations\":\"\",\"ownerOmxSessionId\":\"\",\"ownerCodexSessionId\":\"\","
            + "\"ownerCodexThreadId\":\"\",\"pane\":\"\"},"
            + "{\"id\":\"sess-empty\",\"current\":false,\"document\":\"missing\",\"active\":false,"
            + "\"phase\":\"\",\"iteration\":\"\",\"maxIterations\":\"\",\"ownerOmxSessionId\":\"\","
            + "\"ownerCodexSessionId\":\"\",\"ownerCodexThreadId\":\"\",\"pane\":\"\"}]}",
        line(WireFormat.sessions(inspection)));
  }

  @Test
  void givenARecoveryFirst_reconcileResult_keepsTheOriginalsMembersAndAddsTheRecoveryLast() {
    ReconcileOutcome outcome =
        ReconcileOutcome.atTarget(
                "sess-current",
                ResumeReason.CURRENT_RALPH_ACTIVE,
                true,
                "/s/sessions/sess-current/ralph-state.json")
            .withRecovery(
                Optional.of(
                    new Recovery(
                        "t-1",
                        Recovery.Action.ROLLED_BACK,
                        new OmxSessionId("sess-a"),
                        CURRENT,
                        Recovery.Found.ORIGINAL_SOURCE,
                        Recovery.Found.NEXT_TARGET)));

    assertEquals(
        "{\"currentOmxSessionId\":\"sess-current\",\"resumed\":false,\"updatedCurrentOwner\":true,"
            + "\"reason\":\"current_ralph_active\","
            + "\"targetPath\":\"/s/sessions/sess-current/ralph-state.json\","
            + "\"recovery\":{\"transferId\":\"t-1\",\"action\":\"rolled_back\","
            + "\"source\":\"sess-a\",\"target\":\"sess-current\","
            + "\"foundAtSource\":\"original_source\",\"foundAtTarget\":\"next_target\"}}",
        line(WireFormat.reconcileResult(outcome)));
  }
}
