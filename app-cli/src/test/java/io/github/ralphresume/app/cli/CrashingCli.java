package io.github.ralphresume.app.cli;

import io.github.ralphresume.adapters.fs.FileCurrentSessionLocator;
import io.github.ralphresume.adapters.fs.FileRalphStateStore;
import io.github.ralphresume.adapters.fs.MkdirResumeLock;
import io.github.ralphresume.domain.port.PaneLocator;
import io.github.ralphresume.domain.usecase.ReconcileRalphResume;
import io.github.ralphresume.testing.TransferSteps;
import io.github.ralphresume.testing.WriteSteps;
import java.nio.file.Path;

/**
 * The crash tests' entry point for their child JVMs: the real command line ({@link Main#run}) over
 * a composition whose file adapters halt or pause where {@link CrashSwitch} says, inside a transfer
 * or inside an atomic write. Everything else is the shipped CLI's. It is on the test class path
 * only, so the shipped binary cannot be made to halt.
 */
final class CrashingCli {
  private CrashingCli() {}

  public static void main(String[] args) {
    CrashSwitch crash = CrashSwitch.from(System.getenv());
    CliContext process = CliContext.ofProcess();
    CliContext context =
        new CliContext(
            process.environment(),
            process.in(),
            process.out(),
            process.err(),
            new CrashingComposition(crash));
    System.exit(Main.run(context, args));
  }

  /** The file adapters, each write and each transfer step reported to the switch. */
  static final class CrashingComposition extends Composition {
    private final CrashSwitch crash;

    CrashingComposition(CrashSwitch crash) {
      this.crash = crash;
    }

    @Override
    ReconcileRalphResume useCase(Path stateDir, PaneLocator panes) {
      FileRalphStateStore store = WriteSteps.store(stateDir, crash::reached);
      TransferSteps steps = new TransferSteps(step -> crash.reached(step.wireName()));
      return new ReconcileRalphResume(
          steps.store(store),
          new MkdirResumeLock(stateDir),
          new FileCurrentSessionLocator(store),
          panes,
          steps.journal(WriteSteps.journal(stateDir, crash::reached)),
          new SystemClock());
    }
  }
}
