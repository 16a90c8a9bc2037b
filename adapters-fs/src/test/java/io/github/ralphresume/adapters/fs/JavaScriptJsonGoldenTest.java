package io.github.ralphresume.adapters.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ralphresume.domain.json.JsonObject;
import io.github.ralphresume.domain.json.JsonText;
import io.github.ralphresume.domain.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reading and rewriting a document gives the bytes the TypeScript original writes: each row of
 * {@code json-golden/cases.tsv} holds file bytes and what Node produced for them with {@code
 * JSON.stringify(JSON.parse(readFile(…, 'utf-8')), null, 2)}, or {@code THROWS} when {@code
 * JSON.parse} threw. The table comes from {@code json-golden/generate.mjs} (run it with Node to
 * regenerate); this test does not need Node.
 */
class JavaScriptJsonGoldenTest {
  private static final String TABLE = "/json-golden/cases.tsv";
  private static final String THROWS = "THROWS";

  private static final Map<String, Row> ROWS = load();

  record Row(String name, byte[] input, String expected, int line) {
    boolean throwsInNode() {
      return expected == null;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static List<Row> rowsList() {
    return List.copyOf(ROWS.values());
  }

  static Stream<Arguments> rows() {
    return ROWS.values().stream().map(row -> Arguments.of(row.name(), row));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void givenFileBytes_parseThenWritePretty_matchesNodeOrFailsWhereNodeThrows(String name, Row row) {
    Optional<JsonValue> parsed = JavaScriptJson.parse(row.input());

    if (row.throwsInNode()) {
      assertTrue(
          parsed.isEmpty(),
          () ->
              "line "
                  + row.line()
                  + ": JSON.parse throws for \""
                  + name
                  + "\", but we read "
                  + JsonText.compact(parsed.get()));
    } else {
      assertTrue(parsed.isPresent(), () -> "line " + row.line() + ": we reject \"" + name + "\"");
      assertEquals(
          row.expected(),
          JsonText.pretty(parsed.get()),
          () -> "line " + row.line() + ": written bytes differ for \"" + name + "\"");
    }
  }

  @Test
  void givenGoldenTable_loaded_coversTheRequiredCases() {
    // Guards the table itself: a regenerated table that lost a category would weaken every test.
    for (String name :
        List.of(
            "number 1.50",
            "number 1e400",
            "number 123456789012345678901234",
            "number -0",
            "keys \"{\\\"b\\\":1,\\\"10\\\":2,\\\"a\\\":3,\\\"2\\\":4}\"",
            "keys \"{\\\"__proto__\\\":1}\"",
            "BOM before object",
            "utf-8 in a string: encoded surrogate ED A0 80",
            "utf-8 in a string: overlong NUL C0 80",
            "utf-8 in a string: F5",
            "utf-8 in a string: truncated three-byte E2 82",
            "NBSP before",
            "vertical tab before",
            "empty input",
            "malformed \"{}x\"",
            "lone high surrogate escape",
            "raw U+2028 and U+2029",
            "random doubles 0",
            "random document 0")) {
      assertTrue(ROWS.containsKey(name), () -> "golden table lacks the case \"" + name + "\"");
    }
    long throwing = ROWS.values().stream().filter(Row::throwsInNode).count();
    assertTrue(throwing >= 50 && ROWS.size() - throwing >= 250, "too few cases of one kind");
  }

  // A few rows spelled out, so a reader sees what the table checks without decoding base64.

  @Test
  void givenIntegerLikeKeys_parseThenWrite_indexKeysComeFirstInNumericOrder() {
    JsonValue parsed =
        parse(
            "{\"b\":1,\"10\":2,\"a\":3,\"2\":4,\"01\":5,\"-1\":6,\"4294967295\":7,\"4294967294\":8}");

    assertEquals(
        "{\"2\":4,\"10\":2,\"4294967294\":8,\"b\":1,\"a\":3,\"01\":5,\"-1\":6,\"4294967295\":7}",
        JsonText.compact(parsed));
    assertEquals(
        expected("keys \"{\\\"b\\\":1,\\\"10\\\":2,\\\"a\\\":3,\\\"2\\\":4}\""),
        JsonText.pretty(parse("{\"b\":1,\"10\":2,\"a\":3,\"2\":4}")));
  }

  @Test
  void givenDuplicateKeys_parse_lastValueWinsAtFirstPosition() {
    JsonValue parsed = parse("{\"a\":1,\"b\":2,\"a\":3,\"__proto__\":{\"x\":1}}");

    assertEquals("{\"a\":3,\"b\":2,\"__proto__\":{\"x\":1}}", JsonText.compact(parsed));
    assertTrue(((JsonObject) parsed).has("__proto__"));
  }

  @Test
  void givenNumbersJavaScriptPrintsDifferently_parseThenWrite_printsThemAsJavaScript() {
    JsonValue parsed =
        parse("[1.50, 1E2, -0, 2.0E-3, 1e-7, 0.000001, 1e21, 123456789012345678901234, 1e400]");

    assertEquals(
        "[1.5,100,0,0.002,1e-7,0.000001,1e+21,1.2345678901234569e+23,null]",
        JsonText.compact(parsed));
  }

  @Test
  void givenEncodedSurrogateBytes_parseThenWrite_writesThreeReplacementCharacters() {
    byte[] file = {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'};

    assertEquals(
        "\"\uFFFD\uFFFD\uFFFD\"", JsonText.pretty(JavaScriptJson.parse(file).orElseThrow()));
  }

  @Test
  void givenByteOrderMark_parse_isNoDocument() {
    byte[] file = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'};

    assertFalse(JavaScriptJson.parse(file).isPresent());
  }

  private static JsonValue parse(String text) {
    return JavaScriptJson.parse(text.getBytes(StandardCharsets.UTF_8)).orElseThrow();
  }

  private static String expected(String name) {
    return ROWS.get(name).expected();
  }

  private static Map<String, Row> load() {
    Map<String, Row> rows = new LinkedHashMap<>();
    Base64.Decoder base64 = Base64.getDecoder();
    for (GoldenTable.Row line : GoldenTable.read(JavaScriptJsonGoldenTest.class, TABLE, 3)) {
      String[] fields = line.fields();
      String expected =
          fields[2].equals(THROWS)
              ? null
              : new String(base64.decode(fields[2]), StandardCharsets.UTF_8);
      Row row = new Row(fields[0], base64.decode(fields[1]), expected, line.line());
      if (rows.put(row.name(), row) != null) {
        throw new IllegalStateException(TABLE + ":" + line.line() + " repeats " + row.name());
      }
    }
    return rows;
  }
}
