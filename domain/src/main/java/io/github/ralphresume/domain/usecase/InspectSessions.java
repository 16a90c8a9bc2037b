package io.github.ralphresume.domain.usecase;

import io.github.ralphresume.domain.json.JsonLimitException;
import io.github.ralphresume.domain.model.CurrentSession;
import io.github.ralphresume.domain.model.Environment;
import io.github.ralphresume.domain.model.Freshness;
import io.github.ralphresume.domain.model.Inspection;
import io.github.ralphresume.domain.model.OmxSessionId;
import io.github.ralphresume.domain.model.RalphDocument;
import io.github.ralphresume.domain.model.SessionSummary;
import io.github.ralphresume.domain.model.StaleThreshold;
import io.github.ralphresume.domain.model.StoredDocument;
import io.github.ralphresume.domain.port.CurrentSessionLocator;
import io.github.ralphresume.domain.port.RalphStateStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The use case behind {@code status} and {@code GET /v1/sessions}: every session's loop with the
 * same freshness verdict a reconcile would reach. Read-only: no lock, no write.
 *
 * @since 0.1.0
 */
public final class InspectSessions {
  private final RalphStateStore store;
  private final CurrentSessionLocator currentSessionLocator;
  private final Clock clock;

  /**
   * Wires the use case to its ports.
   *
   * @param store where the documents live
   * @param currentSessionLocator finds the current session
   * @param clock the clock freshness is judged by
   */
  public InspectSessions(
      RalphStateStore store, CurrentSessionLocator currentSessionLocator, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.currentSessionLocator = Objects.requireNonNull(currentSessionLocator, "locator");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Summarises every session, newest activity first (ties by id).
   *
   * @param environment the variables naming the current session and the stale thresholds
   * @return the current session and every session's summary
   */
  public Inspection inspect(Environment environment) {
    CurrentSession current = currentSessionLocator.locate(environment);
    OmxSessionId currentId = current.idOrNull();
    StaleThreshold threshold = StaleThreshold.from(environment);
    long now = clock.millis();
    List<SessionSummary> summaries = new ArrayList<>();
    try (Stream<OmxSessionId> sessions = store.sessions()) {
      sessions.forEach(
          session -> summaries.add(summarize(session, session.equals(currentId), threshold, now)));
    }
    summaries.sort(
        Comparator.comparingDouble(SessionSummary::activityMillis)
            .reversed()
            .thenComparing(summary -> summary.session().value()));
    return new Inspection(current, summaries);
  }

  /**
   * One session's summary, as {@link #inspect} computes it.
   *
   * @param session the session
   * @param current whether it is the current session
   * @param threshold the stale threshold
   * @param nowMillis the time freshness is judged at, in epoch ms
   * @return the summary
   */
  public SessionSummary summarize(
      OmxSessionId session, boolean current, StaleThreshold threshold, long nowMillis) {
    StoredDocument stored = store.read(session);
    try {
      return summarize(session, current, threshold, nowMillis, stored);
    } catch (JsonLimitException tooDeep) {
      // A field JavaScript cannot turn into text: the original fails on it; status shows why.
      return SessionSummary.of(
          session, current, new StoredDocument.Unreadable(tooDeep.getMessage()), Optional.empty());
    }
  }

  private SessionSummary summarize(
      OmxSessionId session,
      boolean current,
      StaleThreshold threshold,
      long nowMillis,
      StoredDocument stored) {
    Optional<Freshness> freshness = Optional.empty();
    if (stored instanceof StoredDocument.Present present && present.document().isObject()) {
      RalphDocument document = present.document();
      freshness =
          Optional.of(
              Freshness.assess(
                  document,
                  nowMillis,
                  threshold,
                  clock::getZone,
                  () -> store.modifiedMillis(session)));
    }
    return SessionSummary.of(session, current, stored, freshness);
  }
}
