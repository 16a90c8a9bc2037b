package io.github.ralphresume.domain.usecase;

import io.github.ralphresume.domain.json.JsonText;
import io.github.ralphresume.domain.model.CandidateVerdict;
import io.github.ralphresume.domain.model.CurrentSession;
import io.github.ralphresume.domain.model.Explanation;
import io.github.ralphresume.domain.model.Fingerprint;
import io.github.ralphresume.domain.model.Freshness;
import io.github.ralphresume.domain.model.JournalEntry;
import io.github.ralphresume.domain.model.OmxSessionId;
import io.github.ralphresume.domain.model.RalphDocument;
import io.github.ralphresume.domain.model.ReconcileOutcome;
import io.github.ralphresume.domain.model.Recovery;
import io.github.ralphresume.domain.model.StaleThreshold;
import io.github.ralphresume.domain.model.StoredDocument;
import io.github.ralphresume.domain.port.CurrentSessionLocator;
import io.github.ralphresume.domain.port.PaneLocator;
import io.github.ralphresume.domain.port.RalphStateStore;
import io.github.ralphresume.domain.port.ResumeLock;
import io.github.ralphresume.domain.port.TransferJournal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Stream;

/**
 * The use case behind {@code explain}: a dry run of {@link ReconcileRalphResume}. It runs the very
 * reconcile code, so it cannot disagree with it, over a store that records writes instead of making
 * them, a lock that takes nothing and a journal that only reads; it returns every decision that
 * code made and the writes it would have made. No byte of the state dir changes, provided the ports
 * it is given only read when asked to read (see {@link #ExplainReconcile}).
 *
 * <p>It takes no lock, so it describes the state dir as it is now; a reconcile that runs later, or
 * waits behind another holder, may find it changed.
 *
 * @since 0.1.0
 */
public final class ExplainReconcile {
  private final RalphStateStore store;
  private final CurrentSessionLocator currentSessionLocator;
  private final PaneLocator paneLocator;
  private final TransferJournal journal;
  private final Clock clock;

  /**
   * Wires the use case to the ports a reconcile would use.
   *
   * @param store read through; never written, and its {@code removeCrashLeftovers} never called
   * @param currentSessionLocator finds the current OMX session
   * @param paneLocator finds the pane the agent runs in
   * @param journal only {@link TransferJournal#pending()}, a pure read, is called ({@link
   *     TransferJournal#NONE} leaves recovery out)
   * @param clock read once per explanation, as a reconcile reads it
   */
  public ExplainReconcile(
      RalphStateStore store,
      CurrentSessionLocator currentSessionLocator,
      PaneLocator paneLocator,
      TransferJournal journal,
      Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.currentSessionLocator = Objects.requireNonNull(currentSessionLocator, "locator");
    this.paneLocator = Objects.requireNonNull(paneLocator, "paneLocator");
    this.journal = Objects.requireNonNull(journal, "journal");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * What a reconcile of {@code request} would decide and write now.
   *
   * @param request the Codex identity from the hook payload and the environment
   * @return every decision, the outcome and the planned writes
   */
  public Explanation explain(ReconcileRequest request) {
    DryRunStore dryRun = new DryRunStore(store);
    Collector collector = new Collector(dryRun);
    ReconcileOutcome outcome =
        new ReconcileRalphResume(
                dryRun,
                NO_LOCK,
                currentSessionLocator,
                paneLocator,
                new ReadOnlyJournal(journal),
                clock)
            .reconcile(request, collector);
    collector.priors.sort(Comparator.comparing(prior -> prior.session().value()));
    return new Explanation(
        collector.currentSession,
        request.payloadCodexSessionId(),
        request.payloadCodexThreadId(),
        StaleThreshold.from(request.environment()).millis(),
        Optional.ofNullable(collector.currentDocument),
        collector.priors,
        outcome,
        collector.writes);
  }

  /** Records what the reconcile decides, reading "before" documents through the dry run. */
  private static final class Collector implements ReconcileTrace {
    private final DryRunStore store;
    CurrentSession currentSession = new CurrentSession.None("the reconcile did not look for one");
    Explanation.CurrentDocument currentDocument;
    final List<Explanation.Prior> priors = new ArrayList<>();
    final List<Explanation.PlannedWrite> writes = new ArrayList<>();

    Collector(DryRunStore store) {
      this.store = store;
    }

    @Override
    public void currentSession(CurrentSession located) {
      currentSession = located;
    }

    @Override
    public void currentDocument(
        OmxSessionId session,
        Explanation.CurrentVerdict verdict,
        StoredDocument stored,
        Optional<Freshness> freshness) {
      currentDocument =
          new Explanation.CurrentDocument(
              session, store.documentPath(session), verdict, stored, freshness);
    }

    @Override
    public void prior(
        OmxSessionId session,
        CandidateVerdict verdict,
        StoredDocument stored,
        Optional<Freshness> freshness) {
      priors.add(
          new Explanation.Prior(session, store.documentPath(session), verdict, stored, freshness));
    }

    @Override
    public void writing(
        Explanation.WriteAction action, OmxSessionId session, Optional<RalphDocument> document) {
      // Called before the write reaches the store, so this read is what the file held then.
      Optional<RalphDocument> before =
          store.read(session) instanceof StoredDocument.Present present
              ? Optional.of(present.document())
              : Optional.empty();
      writes.add(
          new Explanation.PlannedWrite(
              action, session, store.documentPath(session), before, document));
    }
  }

  /**
   * Reads through to the real store and keeps writes in memory, so a later read in the same run
   * (recovery, then the decision) sees what the real reconcile would see. Sessions are listed by id
   * so the account is the same every time; the decision does not depend on their order.
   */
  private static final class DryRunStore implements RalphStateStore {
    private final RalphStateStore real;
    private final Map<OmxSessionId, StoredDocument> written = new HashMap<>();

    DryRunStore(RalphStateStore real) {
      this.real = real;
    }

    @Override
    public Stream<OmxSessionId> sessions() {
      List<OmxSessionId> all = new ArrayList<>();
      try (Stream<OmxSessionId> listed = real.sessions()) {
        listed.forEach(all::add);
      }
      // A write creates its session's directory, and the real store would then list it.
      written.keySet().stream().filter(id -> !all.contains(id)).forEach(all::add);
      all.sort(Comparator.comparing(OmxSessionId::value));
      return all.stream();
    }

    @Override
    public boolean sessionExists(OmxSessionId session) {
      return written.containsKey(session) || real.sessionExists(session);
    }

    @Override
    public StoredDocument read(OmxSessionId session) {
      StoredDocument overlaid = written.get(session);
      return overlaid != null ? overlaid : real.read(session);
    }

    @Override
    public Fingerprint fingerprint(OmxSessionId session) {
      StoredDocument overlaid = written.get(session);
      if (overlaid == null) return real.fingerprint(session);
      return overlaid instanceof StoredDocument.Present present
          ? Fingerprint.of(present.document())
          : Fingerprint.MISSING;
    }

    @Override
    public OptionalDouble modifiedMillis(OmxSessionId session) {
      // A document written in this run would carry a modification time after the run's clock
      // reading, hence age 0; no time at all gives age 0 too, so staleness is judged the same.
      return written.containsKey(session) ? OptionalDouble.empty() : real.modifiedMillis(session);
    }

    @Override
    public void write(OmxSessionId session, RalphDocument document) {
      // A document the real store would refuse fails the dry run the same way.
      JsonText.requireWritable(document.root());
      written.put(session, new StoredDocument.Present(document));
    }

    @Override
    public void prepareSession(OmxSessionId session) {
      // Creating the directory is a change too; a dry run only plans the write into it.
    }

    @Override
    public void delete(OmxSessionId session) {
      written.put(session, StoredDocument.MISSING);
    }

    @Override
    public void removeCrashLeftovers(OmxSessionId session) {
      // Tidying is a change too; a dry run leaves even dead writers' temp files alone.
    }

    @Override
    public String documentPath(OmxSessionId session) {
      return real.documentPath(session);
    }
  }

  /** Reports a pending transfer so its recovery is explained; records nothing. */
  private static final class ReadOnlyJournal implements TransferJournal {
    private final TransferJournal real;

    ReadOnlyJournal(TransferJournal real) {
      this.real = real;
    }

    @Override
    public Optional<JournalEntry> pending() {
      return real.pending();
    }

    @Override
    public void removeCrashLeftovers() {}

    @Override
    public void prepare(JournalEntry entry) {}

    @Override
    public void commit(JournalEntry entry) {}

    @Override
    public void resolve(JournalEntry entry, Recovery settled) {}
  }

  /** Takes nothing: a dry run neither waits for nor blocks a real reconcile. */
  private static final ResumeLock NO_LOCK =
      () ->
          Optional.of(
              new ResumeLock.Held() {
                @Override
                public void ensureHeld() {}

                @Override
                public void close() {}
              });
}
