package io.github.ralphresume.adapters.fs;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import io.github.ralphresume.domain.js.JsStrings;
import io.github.ralphresume.domain.json.JsonLimitException;
import io.github.ralphresume.domain.json.JsonText;
import io.github.ralphresume.domain.json.JsonValue;
import io.github.ralphresume.domain.model.CandidateQuery;
import io.github.ralphresume.domain.model.Fingerprint;
import io.github.ralphresume.domain.model.OmxSessionId;
import io.github.ralphresume.domain.model.RalphDocument;
import io.github.ralphresume.domain.model.SessionDocument;
import io.github.ralphresume.domain.model.StoredDocument;
import io.github.ralphresume.domain.port.RalphStateStore;
import io.github.ralphresume.domain.port.StateStoreException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
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
  private final Path sessionsDir;
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
    this.sessionsDir = stateDir.resolve(SESSIONS);
    this.stateDirText = stateDir.toString();
    this.writer = writer;
  }

  /** {@return the state directory} */
  public Path stateDir() {
    return stateDir;
  }

  Path sessionsDir() {
    return sessionsDir;
  }

  Path sessionDir(OmxSessionId session) {
    return sessionsDir.resolve(session.value());
  }

  Path documentFile(OmxSessionId session) {
    // One path made per document instead of three: a scan makes thousands.
    return sessionsDir.resolve(session.value() + "/" + DOCUMENT);
  }

  @Override
  public Stream<OmxSessionId> sessions() {
    // Links are skipped as the original skips them (its Dirent is not a directory).
    return names().filter(session -> Files.isDirectory(sessionDir(session), NOFOLLOW_LINKS));
  }

  /** The entries of the sessions dir whose names are valid ids, whatever they are. */
  private Stream<OmxSessionId> names() {
    Path root = sessionsDir;
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
        .map(entry -> OmxSessionId.parse(entry.getFileName().toString()))
        .flatMap(Optional::stream);
  }

  /**
   * Reads ahead in batches, in parallel, and leaves out every document whose bytes prove that the
   * query cannot claim it ({@link CandidateBytes}): those are neither parsed nor yielded. What may
   * be claimed is read again through {@link #read}, so it is judged exactly as {@code read} returns
   * it. Missing and unreadable documents, and entries that are not real session directories, are
   * claimed by nobody and left out too.
   */
  @Override
  public Stream<SessionDocument> candidates(OmxSessionId current, CandidateQuery query) {
    // A payload without ids claims nothing; read() refuses every document under a linked
    // sessions dir, so none of those can be claimed either.
    if (query.keys().isEmpty() || Files.isSymbolicLink(sessionsDir)) return Stream.empty();
    CandidateBytes filter = CandidateBytes.of(query);
    return ReadAhead.map(
        names().filter(session -> !session.equals(current)), session -> candidate(session, filter));
  }

  private Optional<SessionDocument> candidate(OmxSessionId session, CandidateBytes filter) {
    // No look at the entry's type first: whatever it is, bytes that cannot be claimed are left
    // out, and most are. A link on the way only matters for what may be claimed, checked below.
    // Missing, unreadable and too long documents are claimed by nobody.
    if (!(StateFiles.read(documentFile(session)) instanceof StateFiles.Bytes content)) {
      return Optional.empty();
    }
    byte[] bytes = content.bytes();
    if (longerThanJavaScriptReads(bytes) || !filter.mayBeClaimed(bytes, bytes.length)) {
      return Optional.empty();
    }
    if (!Files.isDirectory(sessionDir(session), NOFOLLOW_LINKS)) return Optional.empty();
    return Optional.of(new SessionDocument(session, read(session)));
  }

  @Override
  public boolean sessionExists(OmxSessionId session) {
    return Files.exists(sessionDir(session));
  }

  @Override
  public StoredDocument read(OmxSessionId session) {
    Optional<String> unsafe = unsafeDirectories(session);
    if (unsafe.isPresent()) return new StoredDocument.Unreadable(unsafe.get());
    return content(StateFiles.read(documentFile(session)), FileRalphStateStore::parseDocument);
  }

  @Override
  public Fingerprint fingerprint(OmxSessionId session) {
    Optional<String> unsafe = unsafeDirectories(session);
    if (unsafe.isPresent()) return new Fingerprint.Unreadable(unsafe.get());
    return StateFiles.fingerprint(documentFile(session));
  }

  /** The sessions directory or the session's directory is a symbolic link. */
  private Optional<String> unsafeDirectories(OmxSessionId session) {
    Path sessions = sessionsDir;
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

  /**
   * What {@link #storedBytes} found.
   *
   * @since 0.1.0
   */
  public sealed interface StoredBytes {
    /**
     * The document file's bytes, exactly as stored.
     *
     * @param bytes the whole file
     */
    record Bytes(byte[] bytes) implements StoredBytes {}

    /**
     * No such session, no document in it, or a document that is not a regular file.
     *
     * @param why a one-line reason naming the session
     */
    record NotFound(String why) implements StoredBytes {}

    /**
     * A symbolic link on the way, which is not followed.
     *
     * @param what the link, relative to the state dir ({@code sessions}, {@code sessions/<id>} or
     *     {@code sessions/<id>/ralph-state.json})
     */
    record Link(String what) implements StoredBytes {}
  }

  /**
   * The session's document exactly as stored, to hand out as it is. Links are refused, as {@link
   * #read} refuses them (a link could serve any file this process can read), and so are files that
   * are not regular (opening a FIFO would block).
   *
   * @param session the session
   * @return its bytes, or why there are none
   * @throws StateStoreException when the file is there but cannot be read
   */
  public StoredBytes storedBytes(OmxSessionId session) {
    Path dir = sessionDir(session);
    Path file = documentFile(session);
    String shown = SESSIONS + "/" + session.value();
    String document = shown + "/" + DOCUMENT;
    if (Files.isSymbolicLink(sessionsDir())) return new StoredBytes.Link(SESSIONS);
    if (Files.isSymbolicLink(dir)) return new StoredBytes.Link(shown);
    if (!Files.isDirectory(dir, NOFOLLOW_LINKS)) {
      return new StoredBytes.NotFound("there is no session " + session.value());
    }
    StateFiles.Content content = StateFiles.read(file);
    if (content instanceof StateFiles.Bytes bytes) return new StoredBytes.Bytes(bytes.bytes());
    if (content instanceof StateFiles.Missing) {
      return new StoredBytes.NotFound("session " + session.value() + " has no " + DOCUMENT);
    }
    StateFiles.Unreadable unreadable = (StateFiles.Unreadable) content;
    if (Files.isSymbolicLink(file)) return new StoredBytes.Link(document);
    if (unreadable.failed()) throw new StateStoreException(unreadable.why());
    if (!Files.isRegularFile(file, NOFOLLOW_LINKS)) {
      return new StoredBytes.NotFound(document + " is not a regular file");
    }
    return new StoredBytes.NotFound(unreadable.why());
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
