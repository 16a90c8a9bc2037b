package io.github.ralphresume.app.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The few settings of a Codex {@code config.toml} that decide whether our hooks run: {@code
 * [features] hooks}, a {@code notify} command, the trust Codex records for a hook ({@code
 * [hooks.state."<key>"] trusted_hash}) and for a project ({@code [projects."<dir>"] trust_level}).
 *
 * <p>Read with a small TOML reader: tables, dotted and quoted keys, strings of all four kinds,
 * booleans, arrays and inline tables; numbers and dates are kept as their text. It never writes.
 * Where the text is not TOML it stops, keeps what it read before, and says where ({@link
 * #problem()}): Codex itself would refuse such a file.
 */
final class CodexConfig {
  /** Key paths are joined with this (a character no key can hold unquoted). */
  private static final char SEP = '\u0000';

  private final Path file;
  private final Map<String, Object> values;
  private final String problem;

  private CodexConfig(Path file, Map<String, Object> values, String problem) {
    this.file = file;
    this.values = values;
    this.problem = problem;
  }

  /** {@code file}'s settings; a missing file has none. */
  static CodexConfig read(Path file) throws IOException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException missing) {
      return new CodexConfig(file, Map.of(), null);
    }
    return parse(file, text);
  }

  static CodexConfig parse(Path file, String text) {
    Parser parser = new Parser(text);
    String problem = null;
    try {
      parser.document();
    } catch (IllegalStateException notToml) {
      problem = notToml.getMessage();
    }
    return new CodexConfig(file, parser.values, problem);
  }

  Path file() {
    return file;
  }

  /** Where the text stopped being TOML, if it did. */
  Optional<String> problem() {
    return Optional.ofNullable(problem);
  }

  /** Whether {@code [features] hooks = false} turns Codex's lifecycle hooks off. */
  boolean hooksTurnedOff() {
    return Boolean.FALSE.equals(values.get(key("features", "hooks")));
  }

  /** The {@code notify} command, when it is an array of strings. */
  Optional<List<String>> notifyCommand() {
    Object value = values.get(key("notify"));
    if (!(value instanceof List<?> list)) return Optional.empty();
    List<String> words = new ArrayList<>();
    for (Object word : list) {
      if (!(word instanceof String text)) return Optional.empty();
      words.add(text);
    }
    return Optional.of(words);
  }

  /** The hash a person trusted the hook keyed {@code hookKey} with, in Codex's {@code /hooks}. */
  Optional<String> trustedHash(String hookKey) {
    return string(key("hooks", "state", hookKey, "trusted_hash"));
  }

  /** Whether {@code [hooks.state."<key>"] enabled = false} turns that one hook off. */
  boolean hookDisabled(String hookKey) {
    return Boolean.FALSE.equals(values.get(key("hooks", "state", hookKey, "enabled")));
  }

  /** {@code [projects."<dir>"] trust_level}. */
  Optional<String> projectTrust(String dir) {
    return string(key("projects", dir, "trust_level"));
  }

  private Optional<String> string(String key) {
    return values.get(key) instanceof String text ? Optional.of(text) : Optional.empty();
  }

  private static String key(String... parts) {
    return String.join(String.valueOf(SEP), parts);
  }

  /** A recursive-descent reader of the TOML subset above. */
  private static final class Parser {
    private final String text;
    private int at;
    private int line = 1;
    private List<String> table = List.of();
    final Map<String, Object> values = new LinkedHashMap<>();

    Parser(String text) {
      this.text = text;
    }

    void document() {
      while (true) {
        skipBlankLinesAndComments();
        if (at >= text.length()) return;
        if (peek() == '[') {
          boolean arrayOfTables = text.startsWith("[[", at);
          at += arrayOfTables ? 2 : 1;
          table = keyPath();
          expect(']');
          if (arrayOfTables) expect(']');
        } else {
          List<String> path = new ArrayList<>(table);
          path.addAll(keyPath());
          expect('=');
          put(path, value());
        }
        endOfLine();
      }
    }

    private void put(List<String> path, Object value) {
      if (value instanceof Map<?, ?> inline) {
        for (Map.Entry<?, ?> member : inline.entrySet()) {
          List<String> nested = new ArrayList<>(path);
          nested.addAll(splitKey((String) member.getKey()));
          put(nested, member.getValue());
        }
        return;
      }
      values.put(String.join(String.valueOf(SEP), path), value);
    }

    private static List<String> splitKey(String joined) {
      return List.of(joined.split(String.valueOf(SEP), -1));
    }

    private List<String> keyPath() {
      List<String> parts = new ArrayList<>();
      while (true) {
        skipSpaces();
        char c = peek();
        if (c == '"') {
          parts.add(basicString());
        } else if (c == '\'') {
          parts.add(literalString());
        } else {
          int start = at;
          while (at < text.length() && bareKeyChar(text.charAt(at))) at++;
          if (at == start) throw fail("a key");
          parts.add(text.substring(start, at));
        }
        skipSpaces();
        if (peek() != '.') return parts;
        at++;
      }
    }

    private static boolean bareKeyChar(char c) {
      return (c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '_'
          || c == '-';
    }

    private Object value() {
      skipSpaces();
      char c = peek();
      if (c == '"') return text.startsWith("\"\"\"", at) ? multiLine("\"\"\"") : basicString();
      if (c == '\'') return text.startsWith("'''", at) ? multiLine("'''") : literalString();
      if (c == '[') return array();
      if (c == '{') return inlineTable();
      int start = at;
      while (at < text.length() && "\n\r#,]} \t".indexOf(text.charAt(at)) < 0) at++;
      String raw = text.substring(start, at);
      if (raw.isEmpty()) throw fail("a value");
      if (raw.equals("true")) return Boolean.TRUE;
      if (raw.equals("false")) return Boolean.FALSE;
      return raw; // a number or a date: kept as text (nothing here reads one)
    }

    private List<Object> array() {
      at++;
      List<Object> elements = new ArrayList<>();
      while (true) {
        skipBlankLinesAndComments();
        if (peek() == ']') {
          at++;
          return elements;
        }
        elements.add(value());
        skipBlankLinesAndComments();
        if (peek() == ',') {
          at++;
        } else if (peek() != ']') {
          throw fail("',' or ']'");
        }
      }
    }

    private Map<String, Object> inlineTable() {
      at++;
      Map<String, Object> members = new LinkedHashMap<>();
      skipSpaces();
      if (peek() == '}') {
        at++;
        return members;
      }
      while (true) {
        List<String> path = keyPath();
        expect('=');
        Object value = value();
        members.put(String.join(String.valueOf(SEP), path), value);
        skipSpaces();
        char c = peek();
        at++;
        if (c == '}') return members;
        if (c != ',') throw fail("',' or '}'");
      }
    }

    private String basicString() {
      at++;
      StringBuilder out = new StringBuilder();
      while (true) {
        if (at >= text.length() || peek() == '\n') throw fail("a closing '\"'");
        char c = text.charAt(at++);
        if (c == '"') return out.toString();
        if (c != '\\') {
          out.append(c);
          continue;
        }
        if (at >= text.length()) throw fail("an escape");
        char e = text.charAt(at++);
        switch (e) {
          case 'b' -> out.append('\b');
          case 't' -> out.append('\t');
          case 'n' -> out.append('\n');
          case 'f' -> out.append('\f');
          case 'r' -> out.append('\r');
          case '"' -> out.append('"');
          case '\\' -> out.append('\\');
          case 'u', 'U' -> {
            int digits = e == 'u' ? 4 : 8;
            if (at + digits > text.length()) throw fail("a unicode escape");
            try {
              out.appendCodePoint(Integer.parseInt(text.substring(at, at + digits), 16));
            } catch (IllegalArgumentException notHex) {
              throw fail("a unicode escape");
            }
            at += digits;
          }
          default -> throw fail("a valid escape");
        }
      }
    }

    private String literalString() {
      int end = text.indexOf('\'', at + 1);
      int newline = text.indexOf('\n', at + 1);
      if (end < 0 || (newline >= 0 && newline < end)) throw fail("a closing \"'\"");
      String value = text.substring(at + 1, end);
      at = end + 1;
      return value;
    }

    /** A multi-line string, kept without its escapes resolved: nothing here reads one. */
    private String multiLine(String quotes) {
      int end = text.indexOf(quotes, at + 3);
      if (end < 0) throw fail("closing " + quotes);
      String value = text.substring(at + 3, end);
      for (int i = at; i < end; i++) if (text.charAt(i) == '\n') line++;
      at = end + 3;
      while (at < text.length() && text.charAt(at) == quotes.charAt(0)) at++;
      return value;
    }

    private void expect(char c) {
      skipSpaces();
      if (peek() != c) throw fail("'" + c + "'");
      at++;
    }

    private void endOfLine() {
      skipSpaces();
      if (at < text.length() && peek() == '#') skipComment();
      if (at < text.length() && peek() == '\r') at++;
      if (at < text.length() && peek() != '\n') throw fail("the end of the line");
    }

    private void skipBlankLinesAndComments() {
      while (at < text.length()) {
        char c = text.charAt(at);
        if (c == ' ' || c == '\t' || c == '\r') {
          at++;
        } else if (c == '\n') {
          at++;
          line++;
        } else if (c == '#') {
          skipComment();
        } else {
          return;
        }
      }
    }

    private void skipComment() {
      while (at < text.length() && text.charAt(at) != '\n') at++;
    }

    private void skipSpaces() {
      while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) at++;
    }

    private char peek() {
      return at < text.length() ? text.charAt(at) : '\0';
    }

    private IllegalStateException fail(String expected) {
      return new IllegalStateException("line " + line + ": expected " + expected);
    }
  }
}
