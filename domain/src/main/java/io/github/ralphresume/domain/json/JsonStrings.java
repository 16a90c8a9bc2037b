package io.github.ralphresume.domain.json;

import io.github.ralphresume.domain.js.JsNumbers;
import io.github.ralphresume.domain.js.JsStrings;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

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
   * The deepest nesting of arrays JavaScript's {@code String(array)} converts: {@value}. Measured
   * on the original (Node 20, default stack) through its reconcile: an owner id that is an array
   * nested 3,168 deep is converted, one nested 3,169 deep fails it with "Maximum call stack size
   * exceeded".
   */
  public static final int MAX_ARRAY_DEPTH = 3168;

  /**
   * JavaScript's {@code String(v)} for a JSON value.
   *
   * @param value the value
   * @return the string JavaScript would produce
   * @throws JsonLimitException where JavaScript throws: arrays nested deeper than {@link
   *     #MAX_ARRAY_DEPTH}, or a result longer than JavaScript's longest string
   */
  public static String toJsString(JsonValue value) {
    if (value instanceof JsonValue.Str s) return s.value();
    if (value instanceof JsonValue.Null) return "null";
    if (value instanceof JsonValue.Bool b) return b.value() ? "true" : "false";
    if (value instanceof JsonValue.Num n) return JsNumbers.toJsString(n.value());
    if (value instanceof JsonObject) return "[object Object]";
    return join((JsonArray) value);
  }

  /**
   * Array.prototype.join with commas, without recursion: null elements become "", others their
   * String(); a nested array is joined in place.
   */
  private static String join(JsonArray array) {
    StringBuilder joined = new StringBuilder();
    Deque<Iterator<JsonValue>> open = new ArrayDeque<>();
    Deque<Boolean> started = new ArrayDeque<>();
    open.push(array.elements().iterator());
    started.push(false);
    while (!open.isEmpty()) {
      Iterator<JsonValue> elements = open.peek();
      if (!elements.hasNext()) {
        open.pop();
        started.pop();
        continue;
      }
      if (started.peek()) joined.append(',');
      started.pop();
      started.push(true);
      JsonValue element = elements.next();
      if (element instanceof JsonArray nested) {
        if (open.size() >= MAX_ARRAY_DEPTH) {
          throw new JsonLimitException(
              "a field is an array nested deeper than "
                  + MAX_ARRAY_DEPTH
                  + " levels, which JavaScript's String() cannot convert either");
        }
        open.push(nested.elements().iterator());
        started.push(false);
      } else {
        joined.append(safeString(element));
      }
      if (joined.length() > JsStrings.MAX_LENGTH) {
        throw new JsonLimitException(
            "a field converted to text would be longer than JavaScript's longest string");
      }
    }
    return joined.toString();
  }
}
