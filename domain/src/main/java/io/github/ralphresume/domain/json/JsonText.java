package io.github.ralphresume.domain.json;

import io.github.ralphresume.domain.js.JsNumbers;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes JSON exactly as JavaScript's {@code JSON.stringify} does, so that a document written by
 * this tool is byte-for-byte the one the TypeScript original would write.
 *
 * @since 0.1.0
 */
public final class JsonText {
  private JsonText() {}

  /**
   * {@code JSON.stringify(value, null, 2)}: two-space indentation, no trailing newline.
   *
   * @param value the value
   * @return its text
   */
  public static String pretty(JsonValue value) {
    StringBuilder out = new StringBuilder(256);
    write(value, out, "  ", "");
    return out.toString();
  }

  /**
   * {@code JSON.stringify(value)}: no white space at all.
   *
   * @param value the value
   * @return its text
   */
  public static String compact(JsonValue value) {
    StringBuilder out = new StringBuilder(128);
    write(value, out, "", "");
    return out.toString();
  }

  /**
   * Writes without recursion: documents nested thousands of levels deep (which JavaScript still
   * writes back) must not overflow the Java stack.
   */
  private static void write(JsonValue root, StringBuilder out, String gap, String ignored) {
    boolean pretty = !gap.isEmpty();
    java.util.ArrayDeque<Frame> stack = new java.util.ArrayDeque<>();
    JsonValue next = root;
    while (true) {
      if (next != null) {
        if (next instanceof JsonArray array && !array.elements().isEmpty()) {
          out.append('[');
          stack.push(new Frame(array.elements().iterator(), null));
        } else if (next instanceof JsonObject object && !object.members().isEmpty()) {
          out.append('{');
          stack.push(new Frame(null, object.members().entrySet().iterator()));
        } else {
          writeScalar(next, out);
        }
        next = null;
      }
      Frame top = stack.peek();
      if (top == null) return;
      if (top.hasNext()) {
        if (top.count++ > 0) out.append(',');
        if (pretty) newline(out, gap, stack.size());
        if (top.elements != null) {
          next = top.elements.next();
        } else {
          Map.Entry<String, JsonValue> member = top.members.next();
          quote(member.getKey(), out);
          out.append(pretty ? ": " : ":");
          next = member.getValue();
        }
      } else {
        stack.pop();
        if (pretty) newline(out, gap, stack.size());
        out.append(top.elements != null ? ']' : '}');
      }
    }
  }

  private static void newline(StringBuilder out, String gap, int depth) {
    out.append('\n');
    for (int i = 0; i < depth; i++) out.append(gap);
  }

  /** An open array or object and how far it has been written. */
  private static final class Frame {
    final Iterator<JsonValue> elements;
    final Iterator<Map.Entry<String, JsonValue>> members;
    int count;

    Frame(Iterator<JsonValue> elements, Iterator<Map.Entry<String, JsonValue>> members) {
      this.elements = elements;
      this.members = members;
    }

    boolean hasNext() {
      return elements != null ? elements.hasNext() : members.hasNext();
    }
  }

  private static void writeScalar(JsonValue value, StringBuilder out) {
    if (value instanceof JsonValue.Null) {
      out.append("null");
    } else if (value instanceof JsonValue.Bool b) {
      out.append(b.value() ? "true" : "false");
    } else if (value instanceof JsonValue.Num n) {
      double d = n.value();
      out.append(Double.isFinite(d) ? JsNumbers.toJsString(d) : "null");
    } else if (value instanceof JsonValue.Str s) {
      quote(s.value(), out);
    } else if (value instanceof JsonArray) {
      out.append("[]");
    } else {
      out.append("{}");
    }
  }

  /**
   * JSON.stringify's string quoting, including its escaping of lone surrogates.
   *
   * @param text the string
   * @param out where the quoted string is appended
   */
  public static void quote(String text, StringBuilder out) {
    out.append('"');
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            appendUnicodeEscape(c, out);
          } else if (Character.isHighSurrogate(c)) {
            if (i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
              out.append(c).append(text.charAt(++i));
            } else {
              appendUnicodeEscape(c, out);
            }
          } else if (Character.isLowSurrogate(c)) {
            appendUnicodeEscape(c, out);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private static void appendUnicodeEscape(char c, StringBuilder out) {
    out.append("\\u")
        .append(HEX[(c >> 12) & 0xF])
        .append(HEX[(c >> 8) & 0xF])
        .append(HEX[(c >> 4) & 0xF])
        .append(HEX[c & 0xF]);
  }
}
