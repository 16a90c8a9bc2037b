package io.github.ralphresume.adapters.fs;

import io.github.ralphresume.domain.js.JsDates;
import io.github.ralphresume.domain.js.JsStrings;
import io.github.ralphresume.domain.json.JsonLimitException;
import io.github.ralphresume.domain.json.JsonObject;
import io.github.ralphresume.domain.json.JsonText;
import io.github.ralphresume.domain.json.JsonValue;
import io.github.ralphresume.domain.model.Fingerprint;
import io.github.ralphresume.domain.model.JournalEntry;
import io.github.ralphresume.domain.model.OmxSessionId;
import io.github.ralphresume.domain.model.RalphDocument;
import io.github.ralphresume.domain.model.Recovery;
import io.github.ralphresume.domain.model.StoredDocument;
import io.github.ralphresume.domain.port.StateStoreException;
import io.github.ralphresume.domain.port.TransferJournal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
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
 *   "original_source": {…}, "retired_source": {…}, "next_target": {…},
 *   "original_source_sha256": "…",
 *   "found_at_source": "…", "found_at_target": "…"     (left for the operator only)
 * }</pre>
 *
 * @since 0.1.0
 */
public final class FileTransferJournal implements TransferJournal {
  static final String FILE = ".ralph-resume-transfer.json";
  static final String SCHEMA = "ralph-resume/transfer-journal@1";
  static final String PREPARED = "prepared";
  static final String LEFT_PREFIX = ".ralph-resume-transfer-";
  static final String LEFT_SUFFIX = ".left.json";

  /** The SHA-256 of the source file's bytes before the transfer (absent in older journals). */
  static final String ORIGINAL_SHA256 = "original_source_sha256";

  /** The journal's directory relative to the state dir: the state dir itself. */
  private static final Path HERE = Path.of("");

  private final Path stateDir;
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
    this.stateDir = stateDir;
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
    StateFiles.Content content = StateFiles.read(file);
    if (content instanceof StateFiles.Unreadable unreadable && unreadable.failed()) {
      // A journal that exists but cannot be read may hold the only copy of a loop: going on as if
      // there were none would let the next transfer replace it.
      throw new StateStoreException(
          "the transfer journal cannot be read (" + unreadable.why() + "); fix or move it aside");
    }
    // A link, a FIFO or a directory there is not a journal of ours (we write regular files only),
    // just as text that is not our JSON is not.
    if (!(content instanceof StateFiles.Bytes bytes)) return Optional.empty();
    StoredDocument stored = FileRalphStateStore.parseDocument(bytes.bytes());
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
    String sha256 = text(journal, ORIGINAL_SHA256);
    return Optional.of(
        new JournalEntry(
            text(journal, "transfer_id"),
            source.get(),
            target.get(),
            new RalphDocument(original.get()),
            new RalphDocument(retired.get()),
            new RalphDocument(next.get()),
            sha256.isEmpty() ? Optional.empty() : Optional.of(new Fingerprint.Bytes(sha256))));
  }

  /** Removes the temp files of dead writers of the journal, next to it in the state dir. */
  @Override
  public void removeCrashLeftovers() {
    writer.removeLeftovers(stateDir, HERE, FILE, System.currentTimeMillis());
  }

  @Override
  public void prepare(JournalEntry entry) {
    write(entry, Optional.empty(), file);
  }

  @Override
  public void commit(JournalEntry entry) {
    discard();
  }

  @Override
  public void resolve(JournalEntry entry, Recovery settled) {
    if (settled.action() == Recovery.Action.LEFT_FOR_OPERATOR) {
      // The loop may live only here now: keep it where no later transfer overwrites it.
      write(entry, Optional.of(settled), leftFile(entry.transferId()));
    }
    discard();
  }

  /**
   * A transfer that recovery left for the operator, as kept in its file.
   *
   * @param file the {@code .left.json} file
   * @param recovery the transfer and what recovery found (for files kept before findings were
   *     recorded: the source retired by the transfer, a foreign target, the only case then)
   */
  public record Left(Path file, Recovery recovery) {}

  /**
   * The transfers recovery left for the operator in this state dir, oldest id first; files that are
   * not such a record (not a regular file, not our JSON) are skipped.
   *
   * @return the transfers left for the operator
   */
  public List<Left> leftForOperator() {
    List<Left> left = new ArrayList<>();
    try (DirectoryStream<Path> entries =
        Files.newDirectoryStream(
            file.getParent(), entry -> isKeptAside(entry.getFileName().toString()))) {
      for (Path entry : entries) leftRecord(entry).ifPresent(left::add);
    } catch (IOException | UncheckedIOException unreadable) {
      // A state dir that cannot be listed has nothing we could show.
    }
    left.sort(Comparator.comparing(l -> l.recovery().transferId()));
    return left;
  }

  /**
   * Whether a state dir entry is named as a journal recovery kept aside ({@code
   * .ralph-resume-transfer-<id>.left.json}), whatever it holds.
   *
   * @param fileName the entry's file name
   * @return whether it has a kept-aside journal's name
   */
  public static boolean isKeptAside(String fileName) {
    return fileName.startsWith(LEFT_PREFIX) && fileName.endsWith(LEFT_SUFFIX);
  }

  private static Optional<Left> leftRecord(Path kept) {
    if (!(FileRalphStateStore.readDocument(kept) instanceof StoredDocument.Present present)
        || !(present.document().root() instanceof JsonObject record)
        || !text(record, "schema").equals(SCHEMA)
        || !text(record, "status").equals(Recovery.Action.LEFT_FOR_OPERATOR.wireName())) {
      return Optional.empty();
    }
    Optional<OmxSessionId> source = sessionOf(text(record, "source"));
    Optional<OmxSessionId> target = sessionOf(text(record, "target"));
    if (source.isEmpty() || target.isEmpty()) return Optional.empty();
    return Optional.of(
        new Left(
            kept,
            new Recovery(
                text(record, "transfer_id"),
                Recovery.Action.LEFT_FOR_OPERATOR,
                source.get(),
                target.get(),
                found(text(record, "found_at_source"), Recovery.Found.RETIRED_SOURCE),
                found(text(record, "found_at_target"), Recovery.Found.FOREIGN))));
  }

  private static Recovery.Found found(String wireName, Recovery.Found before) {
    for (Recovery.Found found : Recovery.Found.values()) {
      if (found.wireName().equals(wireName)) return found;
    }
    return before;
  }

  /**
   * Where a transfer that recovery left for the operator is kept.
   *
   * @param transferId the transfer's id
   * @return its {@code .ralph-resume-transfer-<id>.left.json} next to the journal
   */
  public Path leftFile(String transferId) {
    return file.resolveSibling(LEFT_PREFIX + safeId(transferId) + LEFT_SUFFIX);
  }

  private void discard() {
    try {
      writer.delete(stateDir, HERE, FILE);
    } catch (IOException failure) {
      throw new StateStoreException(
          "cannot remove the transfer journal " + file + ": " + failure.getMessage(), failure);
    }
  }

  private static String safeId(String transferId) {
    // By hand: a regular expression costs a cold run its engine's set-up.
    StringBuilder safe = new StringBuilder(transferId);
    for (int i = 0; i < safe.length(); i++) {
      char c = safe.charAt(i);
      // [^A-Za-z0-9-] becomes '_'; an '_' may as well stay.
      if (!JsStrings.isWordChar(c) && c != '-') safe.setCharAt(i, '_');
    }
    return safe.toString();
  }

  private void write(JournalEntry entry, Optional<Recovery> settled, Path target) {
    Map<String, JsonValue> members = new LinkedHashMap<>();
    members.put("schema", JsonValue.of(SCHEMA));
    members.put("status", JsonValue.of(settled.map(r -> r.action().wireName()).orElse(PREPARED)));
    members.put("transfer_id", JsonValue.of(entry.transferId()));
    members.put("updated_at", JsonValue.of(JsDates.toIsoString(System.currentTimeMillis())));
    members.put("source", JsonValue.of(relativeDocument(entry.source())));
    members.put("target", JsonValue.of(relativeDocument(entry.target())));
    members.put("original_source", entry.originalSource().root());
    members.put("retired_source", entry.retiredSource().root());
    members.put("next_target", entry.nextTarget().root());
    entry
        .originalFingerprint()
        .ifPresent(bytes -> members.put(ORIGINAL_SHA256, JsonValue.of(bytes.sha256())));
    settled.ifPresent(
        recovery -> {
          members.put("found_at_source", JsonValue.of(recovery.atSource().wireName()));
          members.put("found_at_target", JsonValue.of(recovery.atTarget().wireName()));
        });
    JsonObject journal = new JsonObject(members);
    try {
      writer.write(
          stateDir,
          HERE,
          target.getFileName().toString(),
          channel -> JsonText.prettyUtf8(journal, channel, false));
    } catch (IOException | JsonLimitException failure) {
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
