package io.github.ralphresume.app.cli;

import io.github.ralphresume.adapters.fs.FileCurrentSessionLocator;
import io.github.ralphresume.adapters.fs.FileRalphStateStore;
import io.github.ralphresume.adapters.fs.FileTransferJournal;
import io.github.ralphresume.domain.json.JsonArray;
import io.github.ralphresume.domain.json.JsonObject;
import io.github.ralphresume.domain.json.JsonText;
import io.github.ralphresume.domain.json.JsonValue;
import io.github.ralphresume.domain.model.CurrentSession;
import io.github.ralphresume.domain.model.Environment;
import io.github.ralphresume.domain.model.Inspection;
import io.github.ralphresume.domain.model.Recovery;
import io.github.ralphresume.domain.model.SessionSummary;
import io.github.ralphresume.domain.port.StateStoreException;
import io.github.ralphresume.domain.usecase.InspectSessions;
import io.github.ralphresume.domain.wire.WireFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code status}: one row per session, so "who owns this loop?" takes one command. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Shows every session's Ralph loop: owner, pane, and whether it is stale, then any transfer",
      "that is interrupted or was left for you by recovery. Changes nothing.",
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
    List<Transfer> transfers = transfers(dir);
    context
        .out()
        .print(
            json
                ? JsonText.compact(toJson(inspection, transfers)) + "\n"
                : table(inspection) + transfersText(transfers));
    return RalphResumeCli.EXIT_OK;
  }

  /**
   * A transfer that is not finished: pending in the journal (the next reconcile settles it), or
   * left for the operator by a recovery that found another writer's documents.
   */
  record Transfer(
      String transferId,
      String status,
      String source,
      String target,
      Path file,
      Optional<Recovery> left,
      String problem) {}

  static List<Transfer> transfers(Path dir) {
    List<Transfer> transfers = new ArrayList<>();
    FileTransferJournal journal = new FileTransferJournal(dir);
    try {
      journal
          .pending()
          .ifPresent(
              entry ->
                  transfers.add(
                      new Transfer(
                          entry.transferId(),
                          "pending",
                          entry.source().value(),
                          entry.target().value(),
                          journal.file(),
                          Optional.empty(),
                          "")));
    } catch (StateStoreException unreadable) {
      transfers.add(
          new Transfer(
              "", "unreadable", "", "", journal.file(), Optional.empty(), unreadable.getMessage()));
    }
    for (FileTransferJournal.Left left : journal.leftForOperator()) {
      Recovery recovery = left.recovery();
      transfers.add(
          new Transfer(
              recovery.transferId(),
              recovery.action().wireName(),
              recovery.source().value(),
              recovery.target().value(),
              left.file(),
              Optional.of(recovery),
              ""));
    }
    return transfers;
  }

  static String transfersText(List<Transfer> transfers) {
    StringBuilder out = new StringBuilder();
    for (Transfer transfer : transfers) {
      if (transfer.status().equals("unreadable")) {
        out.append("transfer journal: ").append(transfer.problem()).append('\n');
        continue;
      }
      out.append("transfer ")
          .append(transfer.transferId())
          .append(" (")
          .append(transfer.source())
          .append(" -> ")
          .append(transfer.target())
          .append("): ");
      if (transfer.left().isEmpty()) {
        out.append("interrupted; the next reconcile settles it first (explain shows how)\n");
        continue;
      }
      Recovery recovery = transfer.left().get();
      out.append("left for you: another writer changed its documents after it began (source: ")
          .append(ExplanationText.found(recovery.atSource()))
          .append(", target: ")
          .append(ExplanationText.found(recovery.atTarget()))
          .append("); nothing was touched, and its documents are kept in ")
          .append(transfer.file())
          .append('\n');
    }
    return out.toString();
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
    if (summary.document() == SessionSummary.Document.MISSING) return "-";
    if (summary.document() == SessionSummary.Document.UNREADABLE) return "unreadable";
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

  /** The listing in the wire format ({@code GET /v1/sessions}'s body), and the transfers. */
  static JsonObject toJson(Inspection inspection, List<Transfer> transfers) {
    Map<String, JsonValue> root = new LinkedHashMap<>(WireFormat.sessions(inspection).members());
    List<JsonValue> described = new ArrayList<>();
    for (Transfer transfer : transfers) {
      Map<String, JsonValue> one = new LinkedHashMap<>();
      one.put("transferId", JsonValue.of(transfer.transferId()));
      one.put("status", JsonValue.of(transfer.status()));
      one.put("source", JsonValue.of(transfer.source()));
      one.put("target", JsonValue.of(transfer.target()));
      one.put("file", JsonValue.of(transfer.file().toString()));
      transfer
          .left()
          .ifPresent(
              recovery -> {
                one.put("foundAtSource", JsonValue.of(recovery.atSource().wireName()));
                one.put("foundAtTarget", JsonValue.of(recovery.atTarget().wireName()));
              });
      if (!transfer.problem().isEmpty()) one.put("problem", JsonValue.of(transfer.problem()));
      described.add(new JsonObject(one));
    }
    root.put("transfers", new JsonArray(described));
    return new JsonObject(root);
  }
}
