package io.github.ralphresume.adapters.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Keeps a held lock directory's mtime fresh until stopped. One shared daemon thread serves every
 * held lock: starting and joining a thread per acquisition showed up in the service's p99.
 */
final class Heartbeat {
  private static final ScheduledExecutorService BEATS = beats();

  private final ScheduledFuture<?> beat;

  private Heartbeat(ScheduledFuture<?> beat) {
    this.beat = beat;
  }

  /**
   * Touches {@code lockDir} every {@code every} while {@code stillOurs} says the lock is ours, so a
   * lock taken over by someone else is not kept fresh on their behalf.
   */
  static Heartbeat start(Path lockDir, Duration every, BooleanSupplier stillOurs) {
    long period = Math.max(1, every.toMillis());
    Runnable touch =
        () -> {
          if (!stillOurs.getAsBoolean()) throw new IllegalStateException("lock no longer ours");
          try {
            Files.setLastModifiedTime(lockDir, FileTime.fromMillis(System.currentTimeMillis()));
          } catch (IOException gone) {
            // Gone or taken: ensureHeld() reports that before any write; stop beating.
            throw new IllegalStateException("lock directory gone", gone);
          }
        };
    // A task that throws is not run again: that is how a beat for a lost lock ends.
    return new Heartbeat(
        BEATS.scheduleWithFixedDelay(touch, period, period, TimeUnit.MILLISECONDS));
  }

  /**
   * One daemon thread. A stopped beat leaves the queue at once: otherwise every released lock's
   * cancelled beat would stay queued and wake the thread when it came due, a wake-up per reconcile
   * two seconds later, competing with the requests being served then.
   */
  private static ScheduledExecutorService beats() {
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            task -> {
              Thread thread = new Thread(task, "ralph-resume-lock-heartbeat");
              thread.setDaemon(true);
              return thread;
            });
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }

  /** Beats scheduled and not yet stopped (or ended), for tests. */
  static int scheduled() {
    return ((ScheduledThreadPoolExecutor) BEATS).getQueue().size();
  }

  /** Stops beating; a beat already running finishes on its own. */
  void stop() {
    beat.cancel(false);
  }
}
