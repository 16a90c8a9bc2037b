package io.github.ralphresume.testing;

import io.github.ralphresume.adapters.fs.FileRalphStateStore;
import io.github.ralphresume.adapters.fs.FileTransferJournal;
import io.github.ralphresume.adapters.fs.WriteStepsBridge;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The real file store and journal, telling a listener the steps inside each atomic write: {@code
 * write-temp-synced} (the temp file is on disk, the target untouched) and {@code write-renamed}
 * (the target replaced, its directory not yet flushed). A listener that halts the process there
 * leaves exactly what a crash inside a write leaves.
 */
public final class WriteSteps {
  /** The temp file holds the new bytes and is flushed; the target is untouched. */
  public static final String TEMP_SYNCED = "write-temp-synced";

  /** The temp file was renamed over the target. */
  public static final String RENAMED = "write-renamed";

  private WriteSteps() {}

  /** The file store over {@code stateDir}, telling {@code points} the steps of its writes. */
  public static FileRalphStateStore store(Path stateDir, Consumer<String> points) {
    return WriteStepsBridge.store(stateDir, points);
  }

  /** The file journal of {@code stateDir}, telling {@code points} the steps of its writes. */
  public static FileTransferJournal journal(Path stateDir, Consumer<String> points) {
    return WriteStepsBridge.journal(stateDir, points);
  }
}
