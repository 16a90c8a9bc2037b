package io.github.ralphresume.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ralphresume.testing.StateDirFixture;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The CLI looks up the system's time zone only when a timestamp needs it, and then it is the
 * process's zone, as Node's: a prior loop whose {@code updated_at} has no offset is judged in
 * {@code TZ}'s local time. Real child JVMs, each with its own {@code TZ}.
 */
class LocalTimeZoneTest {
  @TempDir Path root;

  @ParameterizedTest(name = "TZ={0}: {1}")
  @CsvSource({
    // The wall clock written is UTC's now; 12 h is the threshold.
    "UTC,                 resumed_same_codex_session",
    // Kiritimati is UTC+14: that wall clock was 14 h ago there, past the threshold.
    "Pacific/Kiritimati,  matching_prior_ralph_abandoned_stale",
    // Pago Pago is UTC-11: that wall clock is 11 h ahead, so the age is 0.
    "Pacific/Pago_Pago,   resumed_same_codex_session",
  })
  void givenUpdatedAtWithoutOffset_reconcile_readsItInTheProcessLocalZone(
      String zone, String reason) throws Exception {
    StateDirFixture state = new StateDirFixture(root).session("sess-current");
    String wallClock = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString();
    state.write(
        "sess-prior",
        "{\"active\":true,\"current_phase\":\"executing\",\"owner_codex_session_id\":\""
            + StateDirFixture.CODEX
            + "\",\"updated_at\":\""
            + wallClock
            + "\"}");

    ChildCli.Result result =
        ChildCli.run(
            Map.of(
                "TZ",
                zone,
                "OMX_SESSION_ID",
                "sess-current",
                "OMX_RALPH_ACTIVE_STATE_STALE_MS",
                String.valueOf(12 * 3_600_000)),
            "reconcile",
            "--state-dir",
            state.stateDir.toString(),
            "--codex-session-id",
            StateDirFixture.CODEX,
            "--json");

    assertEquals(0, result.status(), result.err());
    assertTrue(
        result.out().contains("\"reason\":\"" + reason + "\""),
        () -> "TZ=" + zone + " printed " + result.out());
  }
}
