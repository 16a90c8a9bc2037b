package io.github.ralphresume.adapters.fs;

import io.github.ralphresume.domain.json.JsonObject;
import io.github.ralphresume.domain.json.JsonValue;
import io.github.ralphresume.domain.model.DeadSession;
import io.github.ralphresume.domain.model.OmxSessionId;
import io.github.ralphresume.domain.usecase.DeadSessionFinder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The session {@code <stateDir>/session.json} names, when the pid it records is not running: the
 * dead-owner finder of {@code sweep}, shared by the apps so the CLI and the HTTP service retire the
 * same loops. Anything less than proof (no pid, a malformed file, a link, a pid that may still run)
 * finds nothing, because what is found gets its loop retired.
 *
 * @since 0.1.0
 */
public final class FileDeadSessionFinder implements DeadSessionFinder {
  private final Path file;

  /**
   * The finder for {@code stateDir}'s {@code session.json}.
   *
   * @param stateDir the state directory
   */
  public FileDeadSessionFinder(Path stateDir) {
    this.file = stateDir.resolve(FileCurrentSessionLocator.SESSION_FILE);
  }

  @Override
  public Optional<DeadSession> find() {
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) return Optional.empty();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException unreadable) {
      return Optional.empty();
    }
    if (!(JavaScriptJson.parse(bytes).orElse(null) instanceof JsonObject session)) {
      return Optional.empty();
    }
    if (!(session.get("session_id").orElse(null) instanceof JsonValue.Str id)
        || !OmxSessionId.isValid(id.value())) {
      return Optional.empty();
    }
    if (!(session.get("pid").orElse(null) instanceof JsonValue.Num pid)
        || !(pid.value() > 0)
        || pid.value() != Math.rint(pid.value())
        || pid.value() > Integer.MAX_VALUE) {
      return Optional.empty();
    }
    long process = (long) pid.value();
    if (running(process)) return Optional.empty();
    return Optional.of(new DeadSession(new OmxSessionId(id.value()), process));
  }

  /** Alive by the JDK's account, or (on Linux) still in /proc, as a zombie is. */
  static boolean running(long pid) {
    if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) return true;
    return Files.isDirectory(Path.of("/proc/self"))
        && Files.exists(Path.of("/proc", Long.toString(pid)));
  }
}
