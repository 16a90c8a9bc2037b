package io.github.ralphresume.adapters.fs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A golden table written by the original's runtime (Node): a test resource of tab-separated
 * columns, one row a line, blank lines and {@code #} comments skipped.
 */
final class GoldenTable {
  private GoldenTable() {}

  /** One row, with its line number for messages. */
  record Row(int line, String[] fields) {}

  /** The rows of {@code resource} (next to {@code owner}), each with exactly {@code columns}. */
  static List<Row> read(Class<?> owner, String resource, int columns) {
    List<Row> rows = new ArrayList<>();
    try (InputStream in = owner.getResourceAsStream(resource)) {
      if (in == null) throw new IllegalStateException("missing test resource " + resource);
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isEmpty() || line.startsWith("#")) continue;
        String[] fields = line.split("\t", -1);
        if (fields.length != columns) {
          throw new IllegalStateException(
              resource + ":" + number + " does not have " + columns + " columns");
        }
        rows.add(new Row(number, fields));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }
}
