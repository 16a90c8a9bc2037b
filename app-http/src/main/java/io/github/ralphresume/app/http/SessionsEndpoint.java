package io.github.ralphresume.app.http;

import io.github.ralphresume.domain.json.JsonText;
import io.github.ralphresume.domain.model.Inspection;
import io.github.ralphresume.domain.model.OmxSessionId;
import io.github.ralphresume.domain.usecase.InspectSessions;
import io.github.ralphresume.domain.wire.WireFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * {@code GET /v1/sessions} (every session's loop, as {@code InspectSessions} sees it) and {@code
 * GET /v1/sessions/{id}/ralph-state} (one document's bytes, as stored). Read-only: no lock.
 */
final class SessionsEndpoint {
  static final String SESSIONS = "sessions";
  static final String DOCUMENT = "ralph-state.json";

  private final InspectSessions inspect;
  private final Path stateDir;
  private final RequestEnvironment environment;

  SessionsEndpoint(InspectSessions inspect, Path stateDir, RequestEnvironment environment) {
    this.inspect = inspect;
    this.stateDir = stateDir;
    this.environment = environment;
  }

  /** The listing; {@code ?omxSessionId=} names the current session as the reconcile body does. */
  Response list(Request request) {
    Optional<OmxSessionId> named = request.queryParameter("omxSessionId").map(SessionsEndpoint::id);
    Inspection inspection = inspect.inspect(environment.with(named, Optional.empty()));
    return Response.json(200, JsonText.compact(WireFormat.sessions(inspection)));
  }

  /**
   * The document's bytes exactly as stored. Links are refused, as the store refuses them: a link
   * could serve any file the service can read.
   */
  Response ralphState(Request request) {
    OmxSessionId id = id(request.pathParameters().get("id"));
    Path sessions = stateDir.resolve(SESSIONS);
    Path dir = sessions.resolve(id.value());
    Path file = dir.resolve(DOCUMENT);
    String shown = SESSIONS + "/" + id.value();
    if (Files.isSymbolicLink(sessions)) throw symlink(SESSIONS);
    if (Files.isSymbolicLink(dir)) throw symlink(shown);
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      throw new ProblemException(Problem.notFound("there is no session " + id.value()));
    }
    String document = shown + "/" + DOCUMENT;
    try {
      BasicFileAttributes attributes =
          Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (attributes.isSymbolicLink()) throw symlink(document);
      if (!attributes.isRegularFile()) {
        throw new ProblemException(Problem.notFound(document + " is not a regular file"));
      }
      // NOFOLLOW_LINKS again at open: a link swapped in since the check is refused too.
      try (SeekableByteChannel channel =
              Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
          InputStream in = Channels.newInputStream(channel)) {
        return Response.json(200, in.readAllBytes());
      }
    } catch (NoSuchFileException missing) {
      throw new ProblemException(Problem.notFound("session " + id.value() + " has no " + DOCUMENT));
    } catch (FileSystemException refused) {
      if (Files.isSymbolicLink(file)) throw symlink(document);
      throw new UncheckedIOException(refused);
    } catch (IOException failure) {
      throw new UncheckedIOException(failure);
    }
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
