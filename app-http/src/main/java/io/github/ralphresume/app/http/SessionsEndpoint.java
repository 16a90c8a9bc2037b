package io.github.ralphresume.app.http;

import io.github.ralphresume.adapters.fs.FileRalphStateStore;
import io.github.ralphresume.domain.json.JsonText;
import io.github.ralphresume.domain.model.Inspection;
import io.github.ralphresume.domain.model.OmxSessionId;
import io.github.ralphresume.domain.usecase.InspectSessions;
import io.github.ralphresume.domain.wire.WireFormat;
import java.util.Optional;

/**
 * {@code GET /v1/sessions} (every session's loop, as {@code InspectSessions} sees it) and {@code
 * GET /v1/sessions/{id}/ralph-state} (one document's bytes, as stored). Read-only: no lock.
 */
final class SessionsEndpoint {
  private final InspectSessions inspect;
  private final FileRalphStateStore store;
  private final RequestEnvironment environment;

  SessionsEndpoint(
      InspectSessions inspect, FileRalphStateStore store, RequestEnvironment environment) {
    this.inspect = inspect;
    this.store = store;
    this.environment = environment;
  }

  /** The listing; {@code ?omxSessionId=} names the current session as the reconcile body does. */
  Response list(Request request) {
    Optional<OmxSessionId> named = request.queryParameter("omxSessionId").map(SessionsEndpoint::id);
    Inspection inspection = inspect.inspect(environment.with(named, Optional.empty()));
    return Response.json(200, JsonText.compact(WireFormat.sessions(inspection)));
  }

  /** The document's bytes exactly as stored; the store refuses links. */
  Response ralphState(Request request) {
    OmxSessionId id = id(request.pathParameters().get("id"));
    FileRalphStateStore.StoredBytes stored = store.storedBytes(id);
    if (stored instanceof FileRalphStateStore.StoredBytes.Bytes bytes) {
      return Response.json(200, bytes.bytes());
    }
    if (stored instanceof FileRalphStateStore.StoredBytes.Link link) throw symlink(link.what());
    throw new ProblemException(
        Problem.notFound(((FileRalphStateStore.StoredBytes.NotFound) stored).why()));
  }

  private static OmxSessionId id(String raw) {
    return OmxSessionId.parse(raw)
        .orElseThrow(
            () ->
                new ProblemException(
                    Problem.invalidRequest(
                        Problem.quote(raw)
                            + " is not an OMX session id: expected 1-64 of A-Z a-z 0-9 _ -")));
  }

  private static ProblemException symlink(String what) {
    return new ProblemException(
        Problem.symlinkRefused(
            what + " is a symbolic link; the service does not follow links in the state dir"));
  }
}
