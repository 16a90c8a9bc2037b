package io.github.ralphresume.app.http;

import io.github.ralphresume.adapters.fs.MkdirResumeLock;
import io.github.ralphresume.domain.json.JsonText;
import io.github.ralphresume.domain.model.Environment;
import io.github.ralphresume.domain.model.Explanation;
import io.github.ralphresume.domain.model.OmxSessionId;
import io.github.ralphresume.domain.model.PaneId;
import io.github.ralphresume.domain.port.PaneLocator;
import io.github.ralphresume.domain.usecase.ExplainReconcile;
import io.github.ralphresume.domain.usecase.ReconcileRequest;
import io.github.ralphresume.domain.wire.WireFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code GET /v1/explain}: what {@code POST /v1/reconcile} would decide now, and why, answered as
 * the object {@code ralph-resume explain --json} prints. A dry run of the reconcile's own code over
 * the plain file store (every prior session is read and judged): no lock, no write, not even a
 * leftover temp file removed.
 */
final class ExplainEndpoint {
  static final List<String> PARAMETERS =
      List.of(
          ReconcileEndpoint.CODEX_SESSION_ID, ReconcileEndpoint.THREAD_ID,
          ReconcileEndpoint.TMUX_PANE, ReconcileEndpoint.OMX_SESSION_ID);

  /** The one remark on a request without {@code tmuxPane}. */
  static final String NO_PANE_NOTE =
      "the request names no tmuxPane, and no pane was found for it otherwise";

  private final Function<PaneLocator, ExplainReconcile> explainWith;
  private final PaneLocator panes;
  private final RequestEnvironment environment;
  private final MkdirResumeLock lock;

  /**
   * @param explainWith the use case over the given pane locator (which records the lookup)
   * @param panes the locator reconciles use
   * @param lock the resume lock, to say whether someone holds it now
   */
  ExplainEndpoint(
      Function<PaneLocator, ExplainReconcile> explainWith,
      PaneLocator panes,
      RequestEnvironment environment,
      MkdirResumeLock lock) {
    this.explainWith = explainWith;
    this.panes = panes;
    this.environment = environment;
    this.lock = lock;
  }

  Response explain(Request request) {
    Map<String, String> query = request.query();
    for (String name : query.keySet()) {
      if (!PARAMETERS.contains(name)) {
        throw JsonBody.invalid(
            "unknown query parameter " + Problem.quote(name) + "; expected " + PARAMETERS);
      }
    }
    String codexSessionId =
        request
            .queryParameter(ReconcileEndpoint.CODEX_SESSION_ID)
            .orElseThrow(
                () ->
                    JsonBody.invalid(
                        ReconcileEndpoint.CODEX_SESSION_ID
                            + " is required (?codexSessionId= for a payload without one)"));
    String threadId = request.queryParameter(ReconcileEndpoint.THREAD_ID).orElse("");
    Optional<PaneId> pane =
        request
            .queryParameter(ReconcileEndpoint.TMUX_PANE)
            .map(value -> JsonBody.pane(ReconcileEndpoint.TMUX_PANE, value));
    Optional<OmxSessionId> session =
        request
            .queryParameter(ReconcileEndpoint.OMX_SESSION_ID)
            .map(value -> JsonBody.omxSession(ReconcileEndpoint.OMX_SESSION_ID, value));

    RecordingPaneLocator recording = new RecordingPaneLocator(panes);
    Explanation explanation =
        explainWith
            .apply(recording)
            .explain(
                new ReconcileRequest(codexSessionId, threadId, environment.with(session, pane)));
    // Only a hint: the lock may come or go the next moment.
    boolean lockHeld = !(lock.look() instanceof MkdirResumeLock.Sighting.Free);
    return Response.json(
        200, JsonText.compact(WireFormat.explanation(explanation, lockHeld, recording.search)));
  }

  /** Asks the real locator, keeping what it found for the explanation. */
  static final class RecordingPaneLocator implements PaneLocator {
    private final PaneLocator real;
    Optional<Explanation.PaneSearch> search = Optional.empty();

    RecordingPaneLocator(PaneLocator real) {
      this.real = real;
    }

    @Override
    public Optional<PaneId> locate(Environment environment) {
      Optional<PaneId> found = real.locate(environment);
      search =
          Optional.of(
              new Explanation.PaneSearch(
                  found,
                  found.isPresent() || environment.get(RequestEnvironment.TMUX_PANE).isPresent()
                      ? List.of()
                      : List.of(NO_PANE_NOTE)));
      return found;
    }
  }
}
