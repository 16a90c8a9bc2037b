package io.github.ralphresume.app.http;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The bearer token every {@code /v1} request must present. Only its SHA-256 is kept, and a
 * presented token is compared by digest with {@link MessageDigest#isEqual}, so the comparison takes
 * the same time whatever the token's length or how much of it matches.
 */
final class ApiToken {
  /** The variable that supplies the token instead of the token file. */
  static final String VARIABLE = "RALPH_RESUME_HTTP_TOKEN";

  /** The token file's name beside the state dir, inside {@code .omx}. */
  static final String DEFAULT_FILE_NAME = "ralph-resume-http.token";

  /** Shorter tokens from the environment are refused: they could be guessed. */
  static final int MIN_LENGTH = 16;

  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  private final byte[] digest;

  private ApiToken(byte[] digest) {
    this.digest = digest;
  }

  /**
   * A token and where the operator finds it, for the start-up line (never the token itself).
   *
   * @param token the token
   * @param whereabouts e.g. {@code in /p/.omx/ralph-resume-http.token (created)}
   */
  record Loaded(ApiToken token, String whereabouts) {}

  /** The token {@code text}; it must be at least {@link #MIN_LENGTH} visible ASCII characters. */
  static ApiToken of(String text) {
    if (!isWellFormed(text)) {
      throw new IllegalArgumentException(
          "a token is at least " + MIN_LENGTH + " visible ASCII characters, without spaces");
    }
    return new ApiToken(sha256(text));
  }

  /** Whether {@code presented} is this token; constant time. */
  boolean matches(String presented) {
    return presented != null && MessageDigest.isEqual(digest, sha256(presented));
  }

  /**
   * The token from {@code RALPH_RESUME_HTTP_TOKEN}, else from {@code file}, which is created with a
   * new random token, readable by its owner only, when it does not exist. Neither the file nor its
   * directory may be a symbolic link: the directory is opened without following one, and the file
   * is created and read relative to it without following one, so a link swapped in after a check is
   * refused too.
   *
   * @throws UsageException when the variable or the file holds no usable token, or the file or its
   *     directory is a link, or the file is not a regular file or is readable by others
   */
  static Loaded load(Map<String, String> environment, Path file) {
    String fromEnvironment = environment.getOrDefault(VARIABLE, "").strip();
    if (!fromEnvironment.isEmpty()) {
      if (!isWellFormed(fromEnvironment)) {
        throw new UsageException(
            VARIABLE
                + " must be at least "
                + MIN_LENGTH
                + " visible ASCII characters without spaces");
      }
      return new Loaded(new ApiToken(sha256(fromEnvironment)), "from $" + VARIABLE);
    }
    try (TokenDirectory directory = TokenDirectory.open(file)) {
      try {
        String created = generate();
        directory.create(created);
        return new Loaded(new ApiToken(sha256(created)), "in " + file + " (created, mode 0600)");
      } catch (FileAlreadyExistsException exists) {
        return new Loaded(new ApiToken(sha256(directory.read())), "in " + file);
      }
    } catch (NoSuchFileException noDirectory) {
      throw new UsageException(
          "cannot create the token file " + file + ": its directory does not exist");
    } catch (IOException failure) {
      throw new UsageException(
          "cannot create the token file " + file + ": " + failure.getMessage());
    }
  }

  /** 32 random bytes, base64url without padding: 43 characters. */
  static String generate() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * The token file's directory, held open: on Linux a {@link SecureDirectoryStream} opened from its
   * parent with {@code O_NOFOLLOW}, through which the file is created and read ({@code openat},
   * {@code fstatat}) without following links. Where the platform has no such stream, the same
   * checks are made by path.
   */
  private static final class TokenDirectory implements Closeable {
    private final Path file;
    private final Path name;
    private final SecureDirectoryStream<Path> secure;

    private TokenDirectory(Path file, SecureDirectoryStream<Path> secure) {
      this.file = file;
      this.name = file.getFileName();
      this.secure = secure;
    }

    static TokenDirectory open(Path file) throws IOException {
      Path absolute = file.toAbsolutePath();
      Path directory = absolute.getParent();
      if (directory == null || absolute.getFileName() == null) {
        throw new UsageException("the token file " + file + " names no file");
      }
      Path parent = directory.getParent();
      if (parent == null) {
        // The root directory is never a link.
        return new TokenDirectory(absolute, secure(Files.newDirectoryStream(directory)));
      }
      DirectoryStream<Path> above;
      try {
        above = Files.newDirectoryStream(parent);
      } catch (AccessDeniedException unlistable) {
        above = null;
      }
      if (above instanceof SecureDirectoryStream<Path> secureAbove) {
        try (secureAbove) {
          Path directoryName = directory.getFileName();
          BasicFileAttributes attributes =
              secureAbove
                  .getFileAttributeView(
                      directoryName, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                  .readAttributes();
          if (attributes.isSymbolicLink()) throw linkedDirectory(file, directory);
          if (!attributes.isDirectory()) {
            throw new UsageException(
                "the token file's directory " + directory + " is not a directory");
          }
          try {
            return new TokenDirectory(
                absolute, secureAbove.newDirectoryStream(directoryName, LinkOption.NOFOLLOW_LINKS));
          } catch (FileSystemException swapped) {
            // ELOOP: it became a link after the check.
            if (Files.isSymbolicLink(directory)) throw linkedDirectory(file, directory);
            throw swapped;
          }
        }
      }
      if (above != null) above.close();
      // Nothing relative to a descriptor here (an unlistable parent, or no secure streams on this
      // platform): the same checks by path.
      if (Files.isSymbolicLink(directory)) throw linkedDirectory(file, directory);
      return new TokenDirectory(absolute, null);
    }

    private static SecureDirectoryStream<Path> secure(DirectoryStream<Path> stream)
        throws IOException {
      if (stream instanceof SecureDirectoryStream<Path> secure) return secure;
      stream.close();
      return null;
    }

    private static UsageException linkedDirectory(Path file, Path directory) {
      return new UsageException(
          "the token file "
              + file
              + " is in "
              + directory
              + ", a symbolic link; refusing to keep the token through it (give --token-file in a"
              + " real directory, or set "
              + VARIABLE
              + ")");
    }

    /** Creates the file exclusively, mode 0600 from its first instant, with {@code token}. */
    void create(String token) throws IOException {
      Set<OpenOption> options =
          Set.of(
              StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
      FileAttribute<?>[] ownerOnly =
          posix()
              ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
              : new FileAttribute<?>[0];
      // O_CREAT|O_EXCL never follows a link and loses no race: a second server reads the first's
      // file. The mode is given to open itself, so the file is never readable by others.
      try (SeekableByteChannel channel =
          secure != null
              ? secure.newByteChannel(name, options, ownerOnly)
              : Files.newByteChannel(file, options, ownerOnly)) {
        try {
          ByteBuffer bytes = ByteBuffer.wrap((token + "\n").getBytes(StandardCharsets.US_ASCII));
          while (bytes.hasRemaining()) channel.write(bytes);
          if (channel instanceof FileChannel durable) durable.force(true);
        } catch (IOException failure) {
          // An empty token file would stop every later start; leave none behind.
          if (secure != null) {
            secure.deleteFile(name);
          } else {
            Files.deleteIfExists(file);
          }
          throw failure;
        }
      }
    }

    /** The token in the existing file, after checking what the file is. */
    String read() {
      try {
        Class<? extends BasicFileAttributes> type =
            posix() ? PosixFileAttributes.class : BasicFileAttributes.class;
        BasicFileAttributes attributes;
        if (secure == null) {
          attributes = Files.readAttributes(file, type, LinkOption.NOFOLLOW_LINKS);
        } else if (posix()) {
          attributes =
              secure
                  .getFileAttributeView(
                      name, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                  .readAttributes();
        } else {
          attributes =
              secure
                  .getFileAttributeView(
                      name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                  .readAttributes();
        }
        if (attributes.isSymbolicLink()) {
          throw new UsageException("the token file " + file + " is a symbolic link; refusing it");
        }
        if (!attributes.isRegularFile()) {
          throw new UsageException("the token file " + file + " is not a regular file");
        }
        if (attributes instanceof PosixFileAttributes posix
            && !OWNER_ONLY.containsAll(posix.permissions())) {
          throw new UsageException(
              "the token file "
                  + file
                  + " is open to others ("
                  + PosixFilePermissions.toString(posix.permissions())
                  + "); run chmod 600 "
                  + file);
        }
        String token;
        try (SeekableByteChannel channel =
                secure != null
                    ? secure.newByteChannel(
                        name, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))
                    : Files.newByteChannel(
                        file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
            InputStream in = Channels.newInputStream(channel)) {
          token = new String(in.readNBytes(4096), StandardCharsets.UTF_8).strip();
        }
        if (!isWellFormed(token)) {
          throw new UsageException(
              "the token file "
                  + file
                  + " holds no usable token; delete it to have a new one made");
        }
        return token;
      } catch (IOException failure) {
        throw new UsageException(
            "cannot read the token file " + file + ": " + failure.getMessage());
      }
    }

    @Override
    public void close() throws IOException {
      if (secure != null) secure.close();
    }
  }

  private static boolean isWellFormed(String text) {
    if (text == null || text.length() < MIN_LENGTH || text.length() > 4096) return false;
    return text.chars().allMatch(c -> c > 0x20 && c < 0x7f);
  }

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("every Java platform has SHA-256", impossible);
    }
  }

  @Override
  public String toString() {
    return "ApiToken[redacted]";
  }
}
