package io.github.ralphresume.domain.json;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * JavaScript's limits as the original meets them, measured with its reconcile on Node 20: {@code
 * JSON.stringify} writes a document whose deepest value is at depth 4,120 and fails at 4,121;
 * {@code String(array)} converts arrays nested 3,168 deep and fails at 3,169. Ours refuses exactly
 * there, with one line, and never recurses on the Java stack.
 */
class JavaScriptLimitsTest {

  /** A document {@code {"deep": ...}} whose deepest value sits at {@code depth}. */
  static JsonValue document(String innermost, int depth) {
    JsonValue value =
        switch (innermost) {
          case "scalar" -> JsonValue.of(1);
          case "empty-array" -> new JsonArray(List.of());
          default -> JsonObject.EMPTY;
        };
    // The root object is depth 1, so the innermost value is wrapped depth - 2 times.
    for (int level = depth - 1; level > 1; level--) {
      value =
          innermost.equals("empty-object")
              ? new JsonObject(Map.of("a", value))
              : new JsonArray(List.of(value));
    }
    return new JsonObject(Map.of("deep", value));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"scalar", "empty-array", "empty-object"})
  void givenTheOriginalsDeepestWritableDocument_itIsWrittenAndOneLevelMoreIsRefused(String kind) {
    assertDoesNotThrow(() -> JsonText.requireWritable(document(kind, JsonText.MAX_DEPTH)));

    JsonLimitException refused =
        assertThrows(
            JsonLimitException.class,
            () -> JsonText.pretty(document(kind, JsonText.MAX_DEPTH + 1)));
    assertEquals(
        "the document is nested deeper than 4120 levels, which JavaScript's JSON.stringify"
            + " cannot write either",
        refused.getMessage());
  }

  @Test
  void givenADocumentNestedAHundredThousandDeep_everyOperationAnswersWithoutRecursing() {
    JsonValue deep = nested(100_000);
    JsonValue other = nested(100_000);
    JsonValue document = new JsonObject(Map.of("deep", deep));

    assertThrows(JsonLimitException.class, () -> JsonText.pretty(document));
    assertEquals(deep, other);
    assertEquals(deep.hashCode(), other.hashCode());
    assertNotEquals(deep, new JsonArray(List.of(other)));
    assertTrue(JsonText.compact(document).startsWith("{\"deep\":[[[["));
    assertTrue(deep.toString().startsWith("JsonArray[[[["));
    assertThrows(JsonLimitException.class, () -> JsonStrings.toJsString(deep));
  }

  static JsonValue nested(int arrays) {
    JsonValue value = JsonValue.of("x");
    for (int i = 0; i < arrays; i++) value = new JsonArray(List.of(value));
    return value;
  }

  @Test
  void givenArraysNestedAsDeepAsStringConverts_theyAreJoinedAndOneMoreIsRefused() {
    JsonValue value = JsonValue.of("c1");
    for (int i = 0; i < JsonStrings.MAX_ARRAY_DEPTH; i++) value = new JsonArray(List.of(value));
    JsonValue deepest = value;

    assertEquals("c1", JsonStrings.toJsString(deepest));
    JsonLimitException refused =
        assertThrows(
            JsonLimitException.class,
            () -> JsonStrings.toJsString(new JsonArray(List.of(deepest))));
    assertEquals(
        "a field is an array nested deeper than 3168 levels, which JavaScript's String() cannot"
            + " convert either",
        refused.getMessage());
  }

  @Test
  void givenNestedArrays_stringJoinsThemAsJavaScriptDoes() {
    JsonValue nested =
        new JsonArray(
            List.of(
                new JsonArray(List.of(JsonValue.of(1), JsonValue.of(2))),
                JsonValue.NULL,
                new JsonArray(List.of()),
                JsonObject.EMPTY,
                JsonValue.of("a")));

    // String([[1,2],null,[],{},"a"]) in JavaScript.
    assertEquals("1,2,,,[object Object],a", JsonStrings.toJsString(nested));
  }

  @Test
  void givenALongString_itIsWrittenInPiecesWithoutSplittingASurrogatePair() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 10_000; i++) text.append("a\uD83D\uDE00\"\u0001");
    JsonValue value = JsonValue.of(text.toString());
    StringBuilder expected = new StringBuilder("\"");
    for (int i = 0; i < 10_000; i++) expected.append("a\uD83D\uDE00\\\"\\u0001");
    expected.append('"');

    java.io.StringWriter streamed = new java.io.StringWriter();
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    assertDoesNotThrow(() -> JsonText.pretty(value, streamed));
    assertDoesNotThrow(
        () -> JsonText.prettyUtf8(value, java.nio.channels.Channels.newChannel(bytes)));

    assertEquals(expected.toString(), JsonText.pretty(value));
    assertEquals(expected.toString(), streamed.toString());
    assertEquals(expected.toString(), bytes.toString(java.nio.charset.StandardCharsets.UTF_8));
  }
}
