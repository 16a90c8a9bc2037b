package io.github.ralphresume.app.http;

import java.time.Duration;

/**
 * Counts the requests being served, from their dispatch until their answer is written, so that a
 * stop can refuse new ones (503) and wait for the rest before the server closes the connections.
 */
final class InFlight {
  private int count;
  private boolean closed;

  /** Reopens after a stop. */
  synchronized void open() {
    closed = false;
  }

  /** Counts a request in; false once closing, when the request must be refused. */
  synchronized boolean enter() {
    if (closed) return false;
    count++;
    return true;
  }

  synchronized void exit() {
    count--;
    if (count == 0) notifyAll();
  }

  synchronized int count() {
    return count;
  }

  /** Refuses new requests, then waits up to {@code timeout} for the others; true if all ended. */
  synchronized boolean closeAndAwait(Duration timeout) {
    closed = true;
    long deadline = System.nanoTime() + timeout.toNanos();
    while (count > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) return false;
      try {
        wait(Math.max(1, left / 1_000_000));
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }
}
