package io.github.ralphresume.domain.usecase;

import io.github.ralphresume.domain.model.Abandonment;
import io.github.ralphresume.domain.model.DeadSession;
import io.github.ralphresume.domain.model.Freshness;
import io.github.ralphresume.domain.model.OmxSessionId;
import io.github.ralphresume.domain.model.RalphDocument;
import io.github.ralphresume.domain.model.StaleThreshold;
import io.github.ralphresume.domain.model.StoredDocument;
import io.github.ralphresume.domain.model.SweepReport;
import io.github.ralphresume.domain.port.RalphStateStore;
import io.github.ralphresume.domain.port.ResumeLock;
import io.github.ralphresume.domain.port.TransferJournal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The use case behind {@code sweep}: retires active loops nobody will resume. A reconcile only
 * retires the stale loops of the conversation it serves; loops of conversations that never come
 * back stay active forever. A sweep finds every active loop (in a phase that is not terminal) that
 * is stale by the reconcile's own freshness rule and, when asked, the loop of a session whose
 * process is provably gone, and retires them exactly as a reconcile retires a stale loop: {@link
 * Abandonment#of}, written atomically under the resume lock.
 *
 * <p>Loops in a terminal phase are left alone even when {@code active} is still true: nothing
 * drives them, and rewriting their phase to {@code cancelled} would lose how they ended.
 *
 * @since 0.1.0
 */
public final class SweepStaleLoops {
  private final RalphStateStore store;
  private final ResumeLock lock;
  private final TransferJournal journal;
  private final DeadSessionFinder deadSessions;
  private final Clock clock;

  /**
   * Wires the use case to its ports.
   *
   * @param store where the documents live
   * @param lock the resume lock, taken when the sweep applies
   * @param journal asked whether a transfer is pending; a dry run asks too, so give it a journal
   *     that only reads when the sweep must not write
   * @param deadSessions consulted only for {@link SweepRequest#deadOwners()}
   * @param clock read once per sweep; its zone is the local time of timestamps without offset
   */
  public SweepStaleLoops(
      RalphStateStore store,
      ResumeLock lock,
      TransferJournal journal,
      DeadSessionFinder deadSessions,
      Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.lock = Objects.requireNonNull(lock, "lock");
    this.journal = Objects.requireNonNull(journal, "journal");
    this.deadSessions = Objects.requireNonNull(deadSessions, "deadSessions");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Sweeps once. A dry run takes no lock and writes nothing. Applying takes the resume lock and
   * decides again under it, so it retires what is stale then, not what a dry run saw earlier.
   *
   * @param request what to sweep, and whether to apply
   * @return the report; a lock held elsewhere past the timeout is the outcome {@link
   *     SweepReport.Outcome#RESUME_LOCK_TIMEOUT}, not an exception
   */
  public SweepReport sweep(SweepRequest request) {
    StaleThreshold threshold = StaleThreshold.from(request.environment());
    if (!request.apply()) {
      return report(SweepReport.Outcome.DRY_RUN, request, threshold);
    }
    Optional<ResumeLock.Held> acquired = lock.acquire();
    if (acquired.isEmpty()) {
      return new SweepReport(
          SweepReport.Outcome.RESUME_LOCK_TIMEOUT,
          threshold.millis(),
          Optional.empty(),
          false,
          List.of());
    }
    try (ResumeLock.Held held = acquired.get()) {
      SweepReport planned = report(SweepReport.Outcome.APPLIED, request, threshold);
      if (planned.transferPending()) {
        // Recovery compares the transfer's documents byte for byte; retiring one of them first
        // could turn a clean roll-back into a loop left for the operator.
        return new SweepReport(
            SweepReport.Outcome.TRANSFER_PENDING,
            planned.thresholdMillis(),
            planned.deadSession(),
            true,
            planned.loops());
      }
      List<SweepReport.Loop> done = new ArrayList<>();
      for (SweepReport.Loop loop : planned.loops()) {
        held.ensureHeld();
        store.write(loop.session(), loop.abandonment().abandoned());
        done.add(
            new SweepReport.Loop(
                loop.session(), loop.path(), loop.why(), loop.abandonment(), true));
      }
      return new SweepReport(
          SweepReport.Outcome.APPLIED,
          planned.thresholdMillis(),
          planned.deadSession(),
          false,
          done);
    }
  }

  private SweepReport report(
      SweepReport.Outcome outcome, SweepRequest request, StaleThreshold threshold) {
    boolean transferPending = journal.pending().isPresent();
    Optional<DeadSession> dead = request.deadOwners() ? deadSessions.find() : Optional.empty();
    long nowMillis = clock.millis();
    List<OmxSessionId> sessions = new ArrayList<>();
    try (Stream<OmxSessionId> listed = store.sessions()) {
      listed
          .filter(session -> request.only().isEmpty() || request.only().contains(session))
          .forEach(sessions::add);
    }
    sessions.sort(Comparator.comparing(OmxSessionId::value));
    List<SweepReport.Loop> loops = new ArrayList<>();
    for (OmxSessionId session : sessions) {
      candidate(session, dead, threshold, nowMillis).ifPresent(loops::add);
    }
    return new SweepReport(outcome, threshold.millis(), dead, transferPending, loops);
  }

  private Optional<SweepReport.Loop> candidate(
      OmxSessionId session, Optional<DeadSession> dead, StaleThreshold threshold, long nowMillis) {
    if (!(store.read(session) instanceof StoredDocument.Present present)) return Optional.empty();
    RalphDocument document = present.document();
    if (!document.isActiveCandidate()) return Optional.empty();
    // The reconcile's freshness rule, with the same inputs, so a sweep and a reconcile at the
    // same moment agree on which loops are stale and write the same abandonment.
    Freshness freshness =
        Freshness.assess(
            document, nowMillis, threshold, clock::getZone, () -> store.modifiedMillis(session));
    SweepReport.Why why;
    if (freshness.stale()) {
      why = SweepReport.Why.STALE;
    } else if (ownedByDeadSession(session, document, dead)) {
      why = SweepReport.Why.DEAD_OWNER;
    } else {
      return Optional.empty();
    }
    return Optional.of(
        new SweepReport.Loop(
            session, store.documentPath(session), why, Abandonment.of(document, freshness), false));
  }

  /**
   * The dead session's own loop: the one in its directory, unless the document names another OMX
   * session as its owner (then that session, not the dead one, drives it).
   */
  private static boolean ownedByDeadSession(
      OmxSessionId session, RalphDocument document, Optional<DeadSession> dead) {
    if (dead.isEmpty() || !dead.get().session().equals(session)) return false;
    String owner = document.text(RalphDocument.OWNER_OMX_SESSION_ID);
    return owner.isEmpty() || owner.equals(session.value());
  }
}
