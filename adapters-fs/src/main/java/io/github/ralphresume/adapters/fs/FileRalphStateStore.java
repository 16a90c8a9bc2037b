package io.github.ralphresume.adapters.fs;

import io.github.ralphresume.domain.js.JsStrings;
import io.github.ralphresume.domain.json.JsonLimitException;
import io.github.ralphresume.domain.json.JsonObject;
import io.github.ralphresume.domain.json.JsonText;
import io.github.ralphresume.domain.json.JsonValue;
import io.github.ralphresume.domain.model.Fingerprint;
import io.github.ralphresume.domain.model.OmxSessionId;
import io.github.ralphresume.domain.model.RalphDocument;
import io.github.ralphresume.domain.model.StoredDocument;
import io.github.ralphresume.domain.port.RalphStateStore;
import io.github.ralphresume.domain.port.StateStoreException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The state store over {@code <stateDir>/sessions/<id>/ralph-state.json}, reading and writing the
 * original's files byte for byte.
 *
 * @since 0.1.0
 */
public final class FileRalphStateStore implements RalphStateStore {
  static final String SESSIONS = "sessions";
  static final String DOCUMENT = "ralph-state.json";
  private static final StoredDocument NOT_JSON = new StoredDocument.Unreadable("not valid JSON");

  private final Path stateDir;
  private final String stateDirText;
  private final AtomicFileWriter writer;

  /**
   * A store over {@code stateDir}.
   *
   * @param stateDir the state directory as the user gave it; paths in results are built from this
   *     text exactly as the original builds them
   */
  public FileRalphStateStore(Path stateDir) {
    this(stateDir, new AtomicFileWriter());
  }

  FileRalphStateStore(Path stateDir, AtomicFileWriter writer) {
    this.stateDir = stateDir;
    this.stateDirText = stateDir.toString();
    this.writer = writer;
  }

  /** {@return the state directory} */
  public Path stateDir() {
    return stateDir;
  }

  Path sessionDir(OmxSessionId session) {
    return stateDir.resolve(SESSIONS).resolve(session.value());
  }

  Path documentFile(OmxSessionId session) {
    return sessionDir(session).resolve(DOCUMENT);
  }

  @Override
  public Stream<OmxSessionId> sessions() {
    Path root = stateDir.resolve(SESSIONS);
    if (!Files.exists(root)) return Stream.empty();
    DirectoryStream<Path> entries;
    try {
      entries = Files.newDirectoryStream(root);
    } catch (IOException unreadable) {
      // The original treats an unreadable sessions directory as holding no sessions.
      return Stream.empty();
    }
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(entries.iterator(), Spliterator.NONNULL), false)
        .onClose(() -> closeQuietly(entries))
        .map(FileRalphStateStore::sessionOf)
        .flatMap(Optional::stream);
  }

  /** A real directory (not a link to one) whose name is a valid id. */
  private static Optional<OmxSessionId> sessionOf(Path entry) {
    // Links are skipped as the original skips them (its Dirent is not a directory).
    String name = entry.getFileName().toString();
    if (!OmxSessionId.isValid(name)) return Optional.empty();
    if (!Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) return Optional.empty();
    return Optional.of(new OmxSessionId(name));
  }

  @Override
  public boolean sessionExists(OmxSessionId session) {
    return Files.exists(sessionDir(session));
  }

  @Override
  public StoredDocument read(OmxSessionId session) {
    Optional<String> unsafe = unsafeDirectories(session);
    if (unsafe.isPresent()) return new StoredDocument.Unreadable(unsafe.get());
    return content(StateFiles.read(documentFile(session)), FileRalphStateStore::parseForJudging);
  }

  @Override
  public Fingerprint fingerprint(OmxSessionId session) {
    Optional<String> unsafe = unsafeDirectories(session);
    if (unsafe.isPresent()) return new Fingerprint.Unreadable(unsafe.get());
    return StateFiles.fingerprint(documentFile(session));
  }

  /** The sessions directory or the session's directory is a symbolic link. */
  private Optional<String> unsafeDirectories(OmxSessionId session) {
    Path sessions = stateDir.resolve(SESSIONS);
    if (Files.isSymbolicLink(sessions)) return Optional.of(sessions + " is a symbolic link");
    Path dir = sessionDir(session);
    if (Files.isSymbolicLink(dir)) return Optional.of(dir + " is a symbolic link");
    return Optional.empty();
  }

  /**
   * Why the session's document may not be used, if it may not: it is a symbolic link, or its
   * session directory (or the sessions directory) is one. The original follows such links; a link
   * can point a write at any file the user can write, so we neither read nor write through one.
   */
  Optional<String> unsafePath(OmxSessionId session) {
    Optional<String> directories = unsafeDirectories(session);
    if (directories.isPresent()) return directories;
    Path file = sessionDir(session).resolve(DOCUMENT);
    if (Files.isSymbolicLink(file)) return Optional.of(file + " is a symbolic link");
    return Optional.empty();
  }

  /** Reads one document file as the original does (but never through a link, never blocking). */
  static StoredDocument readDocument(Path file) {
    return content(StateFiles.read(file), FileRalphStateStore::parseDocument);
  }

  private static StoredDocument content(
      StateFiles.Content content, java.util.function.Function<byte[], StoredDocument> parse) {
    if (content instanceof StateFiles.Bytes bytes) {
      if (longerThanJavaScriptReads(bytes.bytes())) return TOO_LONG;
      return parse.apply(bytes.bytes());
    }
    if (content instanceof StateFiles.Unreadable unreadable) {
      return new StoredDocument.Unreadable(unreadable.why());
    }
    return StoredDocument.MISSING;
  }

  static StoredDocument parseDocument(byte[] bytes) {
    Optional<JsonValue> parsed = JavaScriptJson.parse(bytes);
    if (parsed.isEmpty()) return NOT_JSON;
    return present(parsed.get());
  }

  /**
   * Checks the whole text but builds only the rule fields: most documents a scan reads are judged
   * and dropped, and only one that is rewritten needs its other members (parsed then from the same
   * bytes, so what is written is what was judged).
   */
  private static StoredDocument parseForJudging(byte[] bytes) {
    Optional<JavaScriptJson.Members> parsed =
        JavaScriptJson.members(bytes, RalphDocument.RULE_FIELDS);
    if (parsed.isEmpty()) return NOT_JSON;
    if (parsed.get().notAnObject() != null) return present(parsed.get().notAnObject());
    long values = parsed.get().values();
    return new StoredDocument.Present(
        RalphDocument.deferred(
            parsed.get().members(),
            () -> {
              // Counted while judging: a document too large for the heap fails here, clearly.
              JavaScriptJson.requireMemoryFor(values, bytes.length);
              if (JavaScriptJson.parseChecked(bytes).orElse(null) instanceof JsonObject whole) {
                return whole;
              }
              throw new IllegalStateException("validated document text no longer parses");
            }));
  }

  /**
   * The original reads a file into one JavaScript string; longer than the longest one, {@code
   * readFile} fails and the file counts as no document. A UTF-8 file decodes to at most as many
   * UTF-16 units as it has bytes, so only longer files are counted.
   */
  private static boolean longerThanJavaScriptReads(byte[] bytes) {
    return bytes.length > JsStrings.MAX_LENGTH && Utf8.utf16Length(bytes) > JsStrings.MAX_LENGTH;
  }

  private static final StoredDocument TOO_LONG =
      new StoredDocument.Unreadable(
          "longer than JavaScript's longest string ("
              + JsStrings.MAX_LENGTH
              + " characters), so the original cannot read it either");

  private static StoredDocument present(JsonValue root) {
    if (!root.truthy()) {
      return new StoredDocument.Unreadable("a JSON value that counts as no document");
    }
    return new StoredDocument.Present(new RalphDocument(root));
  }

  @Override
  public OptionalDouble modifiedMillis(OmxSessionId session) {
    try {
      BasicFileAttributes attributes =
          Files.readAttributes(documentFile(session), BasicFileAttributes.class);
      return OptionalDouble.of(epochMillis(attributes.lastModifiedTime()));
    } catch (IOException gone) {
      return OptionalDouble.empty();
    }
  }

  /** Node's {@code mtimeMs}: seconds × 1e3 + nanoseconds / 1e6, as a double. */
  static double epochMillis(FileTime time) {
    Instant instant = time.toInstant();
    return instant.getEpochSecond() * 1e3 + instant.getNano() / 1e6;
  }

  @Override
  public void write(OmxSessionId session, RalphDocument document) {
    Path file = documentFile(session);
    Optional<String> unsafe = unsafePath(session);
    if (unsafe.isPresent()) {
      throw new StateStoreException("refusing to write " + file + ": " + unsafe.get());
    }
    try {
      Files.createDirectories(file.getParent());
      // Streamed into the temp file: a large document is never held as text or bytes.
      writer.write(
          stateDir,
          sessionRelative(session),
          DOCUMENT,
          channel -> JsonText.prettyUtf8(document.root(), channel));
    } catch (IOException | JsonLimitException failure) {
      throw new StateStoreException("cannot write " + file + ": " + failure.getMessage(), failure);
    }
  }

  /** The session's directory relative to the state dir. */
  private static Path sessionRelative(OmxSessionId session) {
    return Path.of(SESSIONS, session.value());
  }

  @Override
  public void prepareSession(OmxSessionId session) {
    Path dir = sessionDir(session);
    Optional<String> unsafe = unsafePath(session);
    if (unsafe.isPresent()) {
      throw new StateStoreException("refusing to prepare " + dir + ": " + unsafe.get());
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException failure) {
      throw new StateStoreException("cannot create " + dir + ": " + failure.getMessage(), failure);
    }
  }

  @Override
  public void delete(OmxSessionId session) {
    Path file = documentFile(session);
    try {
      writer.delete(stateDir, sessionRelative(session), DOCUMENT);
    } catch (IOException failure) {
      throw new StateStoreException("cannot remove " + file + ": " + failure.getMessage(), failure);
    }
  }

  @Override
  public void removeCrashLeftovers(OmxSessionId session) {
    if (unsafePath(session).isPresent()) return;
    writer.removeLeftovers(
        stateDir, sessionRelative(session), DOCUMENT, System.currentTimeMillis());
  }

  @Override
  public String documentPath(OmxSessionId session) {
    return NodePaths.join(stateDirText, SESSIONS, session.value(), DOCUMENT);
  }

  private static void closeQuietly(DirectoryStream<Path> entries) {
    try {
      entries.close();
    } catch (IOException ignored) {
      // Closing a directory handle that was only read cannot lose data.
    }
  }
}
