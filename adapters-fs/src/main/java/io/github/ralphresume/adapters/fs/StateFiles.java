package io.github.ralphresume.adapters.fs;

import io.github.ralphresume.domain.model.Fingerprint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Reads the state dir's files (the Ralph documents, {@code session.json}, the transfer journal) as
 * a reconcile may: never through a symbolic link, and never blocking.
 *
 * <p>Java cannot open a file with {@code O_NONBLOCK}, and opening a FIFO for reading blocks until a
 * writer comes. So the file's type is read first without following links ({@code lstat}), and only
 * a regular file is opened, with {@code O_NOFOLLOW}; a FIFO, a socket, a device or a directory is
 * unreadable, with the reason. What remains is a race: a regular file replaced by a FIFO between
 * that check and the open still blocks the open (Java offers no {@code fstat} of an open channel to
 * check afterwards either). Only someone who can already write the state dir can do that, and the
 * reconcile's deadline bounds it: the lock stops being kept fresh and the command gives up.
 */
final class StateFiles {
  private StateFiles() {}

  /** Node's {@code readFile} refuses a file of 2 GiB or more ({@code kIoMaxLength}). */
  static final long MAX_FILE_BYTES = Integer.MAX_VALUE;

  /** What reading a state file found. */
  sealed interface Content {}

  /** No file there (or, as for {@code existsSync}, its path cannot be looked at). */
  record Missing() implements Content {}

  /**
   * Something that is not read.
   *
   * @param why the reason, naming the file
   * @param failed whether reading a regular file failed (an I/O or permission error), as opposed to
   *     a link or a special file that is deliberately not opened
   */
  record Unreadable(String why, boolean failed) implements Content {}

  /**
   * A regular file's bytes.
   *
   * @param bytes the whole file
   */
  record Bytes(byte[] bytes) implements Content {}

  private static final Missing MISSING = new Missing();

  private static final int READ_CHUNK = 1 << 20;

  /** The whole file, if it is a regular file that is not a link. */
  static Content read(Path file) {
    Opened opened = open(file);
    if (!(opened instanceof Readable readable)) return opened.content();
    try (SeekableByteChannel channel = readable.channel()) {
      return new Bytes(readFully(channel, readable.size(), file));
    } catch (TooLarge tooLarge) {
      return new Unreadable(tooLarge.getMessage(), false);
    } catch (IOException | UncheckedIOException unreadable) {
      return new Unreadable(file + " cannot be read: " + unreadable.getMessage(), true);
    }
  }

  /** The file's fingerprint, its bytes streamed through SHA-256 (never held whole). */
  static Fingerprint fingerprint(Path file) {
    Opened opened = open(file);
    if (!(opened instanceof Readable readable)) {
      return opened.content() instanceof Unreadable unreadable
          ? new Fingerprint.Unreadable(unreadable.why())
          : Fingerprint.MISSING;
    }
    MessageDigest digest = Fingerprint.sha256();
    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    try (SeekableByteChannel channel = readable.channel()) {
      while (channel.read(buffer) >= 0) {
        buffer.flip();
        digest.update(buffer);
        buffer.clear();
      }
    } catch (IOException | UncheckedIOException unreadable) {
      return new Fingerprint.Unreadable(file + " cannot be read: " + unreadable.getMessage());
    }
    return Fingerprint.of(digest);
  }

  /** An open regular file, or why none was opened. */
  private sealed interface Opened {
    Content content();
  }

  private record NotOpened(Content content) implements Opened {}

  private record Readable(SeekableByteChannel channel, long size) implements Opened {
    @Override
    public Content content() {
      throw new IllegalStateException("an open file has no content of its own");
    }
  }

  private static Opened open(Path file) {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException | UncheckedIOException absent) {
      // existsSync is false for every stat error (no such file, a file where a directory should
      // be, no permission to look), and the original then counts the document as missing.
      return new NotOpened(MISSING);
    }
    if (attributes.isSymbolicLink()) {
      return new NotOpened(new Unreadable(file + " is a symbolic link", false));
    }
    if (attributes.isDirectory()) {
      return new NotOpened(new Unreadable(file + " is a directory", false));
    }
    if (!attributes.isRegularFile()) {
      return new NotOpened(
          new Unreadable(
              file + " is " + kind(file) + ", not a regular file (not opened: it could block)",
              false));
    }
    if (attributes.size() > MAX_FILE_BYTES) {
      return new NotOpened(new Unreadable(tooLarge(file), false));
    }
    try {
      return new Readable(
          Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS),
          attributes.size());
    } catch (NoSuchFileException gone) {
      return new NotOpened(MISSING);
    } catch (IOException | UncheckedIOException unreadable) {
      return new NotOpened(
          new Unreadable(file + " cannot be opened: " + unreadable.getMessage(), true));
    }
  }

  /** What kind of special file it is, from the {@code unix} view's mode where there is one. */
  private static String kind(Path file) {
    try {
      int mode = (Integer) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS);
      return switch (mode & 0170000) {
        case 0010000 -> "a FIFO (named pipe)";
        case 0140000 -> "a socket";
        case 0020000 -> "a character device";
        case 0060000 -> "a block device";
        default -> "a special file";
      };
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException unknown) {
      return "a special file";
    }
  }

  /**
   * Reads to the end of the file into an array of its size (as the type check found it), so a large
   * document is held once, not in a buffer grown by doubling and then copied; the array grows only
   * when the file grew meanwhile.
   */
  private static byte[] readFully(SeekableByteChannel channel, long size, Path file)
      throws IOException {
    byte[] bytes = new byte[(int) Math.max(size, 0)];
    int filled = fill(channel, bytes, 0);
    if (filled < bytes.length) return Arrays.copyOf(bytes, filled);
    ByteBuffer probe = ByteBuffer.allocate(8192);
    while (channel.read(probe) >= 0) {
      if (probe.position() == 0) continue;
      // It grew since it was looked at: keep reading, doubling.
      probe.flip();
      long grown = Math.max(bytes.length * 2L, bytes.length + (long) probe.remaining());
      if (bytes.length + (long) probe.remaining() > MAX_FILE_BYTES) {
        throw new TooLarge(tooLarge(file));
      }
      byte[] larger = Arrays.copyOf(bytes, (int) Math.min(grown, MAX_FILE_BYTES));
      probe.get(larger, filled, probe.remaining());
      filled = fill(channel, larger, bytes.length + probe.limit());
      bytes = larger;
      if (filled < bytes.length) return Arrays.copyOf(bytes, filled);
      probe.clear();
    }
    return bytes;
  }

  /**
   * Reads into {@code bytes} from {@code from} until it is full or the file ends, a megabyte at a
   * time: the JDK reads a heap buffer through a temporary direct buffer of the same size, which it
   * then keeps, so one large read would hold a second copy of the document outside the heap.
   */
  private static int fill(SeekableByteChannel channel, byte[] bytes, int from) throws IOException {
    int filled = from;
    while (filled < bytes.length) {
      int read =
          channel.read(ByteBuffer.wrap(bytes, filled, Math.min(READ_CHUNK, bytes.length - filled)));
      if (read < 0) break;
      filled += read;
    }
    return filled;
  }

  private static String tooLarge(Path file) {
    return file + " is 2 GiB or larger, more than the original can read";
  }

  private static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge(String message) {
      super(message);
    }
  }
}
