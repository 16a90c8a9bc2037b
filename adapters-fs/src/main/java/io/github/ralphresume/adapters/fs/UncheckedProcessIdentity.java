package io.github.ralphresume.adapters.fs;

import java.util.Optional;

/**
 * The platforms without an implementation of process identity (everything but Linux): whether a pid
 * is alive can still be asked ({@link ProcessHandle}), but not whether it is still the process that
 * wrote {@code session.json}, so the locator refuses the file and says why. The original trusts a
 * live pid there; a reused pid would make another process's session current.
 */
final class UncheckedProcessIdentity implements ProcessIdentity {
  private final String platform;

  UncheckedProcessIdentity(String osName) {
    this.platform = osName == null || osName.isBlank() ? "this platform" : osName.trim();
  }

  @Override
  public boolean isAlive(long pid) {
    if (pid <= 0 || pid > Integer.MAX_VALUE) return false;
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  @Override
  public Optional<String> limitation() {
    return Optional.of(
        "ralph-resume cannot tell on "
            + platform
            + " whether it is still the process that wrote session.json (a process's start time"
            + " and command line are read from Linux's /proc only); name the session with"
            + " OMX_SESSION_ID instead");
  }

  @Override
  public Optional<Identity> identity(long pid) {
    return Optional.empty();
  }
}
