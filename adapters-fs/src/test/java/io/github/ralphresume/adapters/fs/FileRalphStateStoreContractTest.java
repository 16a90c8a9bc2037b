package io.github.ralphresume.adapters.fs;

import io.github.ralphresume.contract.RalphStateStoreContract;
import io.github.ralphresume.domain.model.OmxSessionId;
import io.github.ralphresume.domain.port.RalphStateStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The file store keeps the store contract on a real state dir. */
class FileRalphStateStoreContractTest extends RalphStateStoreContract {
  @TempDir Path root;
  Path stateDir;
  FileRalphStateStore store;

  @BeforeEach
  void setUp() throws IOException {
    stateDir = Files.createDirectories(root.resolve(".omx").resolve("state"));
    store = new FileRalphStateStore(stateDir);
  }

  @Override
  protected RalphStateStore store() {
    return store;
  }

  @Override
  protected void putUnreadable(OmxSessionId session) {
    putUnreadable(stateDir, session);
  }

  /** A truncated document, as a crashed writer of the original could leave one. */
  static void putUnreadable(Path stateDir, OmxSessionId session) {
    try {
      Path dir = Files.createDirectories(stateDir.resolve("sessions").resolve(session.value()));
      Files.writeString(dir.resolve("ralph-state.json"), "{\"active\": true, \"owner_codex");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
