package io.github.ralphresume.domain.json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A JSON object whose members are kept in JavaScript's property order: keys that are array indices
 * ({@code "0"} … {@code "4294967294"}) first in ascending numeric order, then every other key in
 * the order it was first defined. Setting an existing key keeps its position; a new key is
 * appended; a removed key disappears. This is what lets a rewritten document keep every field of
 * other OMX components where it was.
 *
 * @param members the members in JavaScript property order (unmodifiable)
 * @since 0.1.0
 */
public record JsonObject(Map<String, JsonValue> members) implements JsonValue {

  /** The empty object. */
  public static final JsonObject EMPTY = new JsonObject(Map.of());

  /**
   * An object with these members, reordered into JavaScript property order.
   *
   * @param members the members; iteration order is taken as definition order
   */
  public JsonObject {
    members = Collections.unmodifiableMap(inJavaScriptOrder(members));
  }

  /**
   * Builds an object from members in definition order; a repeated key keeps its first position and
   * takes the last value, as {@code JSON.parse} does.
   *
   * @param members the members, in definition order
   * @return the object
   */
  public static JsonObject ofDefinitionOrder(Iterable<Map.Entry<String, JsonValue>> members) {
    LinkedHashMap<String, JsonValue> map = new LinkedHashMap<>();
    for (Map.Entry<String, JsonValue> member : members) {
      map.put(member.getKey(), member.getValue());
    }
    return new JsonObject(map);
  }

  /**
   * The member named {@code key}, if present.
   *
   * @param key the member's name
   * @return its value, or empty
   */
  public Optional<JsonValue> get(String key) {
    return Optional.ofNullable(members.get(key));
  }

  /**
   * Whether the member is present.
   *
   * @param key the member's name
   * @return whether it is present
   */
  public boolean has(String key) {
    return members.containsKey(key);
  }

  /**
   * A copy with {@code key} set to {@code value}, keeping the key's position when present.
   *
   * @param key the member's name
   * @param value its value
   * @return the copy
   */
  public JsonObject with(String key, JsonValue value) {
    LinkedHashMap<String, JsonValue> copy = new LinkedHashMap<>(members);
    copy.put(key, value);
    return new JsonObject(copy);
  }

  /**
   * A copy without {@code key}; the same object when the key is absent.
   *
   * @param key the member's name
   * @return the copy, or this object
   */
  public JsonObject without(String key) {
    if (!members.containsKey(key)) return this;
    LinkedHashMap<String, JsonValue> copy = new LinkedHashMap<>(members);
    copy.remove(key);
    return new JsonObject(copy);
  }

  /** {@return the number of members} */
  public int size() {
    return members.size();
  }

  // Written out: the generated ones recurse once per level, and documents can be nested deeper
  // than the Java stack.

  @Override
  public boolean equals(Object other) {
    return other instanceof JsonObject object && JsonValues.equal(this, object);
  }

  @Override
  public int hashCode() {
    return JsonValues.hash(this);
  }

  @Override
  public String toString() {
    return "JsonObject" + JsonText.compact(this);
  }

  private static LinkedHashMap<String, JsonValue> inJavaScriptOrder(Map<String, JsonValue> source) {
    boolean hasIndexKey = false;
    for (String key : source.keySet()) {
      if (isArrayIndex(key)) {
        hasIndexKey = true;
        break;
      }
    }
    if (!hasIndexKey) return new LinkedHashMap<>(source);
    ArrayList<String> indexKeys = new ArrayList<>();
    for (String key : source.keySet()) {
      if (isArrayIndex(key)) indexKeys.add(key);
    }
    indexKeys.sort((a, b) -> Long.compare(Long.parseLong(a), Long.parseLong(b)));
    LinkedHashMap<String, JsonValue> ordered = new LinkedHashMap<>();
    for (String key : indexKeys) ordered.put(key, source.get(key));
    for (Map.Entry<String, JsonValue> member : source.entrySet()) {
      if (!isArrayIndex(member.getKey())) ordered.put(member.getKey(), member.getValue());
    }
    return ordered;
  }

  /** A canonical decimal integer from 0 to 2^32 - 2, which JavaScript orders before other keys. */
  static boolean isArrayIndex(String key) {
    int length = key.length();
    if (length == 0 || length > 10) return false;
    if (key.charAt(0) == '0') return length == 1;
    long value = 0;
    for (int i = 0; i < length; i++) {
      char c = key.charAt(i);
      if (c < '0' || c > '9') return false;
      value = value * 10 + (c - '0');
    }
    return value <= 4_294_967_294L;
  }
}
