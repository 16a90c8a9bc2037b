package io.github.ralphresume.adapters.fs;

import java.util.Optional;

/**
 * Outside Linux the original only asks whether the pid is alive; so do we, through
 * {@link ProcessHandle}.
 */
final class PidOnlyProcessIdentity implements ProcessIdentity {
  @Override
  public boolean isAlive(long pid) {
    if (pid <= 0 || pid > Integer.MAX_VALUE) return false;
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  @Override
  public boolean checksIdentity() {
    return false;
  }

  @Override
  public Optional<Identity> identity(long pid) {
    return Optional.empty();
  }
}
