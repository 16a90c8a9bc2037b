package io.github.ralphresume.adapters.fs;

import io.github.ralphresume.domain.js.JsDates;
import io.github.ralphresume.domain.js.JsStrings;
import io.github.ralphresume.domain.json.JsonObject;
import io.github.ralphresume.domain.json.JsonText;
import io.github.ralphresume.domain.json.JsonValue;
import io.github.ralphresume.domain.model.JournalEntry;
import io.github.ralphresume.domain.model.OmxSessionId;
import io.github.ralphresume.domain.model.RalphDocument;
import io.github.ralphresume.domain.model.Recovery;
import io.github.ralphresume.domain.model.StoredDocument;
import io.github.ralphresume.domain.port.StateStoreException;
import io.github.ralphresume.domain.port.TransferJournal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The transfer journal as one JSON file, {@code <stateDir>/.ralph-resume-transfer.json}, written
 * atomically and durably. It exists only while a transfer is in flight: removing it is the commit
 * (as with SQLite's rollback journal), so a finished reconcile leaves the state dir exactly as the
 * original tool would. A transfer that recovery could not settle is kept for the operator as {@code
 * .ralph-resume-transfer-<id>.left.json}.
 *
 * <pre>{
 *   "schema": "ralph-resume/transfer-journal@1",
 *   "status": "prepared" | "left_for_operator",
 *   "transfer_id": "…", "updated_at": "…",
 *   "source": "sessions/&lt;id&gt;/ralph-state.json", "target": "sessions/&lt;id&gt;/ralph-state.json",
 *   "original_source": {…}, "retired_source": {…}, "next_target": {…}
 * }</pre>
 *
 * @since 0.1.0
 */
public final class FileTransferJournal implements TransferJournal {
  static final String FILE = ".ralph-resume-transfer.json";
  static final String SCHEMA = "ralph-resume/transfer-journal@1";
  static final String PREPARED = "prepared";

  private final Path file;
  private final AtomicFileWriter writer;

  /**
   * The journal of {@code stateDir}.
   *
   * @param stateDir the state directory; the journal is its {@code .ralph-resume-transfer.json}
   */
  public FileTransferJournal(Path stateDir) {
    this(stateDir, new AtomicFileWriter());
  }

  FileTransferJournal(Path stateDir, AtomicFileWriter writer) {
    this.file = stateDir.resolve(FILE);
    this.writer = writer;
  }

  /** {@return the journal file} */
  public Path file() {
    return file;
  }

  /** Reads the journal file; changes nothing, so dry runs read the real journal too. */
  @Override
  public Optional<JournalEntry> pending() {
    StoredDocument stored = FileRalphStateStore.readDocument(file);
    if (!(stored instanceof StoredDocument.Present present)) return Optional.empty();
    if (!(present.document().root() instanceof JsonObject journal)) return Optional.empty();
    if (!text(journal, "schema").equals(SCHEMA) || !text(journal, "status").equals(PREPARED)) {
      return Optional.empty();
    }
    Optional<OmxSessionId> source = sessionOf(text(journal, "source"));
    Optional<OmxSessionId> target = sessionOf(text(journal, "target"));
    Optional<JsonValue> original = journal.get("original_source");
    Optional<JsonValue> retired = journal.get("retired_source");
    Optional<JsonValue> next = journal.get("next_target");
    if (source.isEmpty()
        || target.isEmpty()
        || original.isEmpty()
        || retired.isEmpty()
        || next.isEmpty()) {
      throw new StateStoreException(
          "the transfer journal "
              + file
              + " is prepared but incomplete; move it aside after"
              + " checking the sessions it names");
    }
    return Optional.of(
        new JournalEntry(
            text(journal, "transfer_id"),
            source.get(),
            target.get(),
            new RalphDocument(original.get()),
            new RalphDocument(retired.get()),
            new RalphDocument(next.get())));
  }

  /** Removes the temp files of dead writers of the journal, next to it in the state dir. */
  @Override
  public void removeCrashLeftovers() {
    AtomicFileWriter.removeLeftovers(file.getParent(), FILE, System.currentTimeMillis());
  }

  @Override
  public void prepare(JournalEntry entry) {
    write(entry, PREPARED);
  }

  @Override
  public void commit(JournalEntry entry) {
    discard();
  }

  @Override
  public void resolve(JournalEntry entry, Recovery.Action action) {
    if (action == Recovery.Action.LEFT_FOR_OPERATOR) {
      // The loop may live only here now: keep it where no later transfer overwrites it.
      Path kept = file.resolveSibling(".ralph-resume-transfer-" + safeId(entry) + ".left.json");
      write(entry, action.wireName(), kept);
    }
    discard();
  }

  private void discard() {
    try {
      Files.deleteIfExists(file);
      AtomicFileWriter.syncDirectory(file.getParent());
    } catch (IOException failure) {
      throw new StateStoreException(
          "cannot remove the transfer journal " + file + ": " + failure.getMessage(), failure);
    }
  }

  private static String safeId(JournalEntry entry) {
    // By hand: a regular expression costs a cold run its engine's set-up.
    StringBuilder safe = new StringBuilder(entry.transferId());
    for (int i = 0; i < safe.length(); i++) {
      char c = safe.charAt(i);
      // [^A-Za-z0-9-] becomes '_'; an '_' may as well stay.
      if (!JsStrings.isWordChar(c) && c != '-') safe.setCharAt(i, '_');
    }
    return safe.toString();
  }

  private void write(JournalEntry entry, String status) {
    write(entry, status, file);
  }

  private void write(JournalEntry entry, String status, Path target) {
    Map<String, JsonValue> members = new LinkedHashMap<>();
    members.put("schema", JsonValue.of(SCHEMA));
    members.put("status", JsonValue.of(status));
    members.put("transfer_id", JsonValue.of(entry.transferId()));
    members.put("updated_at", JsonValue.of(JsDates.toIsoString(System.currentTimeMillis())));
    members.put("source", JsonValue.of(relativeDocument(entry.source())));
    members.put("target", JsonValue.of(relativeDocument(entry.target())));
    members.put("original_source", entry.originalSource().root());
    members.put("retired_source", entry.retiredSource().root());
    members.put("next_target", entry.nextTarget().root());
    byte[] bytes = JsonText.pretty(new JsonObject(members)).getBytes(StandardCharsets.UTF_8);
    try {
      writer.write(target, bytes);
    } catch (IOException failure) {
      throw new StateStoreException(
          "cannot write the transfer journal " + target + ": " + failure.getMessage(), failure);
    }
  }

  static String relativeDocument(OmxSessionId session) {
    return FileRalphStateStore.SESSIONS
        + "/"
        + session.value()
        + "/"
        + FileRalphStateStore.DOCUMENT;
  }

  /** The session a journal path names; only the exact shape we write is accepted. */
  static Optional<OmxSessionId> sessionOf(String relative) {
    String prefix = FileRalphStateStore.SESSIONS + "/";
    String suffix = "/" + FileRalphStateStore.DOCUMENT;
    if (!relative.startsWith(prefix) || !relative.endsWith(suffix)) return Optional.empty();
    String id = relative.substring(prefix.length(), relative.length() - suffix.length());
    return OmxSessionId.parse(id);
  }

  private static String text(JsonObject object, String key) {
    return object
        .get(key)
        .filter(JsonValue.Str.class::isInstance)
        .map(value -> ((JsonValue.Str) value).value())
        .orElse("");
  }
}
