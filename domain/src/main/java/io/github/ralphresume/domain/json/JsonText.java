package io.github.ralphresume.domain.json;

import io.github.ralphresume.domain.js.JsNumbers;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes JSON exactly as JavaScript's {@code JSON.stringify} does, so that a document written by
 * this tool is byte-for-byte the one the TypeScript original would write.
 *
 * @since 0.1.0
 */
public final class JsonText {
  private JsonText() {}

  /** {@code JSON.stringify(value, null, 2)}: two-space indentation, no trailing newline. */
  public static String pretty(JsonValue value) {
    StringBuilder out = new StringBuilder(256);
    write(value, out, "  ", "");
    return out.toString();
  }

  /** {@code JSON.stringify(value)}: no white space at all. */
  public static String compact(JsonValue value) {
    StringBuilder out = new StringBuilder(128);
    write(value, out, "", "");
    return out.toString();
  }

  private static void write(JsonValue value, StringBuilder out, String gap, String indent) {
    if (value instanceof JsonValue.Null) {
      out.append("null");
    } else if (value instanceof JsonValue.Bool b) {
      out.append(b.value() ? "true" : "false");
    } else if (value instanceof JsonValue.Num n) {
      double d = n.value();
      out.append(Double.isFinite(d) ? JsNumbers.toJsString(d) : "null");
    } else if (value instanceof JsonValue.Str s) {
      quote(s.value(), out);
    } else if (value instanceof JsonArray array) {
      writeArray(array.elements(), out, gap, indent);
    } else {
      writeObject(((JsonObject) value).members(), out, gap, indent);
    }
  }

  private static void writeArray(
      List<JsonValue> elements, StringBuilder out, String gap, String indent) {
    if (elements.isEmpty()) {
      out.append("[]");
      return;
    }
    String inner = indent + gap;
    out.append('[');
    for (int i = 0; i < elements.size(); i++) {
      if (i > 0) out.append(',');
      if (!gap.isEmpty()) out.append('\n').append(inner);
      write(elements.get(i), out, gap, inner);
    }
    if (!gap.isEmpty()) out.append('\n').append(indent);
    out.append(']');
  }

  private static void writeObject(
      Map<String, JsonValue> members, StringBuilder out, String gap, String indent) {
    if (members.isEmpty()) {
      out.append("{}");
      return;
    }
    String inner = indent + gap;
    out.append('{');
    Iterator<Map.Entry<String, JsonValue>> it = members.entrySet().iterator();
    boolean first = true;
    while (it.hasNext()) {
      Map.Entry<String, JsonValue> member = it.next();
      if (!first) out.append(',');
      first = false;
      if (!gap.isEmpty()) out.append('\n').append(inner);
      quote(member.getKey(), out);
      out.append(gap.isEmpty() ? ":" : ": ");
      write(member.getValue(), out, gap, inner);
    }
    if (!gap.isEmpty()) out.append('\n').append(indent);
    out.append('}');
  }

  /** JSON.stringify's string quoting, including its escaping of lone surrogates. */
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
