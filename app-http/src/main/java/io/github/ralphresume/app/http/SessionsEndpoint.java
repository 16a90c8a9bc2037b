package io.github.ralphresume.app.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ralphresume.adapters.fs.FileRalphStateStore;
import io.github.ralphresume.domain.model.CurrentSession;
import io.github.ralphresume.domain.model.Freshness;
import io.github.ralphresume.domain.model.Inspection;
import io.github.ralphresume.domain.model.OmxSessionId;
import io.github.ralphresume.domain.model.SessionSummary;
import io.github.ralphresume.domain.model.StoredDocument;
import io.github.ralphresume.domain.usecase.InspectSessions;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * {@code GET /v1/sessions} (every session's loop, as {@code InspectSessions} sees it) and {@code
 * GET /v1/sessions/{id}/ralph-state} (one document's bytes, as stored). Read-only: no lock.
 */
final class SessionsEndpoint {
  private final InspectSessions inspect;
  private final FileRalphStateStore store;
  private final RequestEnvironment environment;
  private final ObjectMapper mapper;

  SessionsEndpoint(
      InspectSessions inspect,
      FileRalphStateStore store,
      RequestEnvironment environment,
      ObjectMapper mapper) {
    this.inspect = inspect;
    this.store = store;
    this.environment = environment;
    this.mapper = mapper;
  }

  /** The listing; {@code ?omxSessionId=} names the current session as the reconcile body does. */
  Response list(Request request) {
    Optional<OmxSessionId> named = request.queryParameter("omxSessionId").map(SessionsEndpoint::id);
    Inspection inspection = inspect.inspect(environment.with(named, Optional.empty()));
    ObjectNode body = mapper.createObjectNode();
    body.set("current", current(inspection.current()));
    ArrayNode sessions = body.putArray("sessions");
    for (SessionSummary summary : inspection.sessions()) sessions.add(session(summary));
    return Response.json(200, bytes(body));
  }

  private ObjectNode current(CurrentSession current) {
    ObjectNode node = mapper.createObjectNode();
    OmxSessionId id = current.idOrNull();
    if (id == null) node.putNull("id");
    else node.put("id", id.value());
    if (current instanceof CurrentSession.FromEnvironment fromEnvironment) {
      node.put("foundBy", "environment");
      node.put("variable", fromEnvironment.variable());
    } else if (current instanceof CurrentSession.FromSessionFile) {
      node.put("foundBy", "session_file");
    } else if (current instanceof CurrentSession.None none) {
      node.put("foundBy", "none");
      node.put("why", none.why());
    }
    return node;
  }

  private ObjectNode session(SessionSummary summary) {
    ObjectNode node = mapper.createObjectNode();
    node.put("id", summary.session().value());
    node.put("current", summary.current());
    StoredDocument document = summary.document();
    node.put("document", documentState(document));
    node.put("unreadable", document instanceof StoredDocument.Unreadable);
    if (document instanceof StoredDocument.Unreadable unreadable) {
      node.put("unreadableReason", unreadable.why());
    } else {
      node.putNull("unreadableReason");
    }
    node.put("active", summary.active());
    node.put("phase", summary.phase());
    node.put("iteration", summary.iteration());
    node.put("maxIterations", summary.maxIterations());
    ObjectNode owners = node.putObject("owners");
    owners.put("omxSessionId", summary.ownerOmxSessionId());
    owners.put("codexSessionId", summary.ownerCodexSessionId());
    owners.put("codexThreadId", summary.ownerCodexThreadId());
    node.put("pane", summary.pane());
    if (summary.freshness().isPresent()) {
      Freshness freshness = summary.freshness().get();
      ObjectNode fresh = node.putObject("freshness");
      putMillis(fresh, "ageMs", freshness.ageMillis());
      putMillis(fresh, "thresholdMs", freshness.thresholdMillis());
      fresh.put("source", freshness.source().wireName());
      fresh.put("stale", freshness.stale());
    } else {
      node.putNull("freshness");
    }
    return node;
  }

  private static String documentState(StoredDocument document) {
    if (document instanceof StoredDocument.Present) return "present";
    if (document instanceof StoredDocument.Unreadable) return "unreadable";
    return "missing";
  }

  /** Whole milliseconds as integers; an mtime's sub-millisecond part stays a fraction. */
  private static void putMillis(ObjectNode node, String name, double millis) {
    if (millis == Math.rint(millis) && Math.abs(millis) < 1e15) node.put(name, (long) millis);
    else node.put(name, millis);
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

  private byte[] bytes(ObjectNode body) {
    try {
      return mapper.writeValueAsBytes(body);
    } catch (JsonProcessingException impossible) {
      throw new UncheckedIOException(impossible);
    }
  }
}
