package io.github.ralphresume.app.cli;

import io.github.ralphresume.adapters.fs.FileCurrentSessionLocator;
import io.github.ralphresume.adapters.fs.FileRalphStateStore;
import io.github.ralphresume.domain.json.JsonText;
import io.github.ralphresume.domain.model.CurrentSession;
import io.github.ralphresume.domain.model.Environment;
import io.github.ralphresume.domain.model.Inspection;
import io.github.ralphresume.domain.model.SessionSummary;
import io.github.ralphresume.domain.model.StoredDocument;
import io.github.ralphresume.domain.usecase.InspectSessions;
import io.github.ralphresume.domain.wire.WireFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code status}: one row per session, so "who owns this loop?" takes one command. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Shows every session's Ralph loop: owner, pane, and whether it is stale. Changes nothing.",
      "",
      "Example:",
      "  ralph-resume status --state-dir .omx/state"
    })
final class StatusCommand implements Callable<Integer> {
  private final CliContext context;

  @Mixin SharedOptions.StateDir stateDir = new SharedOptions.StateDir();

  @Option(names = SharedOptions.JSON, description = "Print one JSON object for scripts.")
  boolean json;

  StatusCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Path dir = stateDir.validate();
    FileRalphStateStore store = new FileRalphStateStore(dir);
    Inspection inspection =
        new InspectSessions(store, new FileCurrentSessionLocator(store), new SystemClock())
            .inspect(Environment.ofProcess(context.environment()));
    context
        .out()
        .print(json ? JsonText.compact(WireFormat.sessions(inspection)) + "\n" : table(inspection));
    return RalphResumeCli.EXIT_OK;
  }

  static String currentDescription(CurrentSession current) {
    if (current instanceof CurrentSession.FromEnvironment e) {
      return e.id() + " (from " + e.variable() + ")";
    }
    if (current instanceof CurrentSession.FromSessionFile f) {
      return f.id() + " (from session.json)";
    }
    return "none: " + ((CurrentSession.None) current).why();
  }

  static String table(Inspection inspection) {
    List<String[]> rows = new ArrayList<>();
    rows.add(
        new String[] {
          "", "SESSION", "ACTIVE", "PHASE", "ITER", "CODEX OWNER", "PANE", "AGE", "FROM", "STALE"
        });
    for (SessionSummary summary : inspection.sessions()) {
      rows.add(
          new String[] {
            summary.current() ? "*" : "",
            summary.session().value(),
            activeColumn(summary),
            summary.phase(),
            iterations(summary),
            owner(summary),
            summary.pane(),
            summary.freshness().map(f -> age(f.ageMillis())).orElse(""),
            summary.freshness().map(f -> f.source().wireName()).orElse(""),
            // Staleness only matters for a loop that is still active.
            summary.active()
                ? summary.freshness().map(f -> f.stale() ? "yes" : "no").orElse("")
                : ""
          });
    }
    StringBuilder out = new StringBuilder();
    out.append("current session: ").append(currentDescription(inspection.current())).append('\n');
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) widths[i] = Math.max(widths[i], row[i].length());
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(row[i]);
        if (i < row.length - 1) line.append(" ".repeat(widths[i] - row[i].length() + 2));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    if (inspection.sessions().isEmpty()) out.append("(no session directories)\n");
    return out.toString();
  }

  private static String activeColumn(SessionSummary summary) {
    if (summary.document() instanceof StoredDocument.Missing) return "-";
    if (summary.document() instanceof StoredDocument.Unreadable) return "unreadable";
    return summary.active() ? "yes" : "no";
  }

  private static String iterations(SessionSummary summary) {
    if (summary.iteration().isEmpty() && summary.maxIterations().isEmpty()) return "";
    return summary.iteration() + "/" + summary.maxIterations();
  }

  private static String owner(SessionSummary summary) {
    if (!summary.ownerCodexSessionId().isEmpty()) return summary.ownerCodexSessionId();
    if (!summary.ownerCodexThreadId().isEmpty()) return "thread " + summary.ownerCodexThreadId();
    return "";
  }

  /** Ages as people read them: 42s, 5m, 3h, 2d. */
  static String age(double millis) {
    long seconds = (long) (millis / 1000);
    if (seconds < 120) return seconds + "s";
    if (seconds < 120 * 60) return seconds / 60 + "m";
    if (seconds < 48 * 3600) return seconds / 3600 + "h";
    return seconds / 86400 + "d";
  }
}
