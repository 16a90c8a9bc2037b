package io.github.ralphresume.app.http;

import io.github.ralphresume.domain.json.JsonText;
import io.github.ralphresume.domain.model.OmxSessionId;
import io.github.ralphresume.domain.model.PaneId;
import io.github.ralphresume.domain.model.ReconcileOutcome;
import io.github.ralphresume.domain.port.LockLostException;
import io.github.ralphresume.domain.port.StateStoreException;
import io.github.ralphresume.domain.usecase.ReconcileRalphResume;
import io.github.ralphresume.domain.usecase.ReconcileRequest;
import io.github.ralphresume.domain.wire.WireFormat;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /v1/reconcile}: one reconcile, as the CLI's {@code reconcile} runs it, answering the
 * CLI's {@code --json} line byte for byte.
 */
final class ReconcileEndpoint {
  static final String CODEX_SESSION_ID = "codexSessionId";
  static final String THREAD_ID = "threadId";
  static final String TMUX_PANE = "tmuxPane";
  static final String OMX_SESSION_ID = "omxSessionId";
  private static final List<String> MEMBERS =
      List.of(CODEX_SESSION_ID, THREAD_ID, TMUX_PANE, OMX_SESSION_ID);
  private static final String EXAMPLE = "{\"codexSessionId\": \"...\"}";

  private static final System.Logger LOG = System.getLogger(ReconcileEndpoint.class.getName());

  private final ReconcileRalphResume reconcile;
  private final RequestEnvironment environment;
  private final Metrics metrics;

  ReconcileEndpoint(
      ReconcileRalphResume reconcile, RequestEnvironment environment, Metrics metrics) {
    this.reconcile = reconcile;
    this.environment = environment;
    this.metrics = metrics;
  }

  Response reconcile(Request request) {
    JsonBody body = JsonBody.parse(request.body(), MEMBERS, EXAMPLE);
    String codexSessionId =
        body.text(CODEX_SESSION_ID)
            .orElseThrow(
                () ->
                    JsonBody.invalid(
                        CODEX_SESSION_ID
                            + " is required (a string; \"\" when the payload has none)"));
    String threadId = body.text(THREAD_ID).orElse("");
    Optional<PaneId> pane = body.text(TMUX_PANE).map(value -> JsonBody.pane(TMUX_PANE, value));
    Optional<OmxSessionId> session =
        body.text(OMX_SESSION_ID).map(value -> JsonBody.omxSession(OMX_SESSION_ID, value));

    long started = System.nanoTime();
    ReconcileOutcome outcome;
    try {
      ReconcileRequest reconcileRequest =
          new ReconcileRequest(codexSessionId, threadId, environment.with(session, pane));
      outcome = reconcile.reconcile(reconcileRequest);
    } catch (LockLostException lost) {
      metrics.reconcileFailed(System.nanoTime() - started);
      LOG.log(System.Logger.Level.WARNING, "reconcile stopped: " + lost.getMessage());
      throw new ProblemException(Problem.lockLost(lost.getMessage()));
    } catch (StateStoreException failed) {
      metrics.reconcileFailed(System.nanoTime() - started);
      LOG.log(System.Logger.Level.WARNING, "reconcile failed: " + failed.getMessage());
      throw new ProblemException(
          Problem.internalError(
              "the reconcile failed; a half-done transfer was undone or is journaled for the next"
                  + " reconcile: "
                  + failed.getMessage()));
    }
    metrics.reconciled(outcome.reason(), System.nanoTime() - started);
    return Response.json(200, JsonText.compact(WireFormat.reconcileResult(outcome)));
  }
}
