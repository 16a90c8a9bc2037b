package io.github.ralphresume.adapters.fs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.github.ralphresume.domain.json.JsonArray;
import io.github.ralphresume.domain.json.JsonObject;
import io.github.ralphresume.domain.json.JsonValue;
import io.github.ralphresume.domain.port.StateStoreException;
import java.io.IOException;
import java.util.AbstractMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parses JSON as JavaScript's {@code JSON.parse} does, with Jackson's streaming parser: numbers
 * become doubles ({@code 1e400} is infinite), a repeated key keeps its first position and its last
 * value, and anything {@code JSON.parse} rejects is rejected (no BOM, no trailing content).
 *
 * @since 0.1.0
 */
public final class JavaScriptJson {
  private JavaScriptJson() {}

  // JSON.parse has no nesting, string or number length limits worth the name; neither do we.
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(Integer.MAX_VALUE)
                  .maxNumberLength(Integer.MAX_VALUE)
                  .maxStringLength(Integer.MAX_VALUE)
                  .maxNameLength(Integer.MAX_VALUE)
                  .maxDocumentLength(-1)
                  .build())
          .build();

  /**
   * Parses file bytes, decoded as Node decodes them.
   *
   * @param bytes the file's bytes
   * @return the value; empty when {@code JSON.parse} would throw
   */
  public static Optional<JsonValue> parse(byte[] bytes) {
    if (bytes.length > COUNT_FIRST_BYTES) {
      // A large text is counted before it is built, so it is refused rather than run out of heap.
      Optional<Long> values = read(bytes, JavaScriptJson::countValues);
      if (values.isEmpty()) return Optional.empty();
      requireMemoryFor(values.get(), bytes.length);
    }
    return read(bytes, JavaScriptJson::whole);
  }

  /** Texts up to this size are built at once; their trees cannot strain the heap. */
  static final int COUNT_FIRST_BYTES = 8 * 1024 * 1024;

  /**
   * A generous estimate of what a tree costs per value (the value, its slot in its container, a
   * member's entry) and per byte of text (a string's characters, held in UTF-16 by the parser while
   * it is read, then as the string).
   */
  private static final long BYTES_PER_VALUE = 64;

  private static final long BYTES_PER_TEXT_BYTE = 4;

  /**
   * Fails when building the tree of a text of {@code bytes} holding {@code values} values could run
   * this JVM out of heap: a clear failure instead of an OutOfMemoryError.
   *
   * @throws StateStoreException when the estimate exceeds the heap left
   */
  static void requireMemoryFor(long values, long bytes) {
    long needed = values * BYTES_PER_VALUE + bytes * BYTES_PER_TEXT_BYTE;
    long available = heapLeft(needed);
    if (needed > available) {
      throw new StateStoreException(
          "a document of "
              + megabytes(bytes)
              + " MB with "
              + values
              + " values would need about "
              + megabytes(needed)
              + " MB of memory to rewrite, and this JVM has "
              + megabytes(available)
              + " MB left; give it more heap (-Xmx, e.g. through RALPH_RESUME_JAVA_OPTS)");
    }
  }

  /** Heap a tree under construction must leave free; below it the reading stops. */
  private static final long HEAP_RESERVE = 32L << 20;

  private static void requireHeapLeft() {
    Runtime runtime = Runtime.getRuntime();
    if (heapLeft(HEAP_RESERVE) < HEAP_RESERVE) {
      throw new StateStoreException(
          "a document is too large for this JVM's memory ("
              + megabytes(runtime.maxMemory())
              + " MB of heap); give it more heap (-Xmx, e.g. through RALPH_RESUME_JAVA_OPTS)");
    }
  }

  /**
   * The heap not in use. What is in use includes garbage not yet collected, so when that is less
   * than {@code wanted}, a collection is asked for once before the answer is taken as final: a
   * refusal is for documents that do not fit, not for garbage (this happens only for documents of
   * many megabytes).
   */
  private static long heapLeft(long wanted) {
    Runtime runtime = Runtime.getRuntime();
    long left = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
    if (left >= wanted) return left;
    System.gc();
    return runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
  }

  private static long megabytes(long bytes) {
    return (bytes + (1 << 20) - 1) >> 20;
  }

  /** Counts the values of a valid text without building them; empty when it is not valid. */
  private static Optional<Long> countValues(JsonParser parser) throws IOException {
    long values = 0;
    JsonToken token;
    while ((token = parser.nextToken()) != null) {
      if (token != JsonToken.FIELD_NAME
          && token != JsonToken.END_ARRAY
          && token != JsonToken.END_OBJECT) {
        values++;
      }
    }
    return Optional.of(values);
  }

  /**
   * Parses text.
   *
   * @param text the JSON text
   * @return the value; empty when {@code JSON.parse} would throw
   */
  public static Optional<JsonValue> parse(String text) {
    return read(text, JavaScriptJson::whole);
  }

  /** One way of reading a document off a parser; empty (or an exception) rejects the text. */
  @FunctionalInterface
  private interface Reading<T> {
    Optional<T> from(JsonParser parser) throws IOException;
  }

  @FunctionalInterface
  private interface ParserSource {
    JsonParser open() throws IOException;
  }

  private static <T> Optional<T> read(byte[] bytes, Reading<T> reading) {
    if (isPlainAscii(bytes)) {
      Optional<T> fast = attempt(() -> FACTORY.createParser(bytes), reading);
      // Jackson's byte reader rejects a few texts its char reader accepts (a lone surrogate escape
      // in a member name), so a rejection is settled by the char reader below.
      if (fast.isPresent()) return fast;
    }
    return read(Utf8.decode(bytes), reading);
  }

  private static <T> Optional<T> read(String text, Reading<T> reading) {
    // JSON.parse treats a byte-order mark as an unexpected token.
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') return Optional.empty();
    return attempt(() -> FACTORY.createParser(text), reading);
  }

  private static <T> Optional<T> attempt(ParserSource source, Reading<T> reading) {
    try (JsonParser parser = source.open()) {
      return reading.from(parser);
    } catch (IOException | NumberFormatException malformed) {
      return Optional.empty();
    }
  }

  private static Optional<JsonValue> whole(JsonParser parser) throws IOException {
    JsonToken first = parser.nextToken();
    if (first == null) return Optional.empty();
    JsonValue value = readValue(parser, first);
    if (parser.nextToken() != null) return Optional.empty();
    return Optional.of(value);
  }

  /**
   * Whether the bytes are ASCII without NUL. Such text decodes the same in every way, so Jackson
   * may read the bytes directly; a NUL is excluded because Jackson would take leading NULs as a
   * sign of UTF-16 or UTF-32 (JSON.parse rejects a NUL anywhere, and so does the text path).
   */
  private static boolean isPlainAscii(byte[] bytes) {
    for (byte b : bytes) {
      if (b <= 0) return false;
    }
    return true;
  }

  /** Builds the tree without recursion, so deep nesting cannot overflow the stack. */
  private static JsonValue readValue(JsonParser parser, JsonToken first) throws IOException {
    if (first != JsonToken.START_OBJECT && first != JsonToken.START_ARRAY) {
      return scalar(parser, first, null);
    }
    Map<String, JsonValue> shared = new HashMap<>();
    Deque<Container> stack = new ArrayDeque<>();
    stack.push(new Container(first == JsonToken.START_OBJECT));
    long tokens = 0;
    while (true) {
      JsonToken token = parser.nextToken();
      if (token == null) throw new IOException("unexpected end of input");
      // A text the estimate did not cover (one too small to be counted first, in a small heap)
      // still stops short of the heap's end.
      if ((++tokens & 0xFFFF) == 0) requireHeapLeft();
      Container top = stack.peek();
      JsonValue completed;
      switch (token) {
        case FIELD_NAME -> {
          top.pendingName = parser.currentName();
          continue;
        }
        case START_OBJECT, START_ARRAY -> {
          stack.push(new Container(token == JsonToken.START_OBJECT));
          continue;
        }
        case END_OBJECT, END_ARRAY -> {
          stack.pop();
          completed = top.build();
          if (stack.isEmpty()) return completed;
          top = stack.peek();
        }
        default -> completed = scalar(parser, token, shared);
      }
      top.add(completed);
    }
  }

  /** Short strings seen this often in one document are shared rather than held again. */
  private static final int SHARED_MAX_CHARS = 32;

  private static final int SHARED_MAX_ENTRIES = 4096;

  private static JsonValue scalar(JsonParser parser, JsonToken token, Map<String, JsonValue> shared)
      throws IOException {
    return switch (token) {
      case VALUE_STRING -> string(parser.getText(), shared);
      case VALUE_NUMBER_INT ->
          // Up to 15 digits an integer is exact as a long and as a double: no text to parse.
          parser.getTextLength() <= 15
              ? integer(parser)
              : JsonValue.of(Double.parseDouble(parser.getText()));
      case VALUE_NUMBER_FLOAT -> JsonValue.of(Double.parseDouble(parser.getText()));
      case VALUE_TRUE -> JsonValue.TRUE;
      case VALUE_FALSE -> JsonValue.FALSE;
      case VALUE_NULL -> JsonValue.NULL;
      default -> throw new IOException("unexpected token " + token);
    };
  }

  private static JsonValue integer(JsonParser parser) throws IOException {
    long value = parser.getLongValue();
    if (value == 0 && parser.getTextCharacters()[parser.getTextOffset()] == '-') {
      return JsonValue.of(-0.0); // JSON.parse("-0") is -0
    }
    return JsonValue.of((double) value);
  }

  private static JsonValue string(String text, Map<String, JsonValue> shared) {
    if (shared == null || text.length() > SHARED_MAX_CHARS) return JsonValue.of(text);
    JsonValue known = shared.get(text);
    if (known != null) return known;
    JsonValue value = JsonValue.of(text);
    if (shared.size() < SHARED_MAX_ENTRIES) shared.put(text, value);
    return value;
  }

  private static final class Container {
    final boolean object;
    final List<Map.Entry<String, JsonValue>> members;
    final List<JsonValue> elements;
    String pendingName;

    Container(boolean object) {
      this.object = object;
      this.members = object ? new ArrayList<>() : null;
      this.elements = object ? null : new ArrayList<>();
    }

    void add(JsonValue value) {
      if (object) {
        members.add(new AbstractMap.SimpleImmutableEntry<>(pendingName, value));
      } else {
        elements.add(value);
      }
    }

    JsonValue build() {
      return object ? JsonObject.ofDefinitionOrder(members) : new JsonArray(elements);
    }
  }
}
