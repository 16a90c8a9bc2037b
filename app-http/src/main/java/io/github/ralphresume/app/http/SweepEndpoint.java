package io.github.ralphresume.app.http;

import io.github.ralphresume.adapters.fs.FileDeadSessionFinder;
import io.github.ralphresume.adapters.fs.FileRalphStateStore;
import io.github.ralphresume.adapters.fs.FileTransferJournal;
import io.github.ralphresume.domain.json.JsonText;
import io.github.ralphresume.domain.model.OmxSessionId;
import io.github.ralphresume.domain.model.SweepReport;
import io.github.ralphresume.domain.port.LockLostException;
import io.github.ralphresume.domain.port.ResumeLock;
import io.github.ralphresume.domain.port.StateStoreException;
import io.github.ralphresume.domain.port.TransferJournal;
import io.github.ralphresume.domain.usecase.DeadSessionFinder;
import io.github.ralphresume.domain.usecase.SweepRequest;
import io.github.ralphresume.domain.usecase.SweepStaleLoops;
import io.github.ralphresume.domain.wire.WireFormat;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code POST /v1/sweep}: finds the active loops nobody will resume and, with {@code "apply":
 * true}, abandons them under the resume lock, as {@code ralph-resume sweep} does; answers the
 * object {@code sweep --json} prints. A dry run (the default) takes no lock and changes nothing.
 */
final class SweepEndpoint {
  static final String APPLY = "apply";
  static final String DEAD_OWNERS = "deadOwners";
  static final String SESSIONS = "sessions";
  private static final List<String> MEMBERS = List.of(APPLY, DEAD_OWNERS, SESSIONS);
  private static final String EXAMPLE = "{\"apply\": false, \"deadOwners\": false}";

  private static final System.Logger LOG = System.getLogger(SweepEndpoint.class.getName());

  private final FileRalphStateStore store;
  private final ResumeLock lock;
  private final RequestEnvironment environment;
  private final Clock clock;

  SweepEndpoint(
      FileRalphStateStore store, ResumeLock lock, RequestEnvironment environment, Clock clock) {
    this.store = store;
    this.lock = lock;
    this.environment = environment;
    this.clock = clock;
  }

  Response sweep(Request request) {
    JsonBody body = JsonBody.parse(request.body(), MEMBERS, EXAMPLE);
    boolean apply = body.bool(APPLY).orElse(false);
    boolean deadOwners = body.bool(DEAD_OWNERS).orElse(false);
    Set<OmxSessionId> only = only(body.texts(SESSIONS));

    TransferJournal journal = new FileTransferJournal(store.stateDir());
    DeadSessionFinder dead =
        deadOwners ? new FileDeadSessionFinder(store.stateDir()) : DeadSessionFinder.NONE;
    SweepReport report;
    try {
      report =
          new SweepStaleLoops(store, lock, journal, dead, clock)
              .sweep(
                  new SweepRequest(
                      environment.with(Optional.empty(), Optional.empty()),
                      apply,
                      deadOwners,
                      only));
    } catch (LockLostException lost) {
      LOG.log(System.Logger.Level.WARNING, "sweep stopped: " + lost.getMessage());
      throw new ProblemException(Problem.lockLost(lost.getMessage()));
    } catch (StateStoreException failed) {
      LOG.log(System.Logger.Level.WARNING, "sweep failed: " + failed.getMessage());
      throw new ProblemException(
          Problem.internalError(
              "the sweep failed; loops already abandoned stay abandoned: " + failed.getMessage()));
    }
    return Response.json(200, JsonText.compact(WireFormat.sweep(report)));
  }

  /** The sessions named, each a valid id of an existing session, as {@code --session} takes. */
  private Set<OmxSessionId> only(Optional<List<String>> named) {
    Set<OmxSessionId> only = new LinkedHashSet<>();
    if (named.isEmpty()) return only;
    Set<OmxSessionId> existing;
    try (Stream<OmxSessionId> listed = store.sessions()) {
      existing = listed.collect(Collectors.toSet());
    }
    for (String text : named.get()) {
      OmxSessionId id = JsonBody.omxSession(SESSIONS + " element", text);
      if (!existing.contains(id)) {
        throw JsonBody.invalid(
            "unknown session "
                + Problem.quote(id.value())
                + ": no such session directory in the state dir");
      }
      only.add(id);
    }
    if (only.isEmpty()) {
      throw JsonBody.invalid(SESSIONS + " is empty; leave it out to sweep every session");
    }
    return only;
  }
}
