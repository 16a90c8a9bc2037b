package io.github.ralphresume.adapters.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ralphresume.contract.RalphStateStoreContract;
import io.github.ralphresume.domain.model.OmxSessionId;
import io.github.ralphresume.domain.port.RalphStateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store with the warm index keeps the store contract, its candidates answered by the index (on
 * Linux; elsewhere it is the file store, and the contract holds all the same).
 */
class IndexedRalphStateStoreContractTest extends RalphStateStoreContract {
  @TempDir Path root;
  Path stateDir;
  IndexedRalphStateStore store;
  final AtomicInteger listings = new AtomicInteger();
  final AtomicInteger fromIndex = new AtomicInteger();

  @BeforeEach
  void setUp() throws IOException, InterruptedException {
    stateDir = Files.createDirectories(root.resolve(".omx").resolve("state"));
    // As OMX leaves it. (A sessions dir made after the index was built is a replaced one: the
    // first reconcile after it reads every session, and the index is rebuilt.)
    Files.createDirectories(stateDir.resolve("sessions"));
    store =
        new IndexedRalphStateStore(
            new FileRalphStateStore(stateDir),
            new IndexedRalphStateStore.Listener() {
              @Override
              public void listed(boolean indexed, long nanos) {
                listings.incrementAndGet();
                if (indexed) fromIndex.incrementAndGet();
              }

              @Override
              public void rebuilt(long nanos, int sessions) {}
            },
            // However busy the machine: here a reconcile that reads every session is a failure.
            Duration.ofMinutes(1));
    store.start();
    if (IndexedRalphStateStore.supported()) {
      assertTrue(store.awaitReady(Duration.ofSeconds(10)), "the index is built");
    }
  }

  @AfterEach
  void tearDown() {
    store.close();
    if (IndexedRalphStateStore.supported()) {
      assertEquals(listings.get(), fromIndex.get(), "every candidate listing came from the index");
    }
  }

  @Override
  protected RalphStateStore store() {
    return store;
  }

  @Override
  protected void putUnreadable(OmxSessionId session) {
    FileRalphStateStoreContractTest.putUnreadable(stateDir, session);
  }
}
