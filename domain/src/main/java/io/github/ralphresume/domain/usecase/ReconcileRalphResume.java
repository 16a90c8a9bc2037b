package io.github.ralphresume.domain.usecase;

import io.github.ralphresume.domain.js.JsDates;
import io.github.ralphresume.domain.js.JsStrings;
import io.github.ralphresume.domain.json.JsonText;
import io.github.ralphresume.domain.model.Abandonment;
import io.github.ralphresume.domain.model.Candidate;
import io.github.ralphresume.domain.model.CandidateQuery;
import io.github.ralphresume.domain.model.CandidateVerdict;
import io.github.ralphresume.domain.model.CurrentSession;
import io.github.ralphresume.domain.model.Environment;
import io.github.ralphresume.domain.model.Explanation.CurrentVerdict;
import io.github.ralphresume.domain.model.Explanation.WriteAction;
import io.github.ralphresume.domain.model.Fingerprint;
import io.github.ralphresume.domain.model.Freshness;
import io.github.ralphresume.domain.model.JournalEntry;
import io.github.ralphresume.domain.model.OmxSessionId;
import io.github.ralphresume.domain.model.PaneId;
import io.github.ralphresume.domain.model.RalphDocument;
import io.github.ralphresume.domain.model.Rebind;
import io.github.ralphresume.domain.model.ReconcileOutcome;
import io.github.ralphresume.domain.model.Recovery;
import io.github.ralphresume.domain.model.ResumeReason;
import io.github.ralphresume.domain.model.SessionDocument;
import io.github.ralphresume.domain.model.StaleThreshold;
import io.github.ralphresume.domain.model.StoredDocument;
import io.github.ralphresume.domain.model.Transfer;
import io.github.ralphresume.domain.port.CurrentSessionLocator;
import io.github.ralphresume.domain.port.LockLostException;
import io.github.ralphresume.domain.port.PaneLocator;
import io.github.ralphresume.domain.port.RalphStateStore;
import io.github.ralphresume.domain.port.ResumeLock;
import io.github.ralphresume.domain.port.TransferJournal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The use case: after a Codex turn, make sure the conversation's active Ralph loop lives in the
 * current OMX session — moved there exactly once, stale loops retired, the pane re-pointed. The
 * decisions and their order are the original's. Beyond it, a transfer is journaled and retires the
 * source before it writes the target, so a crash can never leave two active owners, and every
 * reconcile first recovers a transfer an earlier process left half done.
 *
 * @since 0.1.0
 */
public final class ReconcileRalphResume {
  private final RalphStateStore store;
  private final ResumeLock lock;
  private final CurrentSessionLocator currentSessionLocator;
  private final PaneLocator paneLocator;
  private final TransferJournal journal;
  private final Clock clock;

  /**
   * Wires the use case to its ports.
   *
   * @param store where the documents live
   * @param lock the cross-process resume lock every reconcile holds
   * @param currentSessionLocator finds the current OMX session
   * @param paneLocator finds the pane the agent runs in
   * @param journal the transfer journal; {@link TransferJournal#NONE} gives the original's
   *     unjournaled transfer
   * @param clock read once per reconcile; its zone is the local time of timestamps without offset
   */
  public ReconcileRalphResume(
      RalphStateStore store,
      ResumeLock lock,
      CurrentSessionLocator currentSessionLocator,
      PaneLocator paneLocator,
      TransferJournal journal,
      Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.lock = Objects.requireNonNull(lock, "lock");
    this.currentSessionLocator = Objects.requireNonNull(currentSessionLocator, "locator");
    this.paneLocator = Objects.requireNonNull(paneLocator, "paneLocator");
    this.journal = Objects.requireNonNull(journal, "journal");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Reconciles once under the resume lock.
   *
   * @param request the Codex identity from the hook payload and the environment
   * @return the outcome; a lock held elsewhere past the timeout is the outcome {@link
   *     ResumeReason#RESUME_LOCK_TIMEOUT}, not an exception
   * @throws io.github.ralphresume.domain.port.StateStoreException when a write fails; a half-done
   *     transfer is undone first
   */
  public ReconcileOutcome reconcile(ReconcileRequest request) {
    return reconcile(request, ReconcileTrace.NONE);
  }

  /** Reconciles once, telling {@code trace} each decision as it is made. */
  ReconcileOutcome reconcile(ReconcileRequest request, ReconcileTrace trace) {
    Optional<ResumeLock.Held> acquired = lock.acquire();
    if (acquired.isEmpty()) return ReconcileOutcome.of("", ResumeReason.RESUME_LOCK_TIMEOUT);
    try (ResumeLock.Held held = acquired.get()) {
      return new Run(request, held, trace).reconcile();
    }
  }

  /** One reconcile's state: its request, its lock and its single reading of the clock. */
  private final class Run {
    private final ReconcileRequest request;
    private final ResumeLock.Held held;
    private final ReconcileTrace trace;
    private final Environment environment;
    private final StaleThreshold threshold;
    private final long nowMillis;
    private final String nowIso;

    Run(ReconcileRequest request, ResumeLock.Held held, ReconcileTrace trace) {
      this.request = request;
      this.held = held;
      this.trace = trace;
      this.environment = request.environment();
      this.threshold = StaleThreshold.from(environment);
      this.nowMillis = clock.millis();
      this.nowIso = JsDates.toIsoString(nowMillis);
    }

    ReconcileOutcome reconcile() {
      Optional<Recovery> recovered = recoverInterruptedTransfer();
      return decide().withRecovery(recovered);
    }

    ReconcileOutcome decide() {
      CurrentSession located = currentSessionLocator.locate(environment);
      trace.currentSession(located);
      OmxSessionId current = located.idOrNull();
      if (current == null) {
        return ReconcileOutcome.of("", ResumeReason.CURRENT_OMX_SESSION_MISSING);
      }
      String currentId = current.value();
      store.removeCrashLeftovers(current);
      String targetPath = store.documentPath(current);
      StoredDocument currentStored = store.read(current);

      if (currentStored instanceof StoredDocument.Present present
          && present.document().isActive()) {
        RalphDocument document = present.document();
        Freshness freshness = freshness(current, document);
        trace.currentDocument(
            current,
            freshness.stale() ? CurrentVerdict.STALE : CurrentVerdict.ACTIVE,
            currentStored,
            Optional.of(freshness));
        if (freshness.stale()) {
          write(
              current, Abandonment.of(document, freshness).abandoned(), WriteAction.ABANDON_STALE);
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
        if (rebind.changed()) write(current, rebind.updated(), WriteAction.REBIND);
        return ReconcileOutcome.atTarget(
            currentId, ResumeReason.CURRENT_RALPH_ACTIVE, rebind.changed(), targetPath);
      }
      if (currentStored instanceof StoredDocument.Present) {
        trace.currentDocument(current, CurrentVerdict.INACTIVE, currentStored, Optional.empty());
        return ReconcileOutcome.atTarget(
            currentId, ResumeReason.CURRENT_RALPH_PRESENT, false, targetPath);
      }
      if (currentStored instanceof StoredDocument.Unreadable) {
        trace.currentDocument(current, CurrentVerdict.UNREADABLE, currentStored, Optional.empty());
        return ReconcileOutcome.atTarget(
            currentId, ResumeReason.CURRENT_RALPH_UNREADABLE, false, targetPath);
      }
      trace.currentDocument(current, CurrentVerdict.MISSING, currentStored, Optional.empty());

      CandidateQuery query =
          new CandidateQuery(request.payloadCodexSessionId(), request.payloadCodexThreadId());
      if (query.keys().isEmpty()) {
        return ReconcileOutcome.of(currentId, ResumeReason.PAYLOAD_CODEX_IDENTITY_MISSING);
      }

      Scan scan = scanPriorSessions(current, query);
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
          Transfer.of(
              scan.candidates.get(0), current, query.payloadCodexSessionId(), pane(), nowIso);
      transfer(current, transfer);
      return new ReconcileOutcome(
          currentId,
          true,
          false,
          ResumeReason.RESUMED_SAME_CODEX_SESSION,
          Optional.of(store.documentPath(transfer.source())),
          Optional.of(targetPath),
          Optional.empty());
    }

    /**
     * Journal, retire the source, write the target, commit. The original writes the target first;
     * retiring first means a crash can leave the loop briefly without an active owner (which
     * recovery completes from the journal), never with two.
     */
    private void transfer(OmxSessionId current, Transfer transfer) {
      held.ensureHeld();
      store.prepareSession(current);
      // As the original, which creates the directory and then fails to serialise the target:
      // a document JavaScript cannot write fails the transfer before anything is written.
      JsonText.requireWritable(transfer.nextTarget().root());
      JsonText.requireWritable(transfer.previousSource().root());
      // The source's exact bytes, so recovery can tell "untouched" from "rewritten by another tool"
      // even when the original is formatted otherwise than we write it.
      Optional<Fingerprint.Bytes> original =
          store.fingerprint(transfer.source()) instanceof Fingerprint.Bytes bytes
              ? Optional.of(bytes)
              : Optional.empty();
      JournalEntry entry =
          JournalEntry.of(UUID.randomUUID().toString(), transfer, current, original);
      journal.prepare(entry);
      try {
        write(transfer.source(), transfer.previousSource(), WriteAction.RETIRE_SOURCE);
      } catch (LockLostException lost) {
        throw lost;
      } catch (RuntimeException failure) {
        // A write can fail after its rename (its directory sync failed): settle only when the
        // source still holds the loop; otherwise the journal stays for recovery to decide.
        if (atSource(entry) == Recovery.Found.ORIGINAL_SOURCE) {
          settle(entry, Recovery.Found.ORIGINAL_SOURCE, Recovery.Found.MISSING, failure);
        }
        throw failure;
      }
      try {
        write(current, transfer.nextTarget(), WriteAction.TRANSFER_TARGET);
      } catch (LockLostException lost) {
        // Without the lock nothing more may be written: the journal stays prepared and the next
        // holder's recovery settles it.
        throw lost;
      } catch (RuntimeException failure) {
        undo(entry, failure);
        throw failure;
      }
      journal.commit(entry);
    }

    /**
     * The target could not be written: give the source its loop back, never leaving two owners. A
     * target that landed anyway (the write failed after its rename) is removed first; one this
     * transfer did not write is not touched, and the journal stays for recovery to decide.
     */
    private void undo(JournalEntry entry, RuntimeException failure) {
      try {
        Recovery.Found atTarget = atTarget(entry);
        if (atTarget == Recovery.Found.NEXT_TARGET) {
          remove(entry.target());
        } else if (atTarget != Recovery.Found.MISSING) {
          return;
        }
        write(entry.source(), entry.originalSource(), WriteAction.RESTORE_SOURCE);
      } catch (RuntimeException undoFailure) {
        // The journal stays prepared; the next reconcile's recovery settles it.
        failure.addSuppressed(undoFailure);
        return;
      }
      settle(entry, Recovery.Found.ORIGINAL_SOURCE, Recovery.Found.MISSING, failure);
    }

    /** A failed transfer that was undone: its journal is no longer needed. */
    private void settle(
        JournalEntry entry,
        Recovery.Found atSource,
        Recovery.Found atTarget,
        RuntimeException failure) {
      try {
        held.ensureHeld();
        journal.resolve(entry, recovery(entry, Recovery.Action.ROLLED_BACK, atSource, atTarget));
      } catch (RuntimeException journalFailure) {
        // A prepared journal whose source is intact is rolled back by the next reconcile.
        failure.addSuppressed(journalFailure);
      }
    }

    /**
     * Settles a transfer an earlier process left prepared, deciding only from what is on disk now,
     * compared byte for byte with the transfer's documents ({@link Recovery#decide}): finish it,
     * undo it, or, when another writer acted meanwhile, touch nothing and keep the journal aside.
     */
    private Optional<Recovery> recoverInterruptedTransfer() {
      // Under the lock, so no live writer's temp file is taken for a dead one's.
      journal.removeCrashLeftovers();
      Optional<JournalEntry> pending = journal.pending();
      if (pending.isEmpty()) return Optional.empty();
      JournalEntry entry = pending.get();
      store.removeCrashLeftovers(entry.source());
      store.removeCrashLeftovers(entry.target());
      Recovery.Found atSource = atSource(entry);
      Recovery.Found atTarget = atTarget(entry);
      Recovery.Action action = Recovery.decide(atSource, atTarget);
      switch (action) {
        case ROLLED_FORWARD -> {
          // The source is retired: the loop lives in the journal until the target holds it.
          if (atTarget == Recovery.Found.MISSING) {
            write(entry.target(), entry.nextTarget(), WriteAction.RECOVER_TARGET);
          }
        }
        case ROLLED_BACK -> {
          // The source still holds the loop, so this transfer's target may go.
          if (atTarget == Recovery.Found.NEXT_TARGET) remove(entry.target());
        }
        case LEFT_FOR_OPERATOR -> {
          // Another writer changed the source or the target after the transfer began: what is
          // there now is theirs, so nothing is written or removed.
        }
      }
      Recovery recovery = recovery(entry, action, atSource, atTarget);
      held.ensureHeld();
      journal.resolve(entry, recovery);
      return Optional.of(recovery);
    }

    /** What the transfer's source file holds now, in the transfer's terms. */
    private Recovery.Found atSource(JournalEntry entry) {
      return entry.atSource(store.fingerprint(entry.source()));
    }

    /** What the transfer's target file holds now, in the transfer's terms. */
    private Recovery.Found atTarget(JournalEntry entry) {
      return entry.atTarget(store.fingerprint(entry.target()));
    }

    private Recovery recovery(
        JournalEntry entry,
        Recovery.Action action,
        Recovery.Found atSource,
        Recovery.Found atTarget) {
      return new Recovery(
          entry.transferId(), action, entry.source(), entry.target(), atSource, atTarget);
    }

    private void remove(OmxSessionId session) {
      held.ensureHeld();
      trace.writing(WriteAction.REMOVE_TARGET, session, Optional.empty());
      store.delete(session);
    }

    /**
     * Judges, one by one and in the store's order, the prior sessions whose loop the payload could
     * own (the store chooses how to read them, and may leave out what provably cannot be owned).
     */
    private Scan scanPriorSessions(OmxSessionId current, CandidateQuery query) {
      Scan scan = new Scan();
      try (Stream<SessionDocument> priors = store.candidates(current, query)) {
        Iterator<SessionDocument> it = priors.iterator();
        while (it.hasNext()) {
          SessionDocument prior = it.next();
          judge(prior.session(), prior.stored(), query, scan);
        }
      }
      return scan;
    }

    private void judge(
        OmxSessionId session, StoredDocument stored, CandidateQuery query, Scan scan) {
      CandidateVerdict verdict = CandidateVerdict.ownership(stored, query);
      if (!verdict.owned()) {
        trace.prior(session, verdict, stored, Optional.empty());
        return;
      }
      RalphDocument document = ((StoredDocument.Present) stored).document();
      Freshness freshness = freshness(session, document);
      if (freshness.stale()) {
        trace.prior(session, CandidateVerdict.STALE, stored, Optional.of(freshness));
        write(session, Abandonment.of(document, freshness).abandoned(), WriteAction.ABANDON_STALE);
        scan.abandoned++;
        return;
      }
      trace.prior(session, verdict, stored, Optional.of(freshness));
      scan.candidates.add(new Candidate(session, document, verdict));
    }

    private Freshness freshness(OmxSessionId session, RalphDocument document) {
      return Freshness.assess(
          document, nowMillis, threshold, clock::getZone, () -> store.modifiedMillis(session));
    }

    private Optional<String> pane() {
      return paneLocator.locate(environment).map(PaneId::value);
    }

    private void write(OmxSessionId session, RalphDocument document, WriteAction action) {
      held.ensureHeld();
      trace.writing(action, session, Optional.of(document));
      store.write(session, document);
    }
  }

  private static final class Scan {
    final List<Candidate> candidates = new ArrayList<>();
    int abandoned;
  }
}
