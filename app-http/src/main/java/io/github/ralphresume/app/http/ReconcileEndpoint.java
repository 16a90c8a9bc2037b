package io.github.ralphresume.app.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ralphresume.domain.json.JsonText;
import io.github.ralphresume.domain.model.OmxSessionId;
import io.github.ralphresume.domain.model.PaneId;
import io.github.ralphresume.domain.model.ReconcileOutcome;
import io.github.ralphresume.domain.port.LockLostException;
import io.github.ralphresume.domain.port.StateStoreException;
import io.github.ralphresume.domain.usecase.ReconcileRalphResume;
import io.github.ralphresume.domain.usecase.ReconcileRequest;
import java.io.IOException;
import java.util.Iterator;
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

  private static final System.Logger LOG = System.getLogger(ReconcileEndpoint.class.getName());

  private final ReconcileRalphResume reconcile;
  private final RequestEnvironment environment;
  private final ObjectMapper mapper;
  private final Metrics metrics;

  ReconcileEndpoint(
      ReconcileRalphResume reconcile,
      RequestEnvironment environment,
      ObjectMapper mapper,
      Metrics metrics) {
    this.reconcile = reconcile;
    this.environment = environment;
    this.mapper = mapper;
    this.metrics = metrics;
  }

  Response reconcile(Request request) {
    JsonNode body = parse(request.body());
    String codexSessionId =
        text(body, CODEX_SESSION_ID)
            .orElseThrow(() -> invalid(
                CODEX_SESSION_ID + " is required (a string; \"\" when the payload has none)"));
    String threadId = text(body, THREAD_ID).orElse("");
    Optional<PaneId> pane =
        text(body, TMUX_PANE).map(value -> PaneId.parse(value).orElseThrow(() -> invalid(
            TMUX_PANE + " " + Problem.quote(value)
                + " is not a tmux pane id: expected % followed by digits, e.g. %42")));
    Optional<OmxSessionId> session =
        text(body, OMX_SESSION_ID).map(value -> OmxSessionId.parse(value).orElseThrow(() ->
            invalid(OMX_SESSION_ID + " " + Problem.quote(value)
                + " is not an OMX session id: expected 1-64 of A-Z a-z 0-9 _ -")));

    long started = System.nanoTime();
    ReconcileOutcome outcome;
    try {
      outcome =
          reconcile.reconcile(
              new ReconcileRequest(codexSessionId, threadId, environment.with(session, pane)));
    } catch (LockLostException lost) {
      metrics.reconcileFailed(System.nanoTime() - started);
      LOG.log(System.Logger.Level.WARNING, "reconcile stopped: " + lost.getMessage());
      throw new ProblemException(Problem.lockLost(lost.getMessage()));
    } catch (StateStoreException failed) {
      metrics.reconcileFailed(System.nanoTime() - started);
      LOG.log(System.Logger.Level.WARNING, "reconcile failed: " + failed.getMessage());
      throw new ProblemException(Problem.internalError(
          "the reconcile failed; a half-done transfer was undone or is journaled for the next"
              + " reconcile: " + failed.getMessage()));
    }
    metrics.reconciled(outcome.reason(), System.nanoTime() - started);
    return Response.json(200, JsonText.compact(outcome.toJson()));
  }

  /** The body as a JSON object with only the known members. */
  private JsonNode parse(byte[] bytes) {
    JsonNode body;
    try {
      body = mapper.readTree(bytes);
    } catch (JacksonException malformed) {
      throw new ProblemException(
          Problem.malformedJson("the body is not valid JSON: " + malformed.getOriginalMessage()));
    } catch (IOException unreadable) {
      throw new ProblemException(
          Problem.malformedJson("the body could not be read as JSON: " + unreadable.getMessage()));
    }
    if (body == null || body.isMissingNode()) {
      throw new ProblemException(Problem.malformedJson(
          "the body is empty; expected a JSON object such as {\"codexSessionId\": \"...\"}"));
    }
    if (!body.isObject()) {
      throw invalid("the body must be a JSON object such as {\"codexSessionId\": \"...\"}");
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!MEMBERS.contains(name)) {
        throw invalid("unknown member " + Problem.quote(name) + "; expected " + MEMBERS);
      }
    }
    return body;
  }

  /** A string member; {@code null} counts as absent, any other non-string is refused. */
  private static Optional<String> text(JsonNode body, String name) {
    JsonNode value = body.get(name);
    if (value == null || value.isNull()) return Optional.empty();
    if (!value.isTextual()) throw invalid(name + " must be a string, not " + describe(value));
    return Optional.of(value.textValue());
  }

  private static String describe(JsonNode value) {
    return switch (value.getNodeType()) {
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      default -> value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  private static ProblemException invalid(String detail) {
    return new ProblemException(Problem.invalidRequest(detail));
  }
}
