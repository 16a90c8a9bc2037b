package io.github.ralphresume.testing;

import io.github.ralphresume.domain.model.Fingerprint;
import io.github.ralphresume.domain.model.JournalEntry;
import io.github.ralphresume.domain.model.OmxSessionId;
import io.github.ralphresume.domain.model.RalphDocument;
import io.github.ralphresume.domain.model.Recovery;
import io.github.ralphresume.domain.model.StoredDocument;
import io.github.ralphresume.domain.port.RalphStateStore;
import io.github.ralphresume.domain.port.TransferJournal;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Tells a listener each {@link TransferStep} a reconcile takes, by watching the ports it calls: the
 * journal prepared, the source written, the target written, the journal committed. A listener that
 * throws or halts the process there crashes the transfer at that step, which is how the crash tests
 * interrupt the real reconcile without any hook in it. Wrap the store and the journal of one
 * reconcile with the same instance.
 */
public final class TransferSteps {
  private final Consumer<TransferStep> listener;

  /** The transfer between {@code prepare} and {@code commit}; null outside one. */
  private volatile JournalEntry inFlight;

  /** Whether the transfer in flight retired its source (a later source write restores it). */
  private volatile boolean sourceRetired;

  /** Reports to {@code listener}, after each step is durable (before it, for a commit). */
  public TransferSteps(Consumer<TransferStep> listener) {
    this.listener = listener;
  }

  /** {@code real}, reporting the source and target writes of a transfer. */
  public RalphStateStore store(RalphStateStore real) {
    return new RalphStateStore() {
      @Override
      public Stream<OmxSessionId> sessions() {
        return real.sessions();
      }

      @Override
      public boolean sessionExists(OmxSessionId session) {
        return real.sessionExists(session);
      }

      @Override
      public StoredDocument read(OmxSessionId session) {
        return real.read(session);
      }

      @Override
      public Fingerprint fingerprint(OmxSessionId session) {
        return real.fingerprint(session);
      }

      @Override
      public OptionalDouble modifiedMillis(OmxSessionId session) {
        return real.modifiedMillis(session);
      }

      @Override
      public void write(OmxSessionId session, RalphDocument document) {
        real.write(session, document);
        JournalEntry transfer = inFlight;
        if (transfer == null) return;
        if (session.equals(transfer.source()) && !sourceRetired) {
          sourceRetired = true;
          listener.accept(TransferStep.SOURCE_RETIRED);
        } else if (session.equals(transfer.target())) {
          listener.accept(TransferStep.TARGET_WRITTEN);
        }
      }

      @Override
      public void prepareSession(OmxSessionId session) {
        real.prepareSession(session);
      }

      @Override
      public void delete(OmxSessionId session) {
        real.delete(session);
      }

      @Override
      public void removeCrashLeftovers(OmxSessionId session) {
        real.removeCrashLeftovers(session);
      }

      @Override
      public String documentPath(OmxSessionId session) {
        return real.documentPath(session);
      }
    };
  }

  /** {@code real}, reporting when a transfer is journaled and committed. */
  public TransferJournal journal(TransferJournal real) {
    return new TransferJournal() {
      @Override
      public Optional<JournalEntry> pending() {
        return real.pending();
      }

      @Override
      public void removeCrashLeftovers() {
        real.removeCrashLeftovers();
      }

      @Override
      public void prepare(JournalEntry entry) {
        real.prepare(entry);
        inFlight = entry;
        sourceRetired = false;
        listener.accept(TransferStep.JOURNAL_PREPARED);
      }

      @Override
      public void commit(JournalEntry entry) {
        listener.accept(TransferStep.BEFORE_COMMIT);
        real.commit(entry);
        inFlight = null;
        listener.accept(TransferStep.COMMITTED);
      }

      @Override
      public void resolve(JournalEntry entry, Recovery settled) {
        inFlight = null;
        real.resolve(entry, settled);
      }
    };
  }
}
