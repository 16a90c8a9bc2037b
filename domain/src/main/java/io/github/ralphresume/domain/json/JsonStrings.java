package io.github.ralphresume.domain.json;

import io.github.ralphresume.domain.js.JsNumbers;

/**
 * JavaScript's conversion of JSON values to strings, as the original tool relies on it. It decides,
 * for example, that an owner id stored as the number {@code 123} matches a payload id {@code
 * "123"}, and that a phase stored as {@code ["complete"]} is terminal.
 *
 * @since 0.1.0
 */
public final class JsonStrings {
  private JsonStrings() {}

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

  /**
   * JavaScript's {@code String(v)} for a JSON value.
   *
   * @param value the value
   * @return the string JavaScript would produce
   */
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
}
