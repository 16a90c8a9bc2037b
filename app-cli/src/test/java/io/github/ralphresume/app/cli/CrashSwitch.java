package io.github.ralphresume.app.cli;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fault injection for the crash tests, read by their child JVMs' entry point ({@link CrashingCli},
 * on the test class path; the shipped {@link Main} knows nothing of it), from environment variables
 * the tests set:
 *
 * <ul>
 *   <li>{@code RALPH_RESUME_TEST_HALT_AT=STEP[#N]} stops the JVM dead ({@link Runtime#halt}, no
 *       cleanup, no lock release) the N-th time (default first) STEP is reached;
 *   <li>{@code RALPH_RESUME_TEST_PAUSE_AT=STEP:MILLIS} sleeps there, holding the lock.
 * </ul>
 *
 * Steps: those of a transfer ({@code after-journal}, {@code after-source}, {@code after-target},
 * {@code before-commit}, {@code committed}: {@code TransferStep}) and, inside every atomic write,
 * {@code write-temp-synced} and {@code write-renamed} ({@code WriteSteps}).
 */
final class CrashSwitch {
  static final String HALT_VARIABLE = "RALPH_RESUME_TEST_HALT_AT";
  static final String PAUSE_VARIABLE = "RALPH_RESUME_TEST_PAUSE_AT";

  /** The exit status of a halted run, recognisable in tests. */
  static final int HALT_STATUS = 86;

  private final String haltStep;
  private final int haltOccurrence;
  private final String pauseStep;
  private final long pauseMillis;
  private final AtomicInteger seen = new AtomicInteger();

  private CrashSwitch(String haltStep, int haltOccurrence, String pauseStep, long pauseMillis) {
    this.haltStep = haltStep;
    this.haltOccurrence = haltOccurrence;
    this.pauseStep = pauseStep;
    this.pauseMillis = pauseMillis;
  }

  static CrashSwitch from(Map<String, String> environment) {
    String halt = environment.getOrDefault(HALT_VARIABLE, "");
    String haltStep = halt;
    int occurrence = 1;
    int hash = halt.indexOf('#');
    if (hash > 0) {
      haltStep = halt.substring(0, hash);
      occurrence = Integer.parseInt(halt.substring(hash + 1));
    }
    String pause = environment.getOrDefault(PAUSE_VARIABLE, "");
    String pauseStep = "";
    long pauseMillis = 0;
    int colon = pause.indexOf(':');
    if (colon > 0) {
      pauseStep = pause.substring(0, colon);
      pauseMillis = Long.parseLong(pause.substring(colon + 1));
    }
    return new CrashSwitch(haltStep, occurrence, pauseStep, pauseMillis);
  }

  void reached(String step) {
    if (!haltStep.isEmpty() && haltStep.equals(step) && seen.incrementAndGet() == haltOccurrence) {
      Runtime.getRuntime().halt(HALT_STATUS);
    }
    if (!pauseStep.isEmpty() && pauseStep.equals(step)) {
      try {
        Thread.sleep(pauseMillis);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
