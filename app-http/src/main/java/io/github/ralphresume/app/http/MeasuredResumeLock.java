package io.github.ralphresume.app.http;

import io.github.ralphresume.domain.port.ResumeLock;
import java.util.Optional;

/** The resume lock, timing each wait for it and counting the waits that time out. */
final class MeasuredResumeLock implements ResumeLock {
  private final ResumeLock lock;
  private final Metrics metrics;

  MeasuredResumeLock(ResumeLock lock, Metrics metrics) {
    this.lock = lock;
    this.metrics = metrics;
  }

  @Override
  public Optional<Held> acquire() {
    long started = System.nanoTime();
    Optional<Held> held = lock.acquire();
    metrics.lockAcquisition(held.isPresent(), System.nanoTime() - started);
    return held;
  }
}
