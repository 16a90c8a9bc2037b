package io.github.ralphresume.app.cli;

import io.github.ralphresume.domain.js.JsDates;
import io.github.ralphresume.domain.json.JsonObject;
import io.github.ralphresume.domain.json.JsonText;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The hook's event log, {@code <project>/.omx/logs/notify-hook-<YYYY-MM-DD>.jsonl}, one JSON line
 * per event, appended as OMX's own hook appends. Never written through a symbolic link: a linked
 * {@code logs} directory or log file could aim the hook's writes anywhere, so either is refused
 * with a warning and nothing is written. On Linux the file is opened relative to the directory
 * opened without following links ({@code openat}), so a link swapped in meanwhile is refused too.
 */
final class EventLog {
  private static final Set<OpenOption> APPEND =
      Set.of(
          StandardOpenOption.WRITE,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND,
          LinkOption.NOFOLLOW_LINKS);

  private final Path logsDir;
  private final Consumer<String> warnings;

  /**
   * @param logsDir {@code <project>/.omx/logs}
   * @param warnings hears one line when an event cannot be written
   */
  EventLog(Path logsDir, Consumer<String> warnings) {
    this.logsDir = logsDir;
    this.warnings = warnings;
  }

  /** Appends {@code event} as one line; a failure costs the line only, with a warning. */
  void append(JsonObject event) {
    String day = JsDates.toIsoString(System.currentTimeMillis()).substring(0, 10);
    Path name = Path.of("notify-hook-" + day + ".jsonl");
    Path file = logsDir.resolve(name);
    ByteBuffer line =
        ByteBuffer.wrap((JsonText.compact(event) + "\n").getBytes(StandardCharsets.UTF_8));
    try {
      if (!Files.exists(logsDir, LinkOption.NOFOLLOW_LINKS)) Files.createDirectories(logsDir);
      try (DirectoryStream<Path> omx = Files.newDirectoryStream(logsDir.getParent())) {
        if (omx instanceof SecureDirectoryStream<Path> secure) {
          try (SecureDirectoryStream<Path> logs =
                  secure.newDirectoryStream(logsDir.getFileName(), LinkOption.NOFOLLOW_LINKS);
              SeekableByteChannel channel = logs.newByteChannel(name, APPEND)) {
            writeFully(channel, line);
          }
          return;
        }
      }
      // No openat on this platform: check the directory, and open the file without following.
      if (Files.isSymbolicLink(logsDir)) throw new IOException("a symbolic link");
      try (SeekableByteChannel channel = Files.newByteChannel(file, APPEND)) {
        writeFully(channel, line);
      }
    } catch (IOException | UnsupportedOperationException unwritable) {
      if (Files.isSymbolicLink(logsDir)) {
        warnings.accept(
            "the event log's directory "
                + logsDir
                + " is a symbolic link; the event was not logged");
      } else if (Files.isSymbolicLink(file)) {
        warnings.accept("the event log " + file + " is a symbolic link; the event was not logged");
      } else {
        warnings.accept("cannot write the event log " + file + ": " + describe(unwritable));
      }
    }
  }

  private static void writeFully(SeekableByteChannel channel, ByteBuffer bytes) throws IOException {
    while (bytes.hasRemaining()) channel.write(bytes);
  }

  private static String describe(Exception failure) {
    String message = failure.getMessage();
    return message == null ? failure.getClass().getSimpleName() : message;
  }
}
