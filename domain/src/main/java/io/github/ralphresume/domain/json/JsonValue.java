package io.github.ralphresume.domain.json;

/**
 * A JSON value as JavaScript's {@code JSON.parse} produces it: numbers are doubles, objects keep
 * JavaScript's property order. Immutable.
 *
 * @since 0.1.0
 */
public sealed interface JsonValue
    permits JsonValue.Null, JsonValue.Bool, JsonValue.Num, JsonValue.Str, JsonArray, JsonObject {

  /** The JSON {@code null}. */
  Null NULL = new Null();

  /** The JSON {@code true}. */
  Bool TRUE = new Bool(true);

  /** The JSON {@code false}. */
  Bool FALSE = new Bool(false);

  /** JSON {@code null}. */
  record Null() implements JsonValue {}

  /**
   * A JSON boolean.
   *
   * @param value the boolean
   */
  record Bool(boolean value) implements JsonValue {}

  /**
   * A JSON number, held as the double JavaScript would hold: {@code 1e400} is infinite and is
   * written back as {@code null}, exactly as the original tool does.
   *
   * @param value the number
   */
  record Num(double value) implements JsonValue {}

  /**
   * A JSON string; may hold lone surrogates, which are written back escaped.
   *
   * @param value the string
   */
  record Str(String value) implements JsonValue {
    /**
     * A JSON string.
     *
     * @param value the string, not null
     */
    public Str {
      java.util.Objects.requireNonNull(value, "value");
    }
  }

  /**
   * Returns {@code value} as a JSON string.
   *
   * @param value the string
   * @return the JSON string
   */
  static JsonValue of(String value) {
    return new Str(value);
  }

  /**
   * Returns {@code value} as a JSON boolean.
   *
   * @param value the boolean
   * @return {@link #TRUE} or {@link #FALSE}
   */
  static JsonValue of(boolean value) {
    return value ? TRUE : FALSE;
  }

  /**
   * Returns {@code value} as a JSON number.
   *
   * @param value the number
   * @return the JSON number
   */
  static JsonValue of(double value) {
    return JsonValues.number(value);
  }

  /**
   * JavaScript truthiness of the parsed value: {@code null}, {@code false}, {@code 0} and {@code
   * ""} are falsy. The original treats a falsy document as unreadable.
   *
   * @return whether the value is truthy
   */
  default boolean truthy() {
    if (this instanceof Null) return false;
    if (this instanceof Bool b) return b.value();
    if (this instanceof Num n) return n.value() != 0 && !Double.isNaN(n.value());
    if (this instanceof Str s) return !s.value().isEmpty();
    return true;
  }
}
