package io.github.ralphresume.app.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** POSIX shell words, as far as a hook command written by a person needs them. */
final class ShellWords {
  private ShellWords() {}

  /** Characters that never need quoting. */
  private static boolean plain(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "_@%+=:,./-".indexOf(c) >= 0;
  }

  /** {@code word} as the shell reads it back: bare when it can be, else in single quotes. */
  static String quote(String word) {
    boolean bare = !word.isEmpty();
    for (int i = 0; i < word.length() && bare; i++) bare = plain(word.charAt(i));
    return bare ? word : "'" + word.replace("'", "'\\''") + "'";
  }

  /**
   * The words of a simple command: blanks separate them, single quotes, double quotes and
   * backslashes quote. Empty when the text is more than a simple command (a pipe, a list, a
   * redirection, an expansion, a comment) or its quotes do not close: such a command is not one
   * anyone can read as "the launcher and {@code hook}".
   */
  static Optional<List<String>> split(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ' ' || c == '\t') {
        if (word != null) words.add(word.toString());
        word = null;
        continue;
      }
      if (word == null) word = new StringBuilder();
      if (c == '\'') {
        int end = text.indexOf('\'', i + 1);
        if (end < 0) return Optional.empty();
        word.append(text, i + 1, end);
        i = end;
      } else if (c == '"') {
        int j = i + 1;
        for (; j < text.length() && text.charAt(j) != '"'; j++) {
          char d = text.charAt(j);
          if (d == '$' || d == '`') return Optional.empty();
          if (d == '\\' && j + 1 < text.length() && "\"\\$`".indexOf(text.charAt(j + 1)) >= 0) {
            d = text.charAt(++j);
          }
          word.append(d);
        }
        if (j >= text.length()) return Optional.empty();
        i = j;
      } else if (c == '\\') {
        if (i + 1 >= text.length()) return Optional.empty();
        word.append(text.charAt(++i));
      } else if ("|&;<>()$`#*?[~{}\n".indexOf(c) >= 0) {
        return Optional.empty();
      } else {
        word.append(c);
      }
    }
    if (word != null) words.add(word.toString());
    return Optional.of(words);
  }
}
