package io.github.ralphresume.domain.usecase;

import io.github.ralphresume.domain.js.JsDates;
import io.github.ralphresume.domain.js.JsStrings;
import io.github.ralphresume.domain.model.Abandonment;
import io.github.ralphresume.domain.model.Candidate;
import io.github.ralphresume.domain.model.CandidateVerdict;
import io.github.ralphresume.domain.model.CurrentSession;
import io.github.ralphresume.domain.model.Environment;
import io.github.ralphresume.domain.model.Freshness;
import io.github.ralphresume.domain.model.OmxSessionId;
import io.github.ralphresume.domain.model.PaneId;
import io.github.ralphresume.domain.model.RalphDocument;
import io.github.ralphresume.domain.model.Rebind;
import io.github.ralphresume.domain.model.ReconcileOutcome;
import io.github.ralphresume.domain.model.ResumeReason;
import io.github.ralphresume.domain.model.StaleThreshold;
import io.github.ralphresume.domain.model.StoredDocument;
import io.github.ralphresume.domain.model.Transfer;
import io.github.ralphresume.domain.port.CurrentSessionLocator;
import io.github.ralphresume.domain.port.PaneLocator;
import io.github.ralphresume.domain.port.RalphStateStore;
import io.github.ralphresume.domain.port.ResumeLock;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The use case: after a Codex turn, make sure the conversation's active Ralph loop lives in the
 * current OMX session — moved there exactly once, stale loops retired, the pane re-pointed.
 * The steps and their order are the original's.
 *
 * @since 0.1.0
 */
public final class ReconcileRalphResume {
  private final RalphStateStore store;
  private final ResumeLock lock;
  private final CurrentSessionLocator currentSessionLocator;
  private final PaneLocator paneLocator;
  private final Clock clock;

  /** Wires the use case to its ports. */
  public ReconcileRalphResume(
      RalphStateStore store,
      ResumeLock lock,
      CurrentSessionLocator currentSessionLocator,
      PaneLocator paneLocator,
      Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.lock = Objects.requireNonNull(lock, "lock");
    this.currentSessionLocator = Objects.requireNonNull(currentSessionLocator, "locator");
    this.paneLocator = Objects.requireNonNull(paneLocator, "paneLocator");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Reconciles once under the resume lock.
   *
   * @return the outcome; a lock held elsewhere past the timeout is the outcome
   *     {@link ResumeReason#RESUME_LOCK_TIMEOUT}, not an exception
   * @throws io.github.ralphresume.domain.port.StateStoreException when a write fails; a
   *     half-done transfer is undone first
   */
  public ReconcileOutcome reconcile(ReconcileRequest request) {
    Optional<ResumeLock.Held> acquired = lock.acquire();
    if (acquired.isEmpty()) return ReconcileOutcome.of("", ResumeReason.RESUME_LOCK_TIMEOUT);
    try (ResumeLock.Held held = acquired.get()) {
      return new Run(request, held).reconcile();
    }
  }

  /** One reconcile's state: its request, its lock and its single reading of the clock. */
  private final class Run {
    private final ReconcileRequest request;
    private final ResumeLock.Held held;
    private final Environment environment;
    private final StaleThreshold threshold;
    private final long nowMillis;
    private final String nowIso;

    Run(ReconcileRequest request, ResumeLock.Held held) {
      this.request = request;
      this.held = held;
      this.environment = request.environment();
      this.threshold = StaleThreshold.from(environment);
      this.nowMillis = clock.millis();
      this.nowIso = JsDates.toIsoString(nowMillis);
    }

    ReconcileOutcome reconcile() {
      CurrentSession located = currentSessionLocator.locate(environment);
      OmxSessionId current = located.idOrNull();
      if (current == null) {
        return ReconcileOutcome.of("", ResumeReason.CURRENT_OMX_SESSION_MISSING);
      }
      String currentId = current.value();
      String targetPath = store.documentPath(current);
      StoredDocument currentStored = store.read(current);

      if (currentStored instanceof StoredDocument.Present present
          && present.document().isActive()) {
        RalphDocument document = present.document();
        Freshness freshness = freshness(current, document);
        if (freshness.stale()) {
          write(current, Abandonment.of(document, freshness).abandoned());
          return ReconcileOutcome.atTarget(
              currentId, ResumeReason.CURRENT_RALPH_ABANDONED_STALE, false, targetPath);
        }
        Rebind rebind =
            Rebind.of(
                document,
                current,
                request.payloadCodexSessionId(),
                JsStrings.trim(request.payloadCodexThreadId()),
                pane(),
                nowIso);
        if (rebind.changed()) write(current, rebind.updated());
        return ReconcileOutcome.atTarget(
            currentId, ResumeReason.CURRENT_RALPH_ACTIVE, rebind.changed(), targetPath);
      }
      if (currentStored instanceof StoredDocument.Present) {
        return ReconcileOutcome.atTarget(
            currentId, ResumeReason.CURRENT_RALPH_PRESENT, false, targetPath);
      }
      if (currentStored instanceof StoredDocument.Unreadable) {
        return ReconcileOutcome.atTarget(
            currentId, ResumeReason.CURRENT_RALPH_UNREADABLE, false, targetPath);
      }

      String payloadSessionId = JsStrings.trim(request.payloadCodexSessionId());
      String payloadThreadId = JsStrings.trim(request.payloadCodexThreadId());
      if (payloadSessionId.isEmpty() && payloadThreadId.isEmpty()) {
        return ReconcileOutcome.of(currentId, ResumeReason.PAYLOAD_CODEX_IDENTITY_MISSING);
      }

      Scan scan = scanPriorSessions(current, payloadSessionId, payloadThreadId);
      if (scan.candidates.size() != 1) {
        ResumeReason reason =
            scan.candidates.isEmpty()
                ? scan.abandoned > 0
                    ? ResumeReason.MATCHING_PRIOR_RALPH_ABANDONED_STALE
                    : ResumeReason.NO_MATCHING_PRIOR_RALPH
                : ResumeReason.MULTIPLE_MATCHING_PRIOR_RALPHS;
        return ReconcileOutcome.of(currentId, reason);
      }

      Transfer transfer =
          Transfer.of(scan.candidates.get(0), current, payloadSessionId, pane(), nowIso);
      transfer(current, transfer);
      return new ReconcileOutcome(
          currentId,
          true,
          false,
          ResumeReason.RESUMED_SAME_CODEX_SESSION,
          Optional.of(store.documentPath(transfer.source())),
          Optional.of(targetPath));
    }

    /** The original writes the new owner first and, if retiring the source fails, undoes it. */
    private void transfer(OmxSessionId current, Transfer transfer) {
      write(current, transfer.nextTarget());
      try {
        write(transfer.source(), transfer.previousSource());
      } catch (RuntimeException failure) {
        try {
          store.delete(current);
        } catch (RuntimeException undoFailure) {
          failure.addSuppressed(undoFailure);
        }
        throw failure;
      }
    }

    private Scan scanPriorSessions(
        OmxSessionId current, String payloadSessionId, String payloadThreadId) {
      Scan scan = new Scan();
      try (Stream<OmxSessionId> sessions = store.sessions()) {
        sessions
            .filter(session -> !session.equals(current))
            .forEach(session -> judge(session, payloadSessionId, payloadThreadId, scan));
      }
      return scan;
    }

    private void judge(
        OmxSessionId session, String payloadSessionId, String payloadThreadId, Scan scan) {
      StoredDocument stored = store.read(session);
      CandidateVerdict verdict =
          CandidateVerdict.ownership(stored, payloadSessionId, payloadThreadId);
      if (!verdict.owned()) return;
      RalphDocument document = ((StoredDocument.Present) stored).document();
      Freshness freshness = freshness(session, document);
      if (freshness.stale()) {
        write(session, Abandonment.of(document, freshness).abandoned());
        scan.abandoned++;
        return;
      }
      scan.candidates.add(new Candidate(session, document, verdict));
    }

    private Freshness freshness(OmxSessionId session, RalphDocument document) {
      return Freshness.assess(
          document, nowMillis, threshold, clock.getZone(), () -> store.modifiedMillis(session));
    }

    private Optional<String> pane() {
      return paneLocator.locate(environment).map(PaneId::value);
    }

    private void write(OmxSessionId session, RalphDocument document) {
      held.ensureHeld();
      store.write(session, document);
    }
  }

  private static final class Scan {
    final List<Candidate> candidates = new ArrayList<>();
    int abandoned;
  }
}
