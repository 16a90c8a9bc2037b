package io.github.ralphresume.domain.json;

import java.util.List;

/**
 * A JSON array.
 *
 * @param elements the elements, in order
 * @since 0.1.0
 */
public record JsonArray(List<JsonValue> elements) implements JsonValue {
  /**
   * Checks and normalises the components.
   *
   * @param elements the elements, in order
   */
  public JsonArray {
    elements = List.copyOf(elements);
  }

  // Written out: the generated ones recurse once per level, and documents can be nested deeper
  // than the Java stack.

  @Override
  public boolean equals(Object other) {
    return other instanceof JsonArray array && JsonValues.equal(this, array);
  }

  @Override
  public int hashCode() {
    return JsonValues.hash(this);
  }

  @Override
  public String toString() {
    return "JsonArray" + JsonText.compact(this);
  }
}
