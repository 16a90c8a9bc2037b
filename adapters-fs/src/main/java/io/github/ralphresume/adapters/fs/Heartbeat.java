package io.github.ralphresume.adapters.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;

/** Keeps a held lock directory's mtime fresh from a daemon thread until stopped. */
final class Heartbeat {
  private final Thread thread;

  private Heartbeat(Thread thread) {
    this.thread = thread;
  }

  /**
   * Touches {@code lockDir} every {@code every} while {@code stillOurs} says the lock is ours,
   * so a lock taken over by someone else is not kept fresh on their behalf.
   */
  static Heartbeat start(Path lockDir, Duration every, java.util.function.BooleanSupplier stillOurs) {
    Thread thread =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                try {
                  Thread.sleep(every.toMillis());
                  if (!stillOurs.getAsBoolean()) return;
                  Files.setLastModifiedTime(lockDir, FileTime.fromMillis(System.currentTimeMillis()));
                } catch (InterruptedException stop) {
                  return;
                } catch (IOException gone) {
                  // The lock is gone or taken: ensureHeld() reports that before any write.
                  return;
                }
              }
            },
            "ralph-resume-lock-heartbeat");
    thread.setDaemon(true);
    thread.start();
    return new Heartbeat(thread);
  }

  void stop() {
    thread.interrupt();
    try {
      thread.join(1000);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
