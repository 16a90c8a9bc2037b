package io.github.ralphresume.adapters.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ralphresume.domain.model.Candidate;
import io.github.ralphresume.domain.model.CandidateVerdict;
import io.github.ralphresume.domain.model.JournalEntry;
import io.github.ralphresume.domain.model.OmxSessionId;
import io.github.ralphresume.domain.model.StoredDocument;
import io.github.ralphresume.domain.model.Transfer;
import io.github.ralphresume.testing.StateDirFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the journal is a pure read; tidying a dead writer's temp files is a step of its own. */
class FileTransferJournalTest {
  @TempDir Path root;

  @Test
  void givenAPreparedJournalAndADeadWritersTempFile_pending_readsItAndChangesNothing()
      throws Exception {
    StateDirFixture state = StateDirFixture.resumable(root);
    FileRalphStateStore store = new FileRalphStateStore(state.stateDir);
    OmxSessionId prior = new OmxSessionId("sess-prior");
    Transfer transfer =
        Transfer.of(
            new Candidate(
                prior,
                ((StoredDocument.Present) store.read(prior)).document(),
                CandidateVerdict.MATCHED_BY_SESSION),
            new OmxSessionId("sess-current"),
            StateDirFixture.CODEX,
            Optional.of("%7"),
            StateDirFixture.NOW_ISO);
    FileTransferJournal journal = new FileTransferJournal(state.stateDir);
    journal.prepare(
        JournalEntry.of("t-1", transfer, new OmxSessionId("sess-current"), Optional.empty()));
    // A temp file of a writer whose pid is not running, as a crashed writer leaves it.
    Path leftover =
        Files.writeString(
            state.stateDir.resolve(".ralph-resume-transfer.json.tmp-2147483646-1-abc"), "{");
    Map<String, String> before = state.snapshot();

    Optional<JournalEntry> pending = journal.pending();

    assertEquals("t-1", pending.orElseThrow().transferId());
    assertEquals(before, state.snapshot(), "no byte, file or mtime changed");

    journal.removeCrashLeftovers();

    assertFalse(Files.exists(leftover), "the dead writer's temp file is removed");
    assertTrue(Files.exists(journal.file()), "the journal itself stays");
  }
}
