package io.github.ralphresume.domain.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ralphresume.domain.js.JsNumbers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link JsonText} writes what JavaScript's {@code JSON.stringify} writes. The tables under {@code
 * json-golden/} were produced by Node with {@code
 * adapters-fs/src/test/resources/json-golden/generate.mjs} (which also writes the parse-and-write
 * table {@code JavaScriptJsonGoldenTest} replays); this test does not need Node.
 */
class JsonTextGoldenTest {

  // ---- numbers: JsNumbers.toJsString against String(x) for 5000 doubles ----

  static Stream<Arguments> numbers() {
    return rows("/json-golden/numbers.tsv", 4000).stream().map(f -> Arguments.of(f[0], f[1], f[2]));
  }

  @ParameterizedTest(name = "line {2}: {1}")
  @MethodSource("numbers")
  void givenDouble_toJsString_matchesNodeString(String bits, String expected, String line) {
    double value = Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16));

    assertEquals(
        expected, JsNumbers.toJsString(value), () -> "bits " + bits + " (line " + line + ")");
    // JSON.stringify prints a finite number as String(x) does.
    assertEquals(expected, JsonText.pretty(JsonValue.of(value)));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "1.50, 1.5",
    "1E2, 100",
    "-0, 0",
    "2.0E-3, 0.002",
    "1e-7, 1e-7",
    "0.000001, 0.000001",
    "1e21, 1e+21",
    "123456789012345678901234, 1.2345678901234569e+23",
    "5e-324, 5e-324",
    "1.7976931348623157e308, 1.7976931348623157e+308",
    "0.1, 0.1",
    "100, 100",
    "1e-6, 0.000001",
    "123e-20, 1.23e-18",
    "999999999999999999999, 1e+21",
    "100000000000000000000, 100000000000000000000",
    "-1.5e-7, -1.5e-7",
  })
  void givenNumberFromTheReference_pretty_printsAsJavaScript(String literal, String expected) {
    assertEquals(expected, JsonText.pretty(JsonValue.of(Double.parseDouble(literal))));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"Infinity", "-Infinity", "NaN"})
  void givenNonFiniteNumber_pretty_writesNull(String literal) {
    // 1e400 parses as Infinity; JSON.stringify writes every non-finite number as null.
    assertEquals("null", JsonText.pretty(JsonValue.of(Double.parseDouble(literal))));
    assertEquals(
        "[\n  null\n]",
        JsonText.pretty(new JsonArray(List.of(JsonValue.of(Double.parseDouble(literal))))));
  }

  // ---- strings: quoting against JSON.stringify(s) ----

  static Stream<Arguments> strings() {
    Base64.Decoder base64 = Base64.getDecoder();
    return rows("/json-golden/strings.tsv", 600).stream()
        .map(
            f -> Arguments.of(f[0], new String(base64.decode(f[1]), StandardCharsets.UTF_8), f[2]));
  }

  @ParameterizedTest(name = "line {2}: [{0}]")
  @MethodSource("strings")
  void givenString_pretty_quotesAsNode(String codeUnits, String expected, String line) {
    String text = fromCodeUnits(codeUnits);

    assertEquals(expected, JsonText.pretty(JsonValue.of(text)), () -> "code units " + codeUnits);
    // Keys are quoted the same way.
    assertEquals("{" + expected + ":1}", JsonText.compact(object(text, JsonValue.of(1))));
  }

  @Test
  void givenEscapesAndLoneSurrogates_pretty_escapesAsTheReferenceDescribes() {
    String text = "\"\\\b\f\n\r\t\u0001\u001f/\u2028\uD83D\uDE00\uD800x\uDC00";

    assertEquals(
        "\"\\\"\\\\\\b\\f\\n\\r\\t\\u0001\\u001f/\u2028\uD83D\uDE00\\ud800x\\udc00\"",
        JsonText.pretty(JsonValue.of(text)));
  }

  // ---- structure ----

  @Test
  void givenNestedAndEmptyContainers_pretty_indentsByTwoSpacesWithoutTrailingNewline() {
    JsonValue value =
        object(
            "a",
            new JsonArray(List.of()),
            "b",
            JsonObject.EMPTY,
            "c",
            new JsonArray(
                List.of(
                    JsonValue.of(1),
                    object("d", JsonValue.NULL),
                    new JsonArray(List.of(JsonValue.TRUE)))),
            "e",
            JsonValue.of("x"));

    // JSON.stringify({a:[],b:{},c:[1,{d:null},[true]],e:"x"}, null, 2)
    assertEquals(
        "{\n  \"a\": [],\n  \"b\": {},\n  \"c\": [\n    1,\n    {\n      \"d\": null\n    },\n"
            + "    [\n      true\n    ]\n  ],\n  \"e\": \"x\"\n}",
        JsonText.pretty(value));
    assertEquals(
        "{\"a\":[],\"b\":{},\"c\":[1,{\"d\":null},[true]],\"e\":\"x\"}", JsonText.compact(value));
  }

  @Test
  void givenTopLevelEmptyContainersAndScalars_pretty_writesThemBare() {
    assertEquals("{}", JsonText.pretty(JsonObject.EMPTY));
    assertEquals("[]", JsonText.pretty(new JsonArray(List.of())));
    assertEquals("false", JsonText.pretty(JsonValue.FALSE));
    assertEquals("null", JsonText.pretty(JsonValue.NULL));
    assertEquals("\"\"", JsonText.pretty(JsonValue.of("")));
  }

  // ---- key order after with() / without(), as JavaScript orders properties ----

  @Test
  void givenExistingKey_with_keepsItsPosition() {
    JsonObject doc =
        object("active", JsonValue.TRUE, "foreign", JsonValue.of(1), "iteration", JsonValue.of(4));

    JsonObject updated = doc.with("active", JsonValue.FALSE);

    assertEquals("{\"active\":false,\"foreign\":1,\"iteration\":4}", JsonText.compact(updated));
  }

  @Test
  void givenNewKey_with_appendsIt() {
    JsonObject doc = object("b", JsonValue.of(1), "a", JsonValue.of(2));

    assertEquals(
        "{\"b\":1,\"a\":2,\"stop_reason\":\"x\"}",
        JsonText.compact(doc.with("stop_reason", JsonValue.of("x"))));
  }

  @Test
  void givenRemovedThenSetAgain_withoutThenWith_movesTheKeyToTheEnd() {
    JsonObject doc = object("a", JsonValue.of(1), "b", JsonValue.of(2), "c", JsonValue.of(3));

    JsonObject removed = doc.without("b");
    JsonObject readded = removed.with("b", JsonValue.of(9));

    // const o = {a:1,b:2,c:3}; delete o.b; o.b = 9  →  {"a":1,"c":3,"b":9}
    assertEquals("{\"a\":1,\"c\":3}", JsonText.compact(removed));
    assertEquals("{\"a\":1,\"c\":3,\"b\":9}", JsonText.compact(readded));
  }

  @Test
  void givenAbsentKey_without_returnsTheSameObject() {
    JsonObject doc = object("a", JsonValue.of(1));

    assertSame(doc, doc.without("missing"));
  }

  @ParameterizedTest(name = "add {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // key added to {"b":1,"10":2,"a":3} | JavaScript's order afterwards
        "2          | {\"2\":0,\"10\":2,\"b\":1,\"a\":3}",
        "11         | {\"10\":2,\"11\":0,\"b\":1,\"a\":3}",
        "0          | {\"0\":0,\"10\":2,\"b\":1,\"a\":3}",
        "4294967294 | {\"10\":2,\"4294967294\":0,\"b\":1,\"a\":3}",
        "4294967295 | {\"10\":2,\"b\":1,\"a\":3,\"4294967295\":0}",
        "01         | {\"10\":2,\"b\":1,\"a\":3,\"01\":0}",
        "-1         | {\"10\":2,\"b\":1,\"a\":3,\"-1\":0}",
        "1.5        | {\"10\":2,\"b\":1,\"a\":3,\"1.5\":0}",
        "c          | {\"10\":2,\"b\":1,\"a\":3,\"c\":0}",
      })
  void givenIntegerLikeKey_with_placesItWhereJavaScriptDoes(String key, String expected) {
    JsonObject doc = object("b", JsonValue.of(1), "10", JsonValue.of(2), "a", JsonValue.of(3));

    assertEquals(expected, JsonText.compact(doc.with(key, JsonValue.of(0))));
  }

  @Test
  void givenDuplicateKeysInDefinitionOrder_ofDefinitionOrder_keepsFirstPositionAndLastValue() {
    List<Map.Entry<String, JsonValue>> members =
        List.of(
            Map.entry("a", JsonValue.of(1)),
            Map.entry("b", JsonValue.of(2)),
            Map.entry("a", JsonValue.of(3)),
            Map.entry("7", JsonValue.of(4)));

    assertEquals(
        "{\"7\":4,\"a\":3,\"b\":2}", JsonText.compact(JsonObject.ofDefinitionOrder(members)));
  }

  // ---- helpers ----

  private static JsonObject object(Object... keysAndValues) {
    LinkedHashMap<String, JsonValue> members = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      members.put((String) keysAndValues[i], (JsonValue) keysAndValues[i + 1]);
    }
    return new JsonObject(members);
  }

  private static String fromCodeUnits(String hex) {
    StringBuilder text = new StringBuilder();
    if (hex.isEmpty()) return "";
    for (String unit : hex.split(" ")) text.append((char) Integer.parseInt(unit, 16));
    return text.toString();
  }

  /** The table's rows as {columns…, line number}; fails when the table is unexpectedly small. */
  private static List<String[]> rows(String resource, int atLeast) {
    List<String[]> rows = new ArrayList<>();
    try (InputStream in = JsonTextGoldenTest.class.getResourceAsStream(resource)) {
      if (in == null) throw new IllegalStateException("missing test resource " + resource);
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.startsWith("#")) continue;
        String[] fields = line.split("\t", -1);
        if (fields.length != 2)
          throw new IllegalStateException(resource + ":" + number + " needs 2 columns");
        rows.add(new String[] {fields[0], fields[1], Integer.toString(number)});
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertTrue(rows.size() >= atLeast, resource + " has only " + rows.size() + " rows");
    return rows;
  }
}
