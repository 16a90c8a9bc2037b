package io.github.ralphresume.domain.js;

import io.github.ralphresume.domain.json.JsonArray;
import io.github.ralphresume.domain.json.JsonObject;
import io.github.ralphresume.domain.json.JsonValue;

/**
 * JavaScript's string conversions as the original tool relies on them. They decide, for example,
 * that an owner id stored as the number {@code 123} matches a payload id {@code "123"}, and that a
 * phase stored as {@code ["complete"]} is terminal.
 *
 * @since 0.1.0
 */
public final class JsStrings {
  private JsStrings() {}

  /**
   * The helper {@code safeString(v)} of oh-my-codex: a string stays as is, a missing value or
   * {@code null} becomes {@code ""}, anything else becomes JavaScript's {@code String(v)}.
   *
   * @param value a parsed value, or {@code null} for a missing member
   * @return the string JavaScript would produce
   */
  public static String safeString(JsonValue value) {
    if (value == null || value instanceof JsonValue.Null) return "";
    return toJsString(value);
  }

  /** JavaScript's {@code String(v)} for a JSON value. */
  public static String toJsString(JsonValue value) {
    if (value instanceof JsonValue.Str s) return s.value();
    if (value instanceof JsonValue.Null) return "null";
    if (value instanceof JsonValue.Bool b) return b.value() ? "true" : "false";
    if (value instanceof JsonValue.Num n) return JsNumbers.toJsString(n.value());
    if (value instanceof JsonObject) return "[object Object]";
    // Array.prototype.join: null elements become "", others their String(); nested arrays flatten.
    JsonArray array = (JsonArray) value;
    StringBuilder joined = new StringBuilder();
    boolean first = true;
    for (JsonValue element : array.elements()) {
      if (!first) joined.append(',');
      first = false;
      joined.append(safeString(element));
    }
    return joined.toString();
  }

  /** {@code String.prototype.trim}: strips JavaScript white space and line terminators. */
  public static String trim(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && isWhiteSpace(text.charAt(start))) start++;
    while (end > start && isWhiteSpace(text.charAt(end - 1))) end--;
    return start == 0 && end == text.length() ? text : text.substring(start, end);
  }

  /** JavaScript's {@code WhiteSpace} or {@code LineTerminator} (the {@code \s} class). */
  public static boolean isWhiteSpace(char c) {
    switch (c) {
      case '\t', '\n', 0x0B, '\f', '\r', ' ', 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000,
          0xFEFF:
        return true;
      default:
        return c >= 0x2000 && c <= 0x200A;
    }
  }

  /**
   * {@code Number.parseInt(text, 10)}: an optional sign and the leading decimal digits; the rest is
   * ignored. NaN when there is no digit. Leading white space is skipped as JavaScript does.
   */
  public static double parseInt(String text) {
    String s = trim(text);
    int i = 0;
    boolean negative = false;
    if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      negative = s.charAt(i) == '-';
      i++;
    }
    int digitsStart = i;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') i++;
    if (i == digitsStart) return Double.NaN;
    // Decimal text to double is correctly rounded here as in JavaScript (e.g. 20 nines → 1e20).
    double magnitude = Double.parseDouble(s.substring(digitsStart, i));
    return negative ? -magnitude : magnitude;
  }

  /** Lower-cases as {@code String.prototype.toLowerCase} (locale-independent). */
  public static String toLowerCase(String text) {
    return text.toLowerCase(java.util.Locale.ROOT);
  }
}
