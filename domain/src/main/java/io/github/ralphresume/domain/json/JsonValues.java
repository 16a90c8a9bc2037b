package io.github.ralphresume.domain.json;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Equality and hashing of JSON values without recursion: a record's generated {@code equals}
 * recurses once per level, and a document may be nested far deeper than the Java stack.
 */
final class JsonValues {
  private JsonValues() {}

  /**
   * Small integers, shared: a document of a million counters holds a million references, not a
   * million numbers. -0 is not among them (it must stay -0).
   */
  private static final JsonValue.Num[] SMALL = new JsonValue.Num[1024 + 128];

  static {
    for (int i = 0; i < SMALL.length; i++) SMALL[i] = new JsonValue.Num(i - 128);
  }

  static JsonValue.Num number(double value) {
    if (value >= -128 && value < 1024 && value == (int) value) {
      if (value != 0 || Double.doubleToRawLongBits(value) == 0) return SMALL[(int) value + 128];
    }
    return new JsonValue.Num(value);
  }

  /** The structural equality records would have: same kinds, same scalars, same members. */
  static boolean equal(JsonValue a, JsonValue b) {
    Deque<JsonValue> left = new ArrayDeque<>();
    Deque<JsonValue> right = new ArrayDeque<>();
    left.push(a);
    right.push(b);
    while (!left.isEmpty()) {
      JsonValue x = left.pop();
      JsonValue y = right.pop();
      if (x == y) continue;
      if (x instanceof JsonArray xs) {
        if (!(y instanceof JsonArray ys)) return false;
        List<JsonValue> xe = xs.elements();
        List<JsonValue> ye = ys.elements();
        if (xe.size() != ye.size()) return false;
        for (int i = 0; i < xe.size(); i++) {
          left.push(xe.get(i));
          right.push(ye.get(i));
        }
      } else if (x instanceof JsonObject xo) {
        if (!(y instanceof JsonObject yo)) return false;
        if (xo.members().size() != yo.members().size()) return false;
        for (Map.Entry<String, JsonValue> member : xo.members().entrySet()) {
          JsonValue other = yo.members().get(member.getKey());
          if (other == null) return false;
          left.push(member.getValue());
          right.push(other);
        }
      } else if (!x.equals(y)) {
        return false;
      }
    }
    return true;
  }

  /**
   * A hash consistent with {@link #equal} that looks one level deep only: nested containers count
   * by kind and size, so hashing never walks a deep document.
   */
  static int hash(JsonValue value) {
    if (value instanceof JsonArray array) {
      int hash = 1;
      for (JsonValue element : array.elements()) hash = 31 * hash + shallow(element);
      return hash;
    }
    if (value instanceof JsonObject object) {
      int hash = 0;
      for (Map.Entry<String, JsonValue> member : object.members().entrySet()) {
        hash += member.getKey().hashCode() ^ shallow(member.getValue());
      }
      return hash;
    }
    return value.hashCode();
  }

  private static int shallow(JsonValue value) {
    if (value instanceof JsonArray array) return 17 + array.elements().size();
    if (value instanceof JsonObject object) return 53 + object.members().size();
    return value.hashCode();
  }
}
