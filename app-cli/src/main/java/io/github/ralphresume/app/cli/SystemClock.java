package io.github.ralphresume.app.cli;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The system clock in the system's time zone, looked up only when asked. Finding the default zone
 * reads the JDK's zone database, about 15 ms of a cold run, and a reconcile needs it only to read a
 * timestamp written without an offset; most runs never do.
 */
final class SystemClock extends Clock {
  private volatile ZoneId zone;

  @Override
  public ZoneId getZone() {
    ZoneId found = zone;
    if (found == null) {
      // Two threads racing here find the same zone.
      found = ZoneId.systemDefault();
      zone = found;
    }
    return found;
  }

  @Override
  public Clock withZone(ZoneId otherZone) {
    return Clock.system(otherZone);
  }

  @Override
  public long millis() {
    return System.currentTimeMillis();
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }
}
