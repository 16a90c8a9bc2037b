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
}
