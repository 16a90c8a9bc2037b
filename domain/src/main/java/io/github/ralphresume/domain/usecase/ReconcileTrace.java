package io.github.ralphresume.domain.usecase;

import io.github.ralphresume.domain.model.CandidateVerdict;
import io.github.ralphresume.domain.model.CurrentSession;
import io.github.ralphresume.domain.model.Explanation;
import io.github.ralphresume.domain.model.Freshness;
import io.github.ralphresume.domain.model.OmxSessionId;
import io.github.ralphresume.domain.model.RalphDocument;
import io.github.ralphresume.domain.model.StoredDocument;
import java.util.Optional;

/**
 * Told each decision a reconcile makes, as it makes it. {@link ExplainReconcile} listens so its
 * account comes from the deciding code itself and cannot drift from it; a normal reconcile tells
 * {@link #NONE}. Calls happen on the reconciling thread, before the write they announce.
 */
interface ReconcileTrace {
  /** The current session was located (or not). */
  default void currentSession(CurrentSession located) {}

  /** The current session's document was judged. */
  default void currentDocument(
      OmxSessionId session,
      Explanation.CurrentVerdict verdict,
      StoredDocument stored,
      Optional<Freshness> freshness) {}

  /** A prior session's document was judged. */
  default void prior(
      OmxSessionId session,
      CandidateVerdict verdict,
      StoredDocument stored,
      Optional<Freshness> freshness) {}

  /** A document is about to be written ({@code document} present) or removed (empty). */
  default void writing(
      Explanation.WriteAction action, OmxSessionId session, Optional<RalphDocument> document) {}

  /** Listens to nothing. */
  ReconcileTrace NONE = new ReconcileTrace() {};
}
