package io.github.ralphresume.app.cli;

import io.github.ralphresume.adapters.fs.FileDeadSessionFinder;
import io.github.ralphresume.adapters.fs.FileRalphStateStore;
import io.github.ralphresume.adapters.fs.FileTransferJournal;
import io.github.ralphresume.adapters.fs.MkdirResumeLock;
import io.github.ralphresume.domain.json.JsonText;
import io.github.ralphresume.domain.json.JsonValue;
import io.github.ralphresume.domain.model.Environment;
import io.github.ralphresume.domain.model.Freshness;
import io.github.ralphresume.domain.model.OmxSessionId;
import io.github.ralphresume.domain.model.SweepReport;
import io.github.ralphresume.domain.model.TimestampSource;
import io.github.ralphresume.domain.port.TransferJournal;
import io.github.ralphresume.domain.usecase.DeadSessionFinder;
import io.github.ralphresume.domain.usecase.SweepRequest;
import io.github.ralphresume.domain.usecase.SweepStaleLoops;
import io.github.ralphresume.domain.wire.WireFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sweep}: retires active loops that nobody will resume. */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    description = {
      "Finds active Ralph loops that are stale by reconcile's own rule (and, with --dead-owners,",
      "the loop of the session whose process session.json records as gone), and with --apply",
      "abandons them exactly as reconcile abandons a stale loop, under the resume lock.",
      "Without --apply it only says what it would do and changes nothing.",
      "",
      "Example:",
      "  ralph-resume sweep --state-dir .omx/state              # what would go",
      "  ralph-resume sweep --state-dir .omx/state --apply      # retire them"
    },
    exitCodeListHeading = "Exit status:%n",
    exitCodeList = {
      "0:swept, or nothing to sweep, or the lock stayed held (the output says which)",
      RalphResumeCli.EXIT_FAILURE_HELP,
      RalphResumeCli.EXIT_USAGE_HELP
    })
final class SweepCommand implements Callable<Integer> {
  private final CliContext context;

  @Mixin SharedOptions.StateDir stateDir = new SharedOptions.StateDir();

  @Option(names = "--apply", description = "Abandon what is found (default: a dry run).")
  boolean apply;

  @Option(
      names = "--dead-owners",
      description =
          "Also abandon the loop of the session named in session.json when the process"
              + " it records is no longer running.")
  boolean deadOwners;

  @Option(
      names = "--session",
      paramLabel = "ID",
      description = "Only consider this OMX session (repeatable).")
  List<String> sessions = new ArrayList<>();

  @Option(names = SharedOptions.JSON, description = "Print one JSON object for scripts.")
  boolean json;

  @Option(
      names = SharedOptions.VERBOSE,
      description = "Print a stack trace on unexpected failures.")
  boolean verbose;

  SweepCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Path dir = stateDir.validate();
    FileRalphStateStore store = new FileRalphStateStore(dir);
    Set<OmxSessionId> only = onlySessions(store);
    TransferJournal journal = new FileTransferJournal(dir);
    DeadSessionFinder dead = deadOwners ? new FileDeadSessionFinder(dir) : DeadSessionFinder.NONE;
    SweepReport report =
        new SweepStaleLoops(store, new MkdirResumeLock(dir), journal, dead, new SystemClock())
            .sweep(
                new SweepRequest(
                    Environment.ofProcess(context.environment()), apply, deadOwners, only));
    context.out().print(json ? JsonText.compact(WireFormat.sweep(report)) + "\n" : text(report));
    return RalphResumeCli.EXIT_OK;
  }

  private Set<OmxSessionId> onlySessions(FileRalphStateStore store) {
    Set<OmxSessionId> only = new LinkedHashSet<>();
    if (sessions.isEmpty()) return only;
    List<OmxSessionId> existing;
    try (Stream<OmxSessionId> listed = store.sessions()) {
      existing = listed.toList();
    }
    for (String text : sessions) {
      OmxSessionId id =
          OmxSessionId.parse(text)
              .orElseThrow(
                  () ->
                      new UsageException(
                          "invalid OMX session id \""
                              + text
                              + "\": expected 1-64 of A-Z a-z 0-9 _ -"));
      if (!existing.contains(id)) {
        throw new UsageException(
            "unknown session "
                + id
                + ": no such session directory in "
                + store.stateDir().resolve("sessions"));
      }
      only.add(id);
    }
    return only;
  }

  static String text(SweepReport report) {
    if (report.outcome() == SweepReport.Outcome.RESUME_LOCK_TIMEOUT) {
      return "Another process held the resume lock for more than 5 s; nothing was changed."
          + " [resume_lock_timeout]\n";
    }
    StringBuilder out = new StringBuilder();
    out.append("Stale threshold: ")
        .append(StatusCommand.age(report.thresholdMillis()))
        .append(" (")
        .append(JsonText.compact(JsonValue.of(report.thresholdMillis())))
        .append(" ms).\n");
    report
        .deadSession()
        .ifPresent(
            dead ->
                out.append("session.json names session ")
                    .append(dead.session())
                    .append(", whose process ")
                    .append(dead.pid())
                    .append(" is not running.\n"));
    boolean dryRun = report.outcome() == SweepReport.Outcome.DRY_RUN;
    boolean refused = report.outcome() == SweepReport.Outcome.TRANSFER_PENDING;
    String verb = report.outcome() == SweepReport.Outcome.APPLIED ? "abandoned " : "would abandon ";
    for (SweepReport.Loop loop : report.loops()) {
      out.append(verb)
          .append(loop.session())
          .append(" (")
          .append(loop.path())
          .append("): ")
          .append(why(loop, report))
          .append('\n');
    }
    if (report.transferPending()) {
      out.append(
          "An interrupted transfer is pending; run `ralph-resume reconcile` to settle it"
              + " before sweeping.\n");
    }
    int count = report.loops().size();
    if (refused) {
      out.append("Nothing was changed.\n");
    } else if (count == 0) {
      out.append("No active loop to abandon; nothing was changed.\n");
    } else if (dryRun) {
      out.append("Dry run: nothing was changed. Run with --apply to abandon ")
          .append(loops(count))
          .append(".\n");
    } else {
      out.append("Abandoned ").append(loops(count)).append(".\n");
    }
    return out.toString();
  }

  private static String why(SweepReport.Loop loop, SweepReport report) {
    Freshness f = loop.abandonment().why();
    String activity =
        f.source() == TimestampSource.MISSING_MTIME
            ? "no timestamp and no file time"
            : "last active "
                + StatusCommand.age(f.ageMillis())
                + " ago ("
                + (f.source() == TimestampSource.MTIME ? "the file's mtime" : f.source().wireName())
                + ")";
    if (loop.why() == SweepReport.Why.STALE) return "stale, " + activity;
    long pid = report.deadSession().map(dead -> dead.pid()).orElse(0L);
    return "its session's process " + pid + " is gone (" + activity + ")";
  }

  private static String loops(int count) {
    return count == 1 ? "1 loop" : count + " loops";
  }
}
