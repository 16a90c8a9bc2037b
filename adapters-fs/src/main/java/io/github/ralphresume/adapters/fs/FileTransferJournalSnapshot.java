package io.github.ralphresume.adapters.fs;

import io.github.ralphresume.domain.model.JournalEntry;
import io.github.ralphresume.domain.model.Recovery;
import io.github.ralphresume.domain.port.TransferJournal;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The state dir's transfer journal, read without touching the state dir, for dry runs ({@code
 * explain}, a {@code sweep} without {@code apply}). {@link FileTransferJournal#pending()} tidies
 * dead writers' temp files next to the journal whenever it is read; a dry run must not, so this
 * reads the journal file alone, by the same code that reads it for real. Writing is refused.
 *
 * @since 0.1.0
 */
public final class FileTransferJournalSnapshot implements TransferJournal {
  private final Path file;

  /**
   * A read-only view of {@code stateDir}'s journal.
   *
   * @param stateDir the state directory
   */
  public FileTransferJournalSnapshot(Path stateDir) {
    this.file = new FileTransferJournal(stateDir).file();
  }

  @Override
  public Optional<JournalEntry> pending() {
    return FileTransferJournal.read(file);
  }

  @Override
  public void prepare(JournalEntry entry) {
    throw new UnsupportedOperationException("a journal snapshot is read-only");
  }

  @Override
  public void commit(JournalEntry entry) {
    throw new UnsupportedOperationException("a journal snapshot is read-only");
  }

  @Override
  public void resolve(JournalEntry entry, Recovery settled) {
    throw new UnsupportedOperationException("a journal snapshot is read-only");
  }
}
