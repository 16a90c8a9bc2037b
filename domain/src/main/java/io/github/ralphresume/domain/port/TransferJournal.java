package io.github.ralphresume.domain.port;

import io.github.ralphresume.domain.model.JournalEntry;
import io.github.ralphresume.domain.model.Recovery;
import java.util.Optional;

/**
 * Outgoing port: the durable record of the transfer in progress.
 *
 * @since 0.1.0
 */
public interface TransferJournal {

  /**
   * Reads the journal; a pure read that changes nothing, so a dry run may call it.
   *
   * @return a transfer that was prepared and never committed, if there is one
   */
  Optional<JournalEntry> pending();

  /**
   * Removes what a crashed writer of the journal left behind (temp files whose writer is gone).
   * Called by a reconcile, under the lock, before it reads the journal; a dry run never calls it.
   */
  void removeCrashLeftovers();

  /**
   * Writes {@code entry} durably with status prepared, before the transfer touches anything.
   *
   * @param entry the transfer about to start
   */
  void prepare(JournalEntry entry);

  /**
   * The transfer completed: the journal is no longer needed (discarding it is the commit).
   *
   * @param entry the transfer
   */
  void commit(JournalEntry entry);

  /**
   * An interrupted or failed transfer was settled; for {@link Recovery.Action#LEFT_FOR_OPERATOR}
   * the journal's documents, and what was found, must be kept somewhere an operator can find them.
   *
   * @param entry the transfer
   * @param settled what was done about it and what was found
   */
  void resolve(JournalEntry entry, Recovery settled);

  /** A journal that records nothing: the original's behaviour, for callers that opt out. */
  TransferJournal NONE =
      new TransferJournal() {
        @Override
        public Optional<JournalEntry> pending() {
          return Optional.empty();
        }

        @Override
        public void removeCrashLeftovers() {}

        @Override
        public void prepare(JournalEntry entry) {}

        @Override
        public void commit(JournalEntry entry) {}

        @Override
        public void resolve(JournalEntry entry, Recovery settled) {}
      };
}
