package io.github.ralphresume.domain.usecase;

import io.github.ralphresume.contract.RalphStateStoreContract;
import io.github.ralphresume.domain.model.OmxSessionId;
import io.github.ralphresume.domain.model.StoredDocument;
import io.github.ralphresume.domain.port.RalphStateStore;

/** The in-memory store the use-case tests run on keeps the store contract. */
class InMemoryStateStoreContractTest extends RalphStateStoreContract {
  private final InMemoryStateStore store = new InMemoryStateStore();

  @Override
  protected RalphStateStore store() {
    return store;
  }

  @Override
  protected void putUnreadable(OmxSessionId session) {
    store.documents.put(session, new StoredDocument.Unreadable("not valid JSON"));
  }
}
