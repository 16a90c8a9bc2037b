package io.github.ralphresume.adapters.fs;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The file adapters with a writer that reports the steps inside each atomic write. Test code, in
 * this package because the writer's seam is package-private; other modules' tests reach it through
 * {@code io.github.ralphresume.testing.WriteSteps}.
 */
public final class WriteStepsBridge {
  private WriteStepsBridge() {}

  /** A store over {@code stateDir} whose writes tell {@code points} their inner steps. */
  public static FileRalphStateStore store(Path stateDir, Consumer<String> points) {
    return new FileRalphStateStore(stateDir, new AtomicFileWriter(points));
  }

  /** The journal of {@code stateDir}, whose writes tell {@code points} their inner steps. */
  public static FileTransferJournal journal(Path stateDir, Consumer<String> points) {
    return new FileTransferJournal(stateDir, new AtomicFileWriter(points));
  }
}
