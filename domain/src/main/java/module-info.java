/**
 * The rules of ralph-resume: the values, decisions, ports and use cases that move an oh-my-codex
 * Ralph loop to the OMX session that resumed its Codex conversation. Plain Java 17 with no
 * dependencies and no JVM flags; it works the same on the class path and on the module path.
 *
 * <p>The API, for plugin authors and for embedding:
 *
 * <ul>
 *   <li>{@code io.github.ralphresume.domain.model}: records, enums and sealed interfaces (a loop's
 *       document, ids, outcomes, explanations);
 *   <li>{@code io.github.ralphresume.domain.port}: the outgoing ports adapters implement ({@code
 *       RalphStateStore}, {@code ResumeLock}, {@code CurrentSessionLocator}, {@code PaneLocator},
 *       {@code TransferJournal});
 *   <li>{@code io.github.ralphresume.domain.usecase}: the use cases ({@code ReconcileRalphResume},
 *       {@code ExplainReconcile}, {@code InspectSessions}, {@code SweepStaleLoops});
 *   <li>{@code io.github.ralphresume.domain.json}: the JSON values a document is made of ({@code
 *       RalphDocument} holds a {@code JsonValue}), written byte for byte as JavaScript writes them;
 *   <li>{@code io.github.ralphresume.domain.wire}: how results, sessions, explanations and sweeps
 *       are written as JSON ({@code WireFormat}), the spelling the command line and the HTTP
 *       service share.
 * </ul>
 *
 * <p>{@code io.github.ralphresume.domain.js} (JavaScript's {@code Date.parse}, number and string
 * semantics, ported so that both tools decide alike) is exported only to ralph-resume's own
 * adapters and command line: it is an implementation detail of parity, not a promise.
 *
 * @since 0.1.0
 */
@SuppressWarnings("module") // the qualified export names modules this one cannot see
module io.github.ralphresume.domain {
  exports io.github.ralphresume.domain.model;
  exports io.github.ralphresume.domain.port;
  exports io.github.ralphresume.domain.usecase;
  exports io.github.ralphresume.domain.json;
  exports io.github.ralphresume.domain.wire;
  exports io.github.ralphresume.domain.js to
      io.github.ralphresume.adapters.fs,
      io.github.ralphresume.adapters.tmux,
      io.github.ralphresume.app.cli;
}
