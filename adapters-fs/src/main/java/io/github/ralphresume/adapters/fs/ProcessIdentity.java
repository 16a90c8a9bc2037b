package io.github.ralphresume.adapters.fs;

import java.util.Optional;

/**
 * What the platform can tell about a running process, for deciding whether the process that
 * wrote {@code session.json} is still the one running.
 */
interface ProcessIdentity {

  /** A live process's start time in clock ticks and its normalised command line. */
  record Identity(double startTicks, Optional<String> cmdline) {}

  /** Whether {@code kill(pid, 0)} would succeed for this process. */
  boolean isAlive(long pid);

  /**
   * Whether the platform records process identity (Linux's {@code /proc}); elsewhere a live pid
   * is trusted, as in the original.
   */
  boolean checksIdentity();

  /** The process's identity, empty when it cannot be read. */
  Optional<Identity> identity(long pid);
}
