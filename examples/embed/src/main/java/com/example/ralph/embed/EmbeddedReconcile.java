package com.example.ralph.embed;

import io.github.ralphresume.adapters.fs.FileCurrentSessionLocator;
import io.github.ralphresume.adapters.fs.FileRalphStateStore;
import io.github.ralphresume.adapters.fs.FileTransferJournal;
import io.github.ralphresume.adapters.fs.MkdirResumeLock;
import io.github.ralphresume.domain.json.JsonText;
import io.github.ralphresume.domain.model.Environment;
import io.github.ralphresume.domain.model.PaneId;
import io.github.ralphresume.domain.model.ReconcileOutcome;
import io.github.ralphresume.domain.port.PaneLocator;
import io.github.ralphresume.domain.usecase.ReconcileRalphResume;
import io.github.ralphresume.domain.usecase.ReconcileRequest;
import io.github.ralphresume.domain.wire.WireFormat;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one reconcile of an OMX state dir in-process, the way a tool that already knows where its
 * agent runs would: with its own {@link PaneLocator} instead of ralph-resume's tmux lookup.
 *
 * <pre>
 * java -p ... -m com.example.ralph.embed/com.example.ralph.embed.EmbeddedReconcile \
 *     STATE_DIR CODEX_SESSION_ID [PANE]
 * </pre>
 *
 * <p>The current OMX session comes from the environment ({@code OMX_SESSION_ID}) or the state
 * dir's {@code session.json}, as for the command line.
 */
public final class EmbeddedReconcile {
  private EmbeddedReconcile() {}

  /**
   * Runs the program.
   *
   * @param args the state dir, the Codex session id, and optionally the agent's pane ({@code %N})
   */
  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  /**
   * Runs the program with the given environment and streams.
   *
   * @param args the state dir, the Codex session id, and optionally the agent's pane
   * @param environment the variables naming the current OMX session
   * @param out where the outcome goes: its JSON line, then one sentence
   * @param err where usage errors go
   * @return the exit status: 0 after a reconcile, 2 for bad arguments
   */
  public static int run(
      String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
    if (args.length < 2 || args.length > 3 || !Files.isDirectory(Path.of(args[0]))) {
      err.println("usage: EmbeddedReconcile STATE_DIR CODEX_SESSION_ID [PANE]");
      return 2;
    }
    Optional<PaneId> pane = args.length == 3 ? PaneId.parse(args[2]) : Optional.empty();
    if (args.length == 3 && pane.isEmpty()) {
      err.println("PANE must be % followed by digits, e.g. %12");
      return 2;
    }
    ReconcileOutcome outcome =
        reconcile(Path.of(args[0]), args[1], environment, ignored -> pane);
    out.println(JsonText.compact(WireFormat.reconcileResult(outcome)));
    out.println(describe(outcome));
    return 0;
  }

  /**
   * One reconcile of {@code stateDir} with the real file adapters and {@code panes}.
   *
   * @param stateDir the OMX state dir, {@code <project>/.omx/state}
   * @param codexSessionId the Codex session whose loop should follow it
   * @param environment the variables naming the current OMX session
   * @param panes this program's own idea of where the agent runs
   * @return what the reconcile did
   */
  public static ReconcileOutcome reconcile(
      Path stateDir, String codexSessionId, Map<String, String> environment, PaneLocator panes) {
    FileRalphStateStore store = new FileRalphStateStore(stateDir);
    ReconcileRalphResume reconcile =
        new ReconcileRalphResume(
            store,
            new MkdirResumeLock(stateDir),
            new FileCurrentSessionLocator(store),
            panes,
            new FileTransferJournal(stateDir),
            Clock.systemDefaultZone());
    return reconcile.reconcile(
        new ReconcileRequest(codexSessionId, "", Environment.injected(environment)));
  }

  private static String describe(ReconcileOutcome outcome) {
    if (outcome.resumed()) {
      return "Moved the loop from " + outcome.sourcePath().orElse("?") + " to "
          + outcome.targetPath().orElse("?") + " (" + outcome.reason().wireName() + ").";
    }
    return "Nothing moved: " + outcome.reason().wireName() + ".";
  }
}
