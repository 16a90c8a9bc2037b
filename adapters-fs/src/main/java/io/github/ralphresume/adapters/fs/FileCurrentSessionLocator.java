package io.github.ralphresume.adapters.fs;

import io.github.ralphresume.domain.js.JsNumbers;
import io.github.ralphresume.domain.js.JsStrings;
import io.github.ralphresume.domain.json.JsonObject;
import io.github.ralphresume.domain.json.JsonStrings;
import io.github.ralphresume.domain.json.JsonValue;
import io.github.ralphresume.domain.model.CurrentSession;
import io.github.ralphresume.domain.model.Environment;
import io.github.ralphresume.domain.model.OmxSessionId;
import io.github.ralphresume.domain.model.StoredDocument;
import io.github.ralphresume.domain.port.CurrentSessionLocator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds the current OMX session as the original does: the first of {@code OMX_SESSION_ID}, {@code
 * CODEX_SESSION_ID}, {@code SESSION_ID} that is a valid id, if its session directory exists;
 * otherwise {@code <stateDir>/session.json}, when it belongs to this project and the process that
 * wrote it is still that process.
 *
 * @since 0.1.0
 */
public final class FileCurrentSessionLocator implements CurrentSessionLocator {
  /** The variables naming the current session, in the order they are tried. */
  public static final List<String> SESSION_VARIABLES =
      List.of("OMX_SESSION_ID", "CODEX_SESSION_ID", "SESSION_ID");

  static final String SESSION_FILE = "session.json";

  private final FileRalphStateStore store;
  private final ProcessIdentity processes;
  private final Path workingDirectory;

  /**
   * A locator for the store's state dir. The process {@code session.json} records is checked as
   * this platform allows: on Linux its pid, start time and command line (from {@code /proc}); on
   * other platforms a recorded process that is still running cannot be told from a reused pid, so
   * such a {@code session.json} is not used, and {@link CurrentSession.None} says why.
   *
   * @param store the store of the state dir whose {@code session.json} is read
   */
  public FileCurrentSessionLocator(FileRalphStateStore store) {
    this(store, ProcessIdentity.forPlatform(), Path.of("").toAbsolutePath());
  }

  FileCurrentSessionLocator(
      FileRalphStateStore store, ProcessIdentity processes, Path workingDirectory) {
    this.store = store;
    this.processes = processes;
    this.workingDirectory = workingDirectory;
  }

  @Override
  public CurrentSession locate(Environment environment) {
    Optional<String> named = firstValidVariable(environment);
    if (named.isPresent()) {
      String variable = named.get();
      OmxSessionId id = new OmxSessionId(JsStrings.trim(environment.get(variable).orElseThrow()));
      if (store.sessionExists(id)) return new CurrentSession.FromEnvironment(id, variable);
      // The original does not try the later variables then: session.json decides.
    }
    return fromSessionFile(
        named
            .map(
                v ->
                    v
                        + "="
                        + JsStrings.trim(environment.get(v).orElseThrow())
                        + " names a session whose directory does not exist; ")
            .orElseGet(() -> noValidVariable(environment)));
  }

  /** Says which variables were tried, so "no current session" is not a mystery. */
  private static String noValidVariable(Environment environment) {
    StringBuilder tried = new StringBuilder();
    for (String variable : SESSION_VARIABLES) {
      String value = JsStrings.trim(environment.get(variable).orElse(""));
      if (value.isEmpty()) continue;
      tried.append(variable).append(" is not a valid session id; ");
    }
    if (tried.length() == 0) tried.append("no session variable is set; ");
    return tried.toString();
  }

  /** The first variable whose trimmed value is a valid id, if any. */
  static Optional<String> firstValidVariable(Environment environment) {
    for (String variable : SESSION_VARIABLES) {
      String value = JsStrings.trim(environment.get(variable).orElse(""));
      if (OmxSessionId.isValid(value)) return Optional.of(variable);
    }
    return Optional.empty();
  }

  private CurrentSession fromSessionFile(String context) {
    Path file = store.stateDir().resolve(SESSION_FILE);
    StoredDocument stored = FileRalphStateStore.readDocument(file);
    if (!(stored instanceof StoredDocument.Present present)) {
      return new CurrentSession.None(context + "session.json is " + describe(stored));
    }
    JsonValue root = present.document().root();
    if (!(root instanceof JsonObject session)) {
      return new CurrentSession.None(context + "session.json is not a JSON object");
    }
    Optional<String> unusable = whyUnusable(session);
    if (unusable.isPresent()) {
      return new CurrentSession.None(context + "session.json is not usable: " + unusable.get());
    }
    String id = JsStrings.trim(JsonStrings.safeString(session.get("session_id").orElse(null)));
    if (!OmxSessionId.isValid(id)) {
      return new CurrentSession.None(context + "session.json has no valid session_id");
    }
    return new CurrentSession.FromSessionFile(new OmxSessionId(id));
  }

  private static String describe(StoredDocument stored) {
    if (stored instanceof StoredDocument.Missing) return "missing";
    return "unreadable (" + ((StoredDocument.Unreadable) stored).why() + ")";
  }

  /**
   * oh-my-codex's {@code isSessionStateUsable}: the id must look like one; a recorded cwd must be
   * this project; a recorded process must still be alive and, on Linux, the same process.
   */
  Optional<String> whyUnusable(JsonObject session) {
    // The original tests the regex against String(session_id): a missing id reads "undefined".
    String idText = session.get("session_id").map(JsonStrings::toJsString).orElse("undefined");
    if (!OmxSessionId.isValid(idText)) return Optional.of("session_id is not a valid id");
    Optional<JsonValue> cwd = session.get("cwd");
    if (cwd.isPresent()
        && cwd.get() instanceof JsonValue.Str s
        && !JsStrings.trim(s.value()).isEmpty()) {
      Path projectRoot = workingDirectory.resolve(store.stateDir()).resolve("..").resolve("..");
      if (!sameFilePath(s.value(), projectRoot.toString())) {
        return Optional.of("its cwd " + s.value() + " is not this project");
      }
    }
    Optional<JsonValue> pid = session.get("pid");
    boolean hasPid = pid.isPresent() && isPositiveInteger(pid.get());
    boolean hasIdentity =
        session.get("pid_start_ticks").orElse(null) instanceof JsonValue.Num
            || session.get("pid_cmdline").orElse(null) instanceof JsonValue.Str;
    if (!hasPid && !hasIdentity) return Optional.empty();
    return whyStale(session);
  }

  /** oh-my-codex's {@code isSessionStale}. */
  private Optional<String> whyStale(JsonObject session) {
    JsonValue pidValue = session.get("pid").orElse(null);
    if (pidValue == null || !isPositiveInteger(pidValue)) {
      return Optional.of("it records process identity without a valid pid");
    }
    double pidNumber = ((JsonValue.Num) pidValue).value();
    long pid = pidNumber > Long.MAX_VALUE ? Long.MAX_VALUE : (long) pidNumber;
    if (!processes.isAlive(pid)) return Optional.of("process " + pid + " is not running");
    Optional<String> limitation = processes.limitation();
    if (limitation.isPresent()) {
      return Optional.of("process " + pid + " is running, but " + limitation.get());
    }
    Optional<ProcessIdentity.Identity> live = processes.identity(pid);
    if (live.isEmpty()) return Optional.of("process " + pid + " has no readable identity");
    if (!(session.get("pid_start_ticks").orElse(null) instanceof JsonValue.Num ticks)) {
      return Optional.of("pid_start_ticks is missing");
    }
    if (ticks.value() != live.get().startTicks()) {
      return Optional.of(
          "process "
              + pid
              + " started at tick "
              + JsNumbers.toJsString(live.get().startTicks())
              + ", not "
              + JsNumbers.toJsString(ticks.value())
              + " (the pid was reused)");
    }
    Optional<String> expected = expectedCmdline(session.get("pid_cmdline").orElse(null));
    if (expected.isPresent()) {
      Optional<String> actual = live.get().cmdline();
      if (actual.isEmpty() || !actual.get().equals(expected.get())) {
        return Optional.of("process " + pid + " runs a different command line");
      }
    }
    return Optional.empty();
  }

  /**
   * {@code normalizeCmdline(state.pid_cmdline)}: falsy values mean "not recorded"; a truthy
   * non-string makes the original throw, and so do we, so both fail the same run.
   */
  private static Optional<String> expectedCmdline(JsonValue recorded) {
    if (recorded == null || !recorded.truthy()) return Optional.empty();
    if (!(recorded instanceof JsonValue.Str s)) {
      throw new IllegalStateException("session.json pid_cmdline is not a string");
    }
    return LinuxProcessIdentity.normalizeCmdline(s.value());
  }

  private static boolean isPositiveInteger(JsonValue value) {
    return value instanceof JsonValue.Num n
        && Double.isFinite(n.value())
        && n.value() == Math.rint(n.value())
        && n.value() > 0;
  }

  /** oh-my-codex's {@code sameFilePath}: absolute, then through symlinks when the path exists. */
  private boolean sameFilePath(String left, String right) {
    Optional<String> a = canonical(left);
    Optional<String> b = canonical(right);
    return a.isPresent() && a.equals(b);
  }

  private Optional<String> canonical(String raw) {
    Path absolute;
    try {
      absolute = workingDirectory.resolve(raw).normalize();
    } catch (InvalidPathException invalid) {
      return Optional.empty();
    }
    if (!Files.exists(absolute)) return Optional.of(absolute.toString());
    try {
      return Optional.of(absolute.toRealPath().toString());
    } catch (IOException unresolvable) {
      return Optional.of(absolute.toString());
    }
  }
}
