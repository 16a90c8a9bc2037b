package io.github.ralphresume.app.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
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
   * new random token, readable by its owner only, when it does not exist.
   *
   * @throws UsageException when the variable or the file holds no usable token, or the file is a
   *     link, not a regular file, or readable by others
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
    try {
      String created = generate();
      create(file, created);
      return new Loaded(new ApiToken(sha256(created)), "in " + file + " (created, mode 0600)");
    } catch (FileAlreadyExistsException exists) {
      return new Loaded(new ApiToken(sha256(read(file))), "in " + file);
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

  private static void create(Path file, String token) throws IOException {
    Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    FileAttribute<?>[] ownerOnly =
        posix()
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
            : new FileAttribute<?>[0];
    // CREATE_NEW never follows a link and loses no race: a second server reads the first's file.
    try (SeekableByteChannel channel = Files.newByteChannel(file, options, ownerOnly)) {
      ByteBuffer bytes = ByteBuffer.wrap((token + "\n").getBytes(StandardCharsets.US_ASCII));
      while (bytes.hasRemaining()) channel.write(bytes);
    }
  }

  private static String read(Path file) {
    try {
      Class<? extends BasicFileAttributes> view =
          posix() ? PosixFileAttributes.class : BasicFileAttributes.class;
      BasicFileAttributes attributes = Files.readAttributes(file, view, LinkOption.NOFOLLOW_LINKS);
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
              Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
          InputStream in = Channels.newInputStream(channel)) {
        token = new String(in.readNBytes(4096), StandardCharsets.UTF_8).strip();
      }
      if (!isWellFormed(token)) {
        throw new UsageException(
            "the token file " + file + " holds no usable token; delete it to have a new one made");
      }
      return token;
    } catch (IOException failure) {
      throw new UsageException("cannot read the token file " + file + ": " + failure.getMessage());
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
