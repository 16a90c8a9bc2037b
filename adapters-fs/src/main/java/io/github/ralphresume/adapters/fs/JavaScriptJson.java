package io.github.ralphresume.adapters.fs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.github.ralphresume.domain.json.JsonArray;
import io.github.ralphresume.domain.json.JsonObject;
import io.github.ralphresume.domain.json.JsonValue;
import java.io.IOException;
import java.util.AbstractMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
    return read(bytes, JavaScriptJson::whole);
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
      return scalar(parser, first);
    }
    Deque<Container> stack = new ArrayDeque<>();
    stack.push(new Container(first == JsonToken.START_OBJECT));
    while (true) {
      JsonToken token = parser.nextToken();
      if (token == null) throw new IOException("unexpected end of input");
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
        default -> completed = scalar(parser, token);
      }
      top.add(completed);
    }
  }

  private static JsonValue scalar(JsonParser parser, JsonToken token) throws IOException {
    return switch (token) {
      case VALUE_STRING -> JsonValue.of(parser.getText());
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT ->
          JsonValue.of(Double.parseDouble(parser.getText()));
      case VALUE_TRUE -> JsonValue.TRUE;
      case VALUE_FALSE -> JsonValue.FALSE;
      case VALUE_NULL -> JsonValue.NULL;
      default -> throw new IOException("unexpected token " + token);
    };
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
