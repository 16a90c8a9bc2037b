package io.github.ralphresume.adapters.fs;

import io.github.ralphresume.domain.model.JournalEntry;
import io.github.ralphresume.domain.model.Recovery;
import io.github.ralphresume.domain.port.StateStoreException;
import io.github.ralphresume.domain.port.TransferJournal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The state dir's transfer journal, read without touching the state dir, for dry runs ({@code
 * explain}, a {@code sweep} without {@code apply}). {@link FileTransferJournal#pending()} tidies
 * dead writers' temp files next to the journal whenever it is read; a dry run must not, so the
 * journal is copied to a private temp directory and read there, by the same code that reads it for
 * real. Writing is refused.
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
    // Read as the real journal reads it (links followed), so a dry run sees what a reconcile sees.
    if (!Files.exists(file)) return Optional.empty();
    Path copyDir;
    try {
      copyDir = Files.createTempDirectory("ralph-resume-journal-");
    } catch (IOException failure) {
      throw new UncheckedIOException("cannot make a temp directory to read the journal", failure);
    }
    try {
      FileTransferJournal copy = new FileTransferJournal(copyDir);
      try {
        Files.copy(file, copy.file());
      } catch (IOException failure) {
        throw new StateStoreException(
            "cannot read the transfer journal " + file + ": " + failure.getMessage(), failure);
      }
      return copy.pending();
    } finally {
      deleteRecursively(copyDir);
    }
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
  public void resolve(JournalEntry entry, Recovery.Action action) {
    throw new UnsupportedOperationException("a journal snapshot is read-only");
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(path);
    } catch (IOException ignored) {
      // A leftover copy in the system temp dir is harmless; the state dir was never touched.
    }
  }
}
