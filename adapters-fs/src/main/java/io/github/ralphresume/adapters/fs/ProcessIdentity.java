package io.github.ralphresume.adapters.fs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Outgoing port of {@link FileCurrentSessionLocator}: what the platform can tell about a running
 * process, for deciding whether the process that wrote {@code session.json} is still the one
 * running. Chosen at run time by {@link #forPlatform}: Linux reads {@code /proc}; a platform
 * without an implementation says so ({@link #limitation()}) instead of trusting a live pid.
 */
interface ProcessIdentity {

  /** A live process's start time in clock ticks and its normalised command line. */
  record Identity(double startTicks, Optional<String> cmdline) {}

  /** Whether {@code kill(pid, 0)} would succeed for this process. */
  boolean isAlive(long pid);

  /**
   * Empty when {@link #identity} tells a reused pid from the original process; otherwise what this
   * platform cannot check, completing "process 123 is running, but …".
   */
  Optional<String> limitation();

  /** The process's identity, empty when it cannot be read. */
  Optional<Identity> identity(long pid);

  /** The implementation for this JVM's platform. */
  static ProcessIdentity forPlatform() {
    return forPlatform(System.getProperty("os.name", ""), Path.of("/proc"));
  }

  /** The implementation for {@code osName}: Linux with a readable {@code procDir}, or none. */
  static ProcessIdentity forPlatform(String osName, Path procDir) {
    if (osName.toLowerCase(Locale.ROOT).contains("linux")
        && Files.isDirectory(procDir.resolve("self"))) {
      return new LinuxProcessIdentity(procDir);
    }
    return new UncheckedProcessIdentity(osName);
  }
}
