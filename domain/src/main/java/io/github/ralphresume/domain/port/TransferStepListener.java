package io.github.ralphresume.domain.port;

import io.github.ralphresume.domain.model.TransferStep;

/**
 * Told each time a transfer reaches a durable step. Production code has no use for it; the crash
 * tests use it to stop the process dead at a chosen step.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface TransferStepListener {
  /**
   * Called after {@code step} is durable.
   *
   * @param step the step just completed
   */
  void reached(TransferStep step);

  /** Ignores every step. */
  TransferStepListener NONE = step -> {};
}
