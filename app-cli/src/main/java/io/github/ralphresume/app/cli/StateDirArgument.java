package io.github.ralphresume.app.cli;

import io.github.ralphresume.adapters.fs.StateDirectory;
import java.nio.file.Path;

/** Checks a state dir given on the command line before anything touches it. */
final class StateDirArgument {
  private StateDirArgument() {}

  /** The state dir, or a usage error naming what is wrong with it. */
  static Path validate(String text) {
    try {
      return StateDirectory.validate(text, "");
    } catch (StateDirectory.InvalidException invalid) {
      throw new UsageException(invalid.getMessage());
    }
  }
}
