package io.github.ralphresume.app.cli;

import io.github.ralphresume.adapters.fs.MkdirResumeLock;
import io.github.ralphresume.domain.model.ReconcileOutcome;
import io.github.ralphresume.domain.usecase.ReconcileRalphResume;
import io.github.ralphresume.domain.usecase.ReconcileRequest;
import java.time.Duration;

/**
 * A reconcile with an overall deadline. A reconcile takes milliseconds; one stuck for good (a state
 * file swapped for a FIFO between its type check and its open, a hung network disk) must not keep
 * the hook's process, and with it the resume lock, alive forever. The reconcile runs on a daemon
 * thread; past the deadline the caller gets a failure instead (the hook logs it and exits 0, {@code
 * reconcile} exits 1), and the process's exit releases the lock (see {@link MkdirResumeLock}, whose
 * heartbeat has stopped by then anyway).
 */
final class DeadlineReconcile {
  /** The lock's longest hold: the reconcile gives up when its lock would stop being kept fresh. */
  static final Duration DEADLINE =
      Duration.ofSeconds(MkdirResumeLock.Timing.DEFAULT_MAX_HOLD_SECONDS);

  /**
   * A hook's: Codex kills a hook at {@link CodexHooks#TIMEOUT_SECONDS}, and a killed hook neither
   * logs why nor releases the lock. Ten seconds are left for the JVM, stdin and the lock wait.
   */
  static final Duration HOOK_DEADLINE = Duration.ofSeconds(CodexHooks.TIMEOUT_SECONDS - 10L);

  private final ReconcileRalphResume useCase;
  private final Duration deadline;

  DeadlineReconcile(ReconcileRalphResume useCase, Duration deadline) {
    this.useCase = useCase;
    this.deadline = deadline;
  }

  /** The outcome, or the reconcile's own failure, or a failure saying it ran out of time. */
  ReconcileOutcome reconcile(ReconcileRequest request) {
    Run run = new Run(request);
    Thread worker = new Thread(run, "ralph-resume-reconcile");
    worker.setDaemon(true);
    worker.start();
    try {
      worker.join(Math.max(1, deadline.toMillis()));
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the reconcile", interrupted);
    }
    if (worker.isAlive()) {
      throw new IllegalStateException(
          "the reconcile did not finish within "
              + deadline.toSeconds()
              + " s (stuck reading or writing the state dir); it gave up, and its lock is"
              + " released as the process exits");
    }
    if (run.failure instanceof RuntimeException failed) throw failed;
    if (run.failure instanceof Error error) throw error;
    return run.outcome;
  }

  /** The reconcile on its own thread; join() publishes its fields to the waiting thread. */
  private final class Run implements Runnable {
    private final ReconcileRequest request;
    ReconcileOutcome outcome;
    Throwable failure;

    Run(ReconcileRequest request) {
      this.request = request;
    }

    @Override
    public void run() {
      try {
        outcome = useCase.reconcile(request);
      } catch (RuntimeException | Error failed) {
        failure = failed;
      }
    }
  }
}
