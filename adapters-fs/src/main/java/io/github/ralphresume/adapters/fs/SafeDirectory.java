package io.github.ralphresume.adapters.fs;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A directory inside the state dir, opened for writing without following symbolic links: the state
 * dir itself and every directory below it on the way are opened with {@code O_NOFOLLOW}, and each
 * file is then created, renamed, removed or looked at relative to the open directory ({@code
 * openat}, {@code renameat}, {@code unlinkat}, through {@link SecureDirectoryStream}). A directory
 * swapped for a link after it was opened cannot send a write elsewhere, and a file is never created
 * or opened through a link. Only the state dir's ancestors are followed: a project may be reached
 * through a linked path.
 *
 * <p>Where the platform offers no secure directory stream, the same operations go through paths,
 * after checking that no directory on the way is a link; a swap between that check and the write
 * remains possible there.
 */
final class SafeDirectory implements Closeable {
  private final Path path;
  private final SecureDirectoryStream<Path> secure;

  private SafeDirectory(Path path, SecureDirectoryStream<Path> secure) {
    this.path = path;
    this.secure = secure;
  }

  /**
   * Opens {@code stateDir.resolve(relative)}, refusing a link at the state dir or below it.
   *
   * @throws NoSuchFileException when a directory on the way does not exist
   * @throws IOException when one is a link or not a directory, or cannot be opened
   */
  static SafeDirectory open(Path stateDir, Path relative) throws IOException {
    Path target = stateDir.resolve(relative);
    Path absolute = stateDir.toAbsolutePath();
    Path parent = absolute.getParent();
    List<String> names = new ArrayList<>();
    if (parent != null && absolute.getFileName() != null) {
      names.add(absolute.getFileName().toString());
    } else {
      parent = absolute;
    }
    for (Path name : relative) {
      if (!name.toString().isEmpty()) names.add(name.toString());
    }
    DirectoryStream<Path> top = Files.newDirectoryStream(parent);
    if (!(top instanceof SecureDirectoryStream<Path> current)) {
      top.close();
      return openByPath(parent, names, target);
    }
    Path reached = parent;
    try {
      for (String name : names) {
        reached = reached.resolve(name);
        SecureDirectoryStream<Path> next;
        try {
          next = current.newDirectoryStream(Path.of(name), LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException | NotDirectoryException plain) {
          throw plain;
        } catch (FileSystemException loop) {
          if (Files.isSymbolicLink(reached)) throw linkRefused(reached);
          throw loop;
        }
        current.close();
        current = next;
      }
    } catch (IOException | RuntimeException failure) {
      current.close();
      throw failure;
    }
    return new SafeDirectory(target, current);
  }

  private static SafeDirectory openByPath(Path parent, List<String> names, Path target)
      throws IOException {
    Path reached = parent;
    for (String name : names) {
      reached = reached.resolve(name);
      if (Files.isSymbolicLink(reached)) throw linkRefused(reached);
      if (!Files.isDirectory(reached, LinkOption.NOFOLLOW_LINKS)) {
        if (!Files.exists(reached, LinkOption.NOFOLLOW_LINKS)) {
          throw new NoSuchFileException(reached.toString());
        }
        throw new NotDirectoryException(reached.toString());
      }
    }
    return new SafeDirectory(target, null);
  }

  private static IOException linkRefused(Path link) {
    return new IOException(link + " is a symbolic link; refusing to write through it");
  }

  /** {@return the directory's path, for messages} */
  Path path() {
    return path;
  }

  /** Creates {@code name} for writing; fails if anything (a link included) is already there. */
  FileChannel create(String name) throws IOException {
    Set<java.nio.file.OpenOption> options =
        Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    SeekableByteChannel channel =
        secure != null
            ? secure.newByteChannel(Path.of(name), options)
            : Files.newByteChannel(path.resolve(name), options);
    if (channel instanceof FileChannel file) return file;
    channel.close();
    throw new IOException("cannot sync " + path.resolve(name) + ": not a file channel");
  }

  /** Renames {@code from} over {@code to}, atomically, both in this directory. */
  void rename(String from, String to) throws IOException {
    if (secure != null) {
      secure.move(Path.of(from), secure, Path.of(to));
    } else {
      Files.move(
          path.resolve(from),
          path.resolve(to),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Removes {@code name} (a link itself, never what it points to); false when nothing is there. */
  boolean delete(String name) throws IOException {
    try {
      if (secure != null) {
        secure.deleteFile(Path.of(name));
      } else {
        Files.delete(path.resolve(name));
      }
      return true;
    } catch (NoSuchFileException absent) {
      return false;
    }
  }

  /** What {@code name} is, without following a link; empty when nothing is there. */
  Optional<BasicFileAttributes> attributes(String name) throws IOException {
    try {
      BasicFileAttributes attributes =
          secure != null
              ? secure
                  .getFileAttributeView(
                      Path.of(name), BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                  .readAttributes()
              : Files.readAttributes(
                  path.resolve(name), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return Optional.of(attributes);
    } catch (NoSuchFileException absent) {
      return Optional.empty();
    }
  }

  /** The names of the entries that start with {@code prefix}. */
  List<String> names(String prefix) throws IOException {
    List<String> names = new ArrayList<>();
    if (secure != null) {
      // A secure stream can be iterated once; the open directory is the one listed.
      for (Path entry : secure) {
        String name = entry.getFileName().toString();
        if (name.startsWith(prefix)) names.add(name);
      }
      return names;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (name.startsWith(prefix)) names.add(name);
      }
    }
    return names;
  }

  /**
   * Flushes the directory itself, so a rename or removal in it survives a crash. A platform that
   * cannot open a directory is skipped; an fsync that fails is a failure (an EIO here means the
   * rename may not be on disk).
   */
  void sync() throws IOException {
    FileChannel channel;
    try {
      channel =
          secure != null
              ? (FileChannel) secure.newByteChannel(Path.of("."), Set.of(StandardOpenOption.READ))
              : FileChannel.open(path, StandardOpenOption.READ);
    } catch (IOException | ClassCastException | UnsupportedOperationException cannotOpen) {
      // Not every platform lets a directory be opened (Windows); the rename is still atomic.
      return;
    }
    try (channel) {
      channel.force(true);
    }
  }

  @Override
  public void close() throws IOException {
    if (secure != null) secure.close();
  }
}
