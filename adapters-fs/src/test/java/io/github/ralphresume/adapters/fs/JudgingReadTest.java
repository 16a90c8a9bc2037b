package io.github.ralphresume.adapters.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ralphresume.domain.json.JsonText;
import io.github.ralphresume.domain.json.JsonValue;
import io.github.ralphresume.domain.model.CandidateQuery;
import io.github.ralphresume.domain.model.CandidateVerdict;
import io.github.ralphresume.domain.model.OmxSessionId;
import io.github.ralphresume.domain.model.RalphDocument;
import io.github.ralphresume.domain.model.StoredDocument;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The store reads a session's document for judging: it checks the whole file as {@code JSON.parse}
 * would but builds only the rule fields, and the rest when the document is rewritten. Whatever the
 * bytes, that must read exactly like a full parse: same verdict, same rule fields, same bytes when
 * written back. Checked on the Node-generated JSON table and on documents made to trip a partial
 * reader.
 */
class JudgingReadTest {
  private static final OmxSessionId SESSION = new OmxSessionId("prior-1");

  @TempDir Path root;

  static Stream<Arguments> goldenRows() {
    return JavaScriptJsonGoldenTest.rows();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldenRows")
  void givenGoldenFileBytes_readForJudging_readsLikeAFullParse(
      String name, JavaScriptJsonGoldenTest.Row row) throws IOException {
    assertReadsLikeAFullParse(row.input());
  }

  static Stream<Arguments> tricky() {
    return Stream.of(
        Arguments.of(
            "a repeated rule field keeps its last value",
            "{\"active\":false,\"owner_codex_session_id\":\"a\",\"active\":true}"),
        Arguments.of(
            "a number owner reads as JavaScript prints it",
            "{\"active\":true,\"owner_codex_session_id\":1e21}"),
        Arguments.of(
            "an array owner joins with commas",
            "{\"active\":true,\"owner_codex_session_id\":[1,\"codex-1\",null,[2,3]]}"),
        Arguments.of("an object owner", "{\"active\":true,\"owner_codex_session_id\":{\"a\":1}}"),
        Arguments.of(
            "rule fields nested in other members do not count",
            "{\"nested\":{\"active\":true,\"owner_codex_session_id\":\"codex-1\"},\"x\":[{\"active\":true}]}"),
        Arguments.of(
            "malformed inside a skipped member", "{\"active\":true,\"big\":{\"a\":[1,2,}}"),
        Arguments.of(
            "bad escape inside a skipped member", "{\"active\":true,\"big\":{\"a\":\"\\x\"}}"),
        Arguments.of(
            "raw control character inside a skipped member",
            "{\"active\":true,\"big\":[\"a\u0001b\"]}"),
        Arguments.of("trailing content after the object", "{\"active\":true} {}"),
        Arguments.of("unclosed object", "{\"active\":true,\"big\":[1,2,3]"),
        Arguments.of(
            "deep nesting in a skipped member",
            "{\"active\":true,\"deep\":" + "[".repeat(5000) + "]".repeat(5000) + "}"),
        Arguments.of(
            "non-ASCII in skipped and rule members",
            "{\"active\":true,\"note\":\"é ✓ \uD83D\uDE00\",\"current_phase\":\"exécution\"}"),
        Arguments.of("a NUL before the document", "\u0000{\"active\":true}"),
        Arguments.of(
            "a rule field name spelled with escapes",
            "{\"\\u0061ctive\":true,\"owner_codex_session_id\":\"codex-1\"}"),
        Arguments.of(
            "escaped non-ASCII member names",
            "{\"\\u00e9\":1,\"\\uD83D\\uDE00\":2,\"\\uDE00x\":3,\"\\u0000\":4,\"active\":true}"),
        Arguments.of(
            "a lone surrogate escape in a skipped name and a rule value",
            "{\"\\uD800\":1,\"active\":true,\"current_phase\":\"\\uDBFF\"}"),
        Arguments.of(
            "a document larger than the read buffer",
            "{\"notes\":\""
                + "x".repeat(40_000)
                + "\",\"active\":true,"
                + "\"owner_codex_session_id\":\"codex-1\"}"),
        Arguments.of(
            "a document larger than any kept buffer",
            "{\"notes\":[" + "\"0123456789\",".repeat(300_000) + "1],\"active\":true}"),
        Arguments.of("a top-level array", "[{\"active\":true}]"),
        Arguments.of("a top-level string", "\"active\""),
        Arguments.of("a top-level zero", "0"),
        Arguments.of("an empty object", "{}"),
        Arguments.of(
            "a matching legacy thread owner",
            "{\"active\":true,\"owner_codex_thread_id\":\" thread-9 \",\"updated_at\":\"2026-02-22\"}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tricky")
  void givenTrickyDocument_readForJudging_readsLikeAFullParse(String name, String text)
      throws IOException {
    assertReadsLikeAFullParse(text.getBytes(StandardCharsets.UTF_8));
  }

  static Stream<Arguments> trickyObjects() {
    return tricky().filter(arguments -> ((String) arguments.get()[1]).startsWith("{"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("trickyObjects")
  void givenInvalidUtf8InASkippedMember_readForJudging_readsLikeAFullParse(String name, String text)
      throws IOException {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    // Insert a member holding an invalid sequence (Node decodes it to U+FFFD) right after '{'.
    byte[] member = "\"bad\":\"\u0000\",".getBytes(StandardCharsets.UTF_8);
    member[7] = (byte) 0xC3;
    byte[] bytes = new byte[utf8.length + member.length];
    bytes[0] = '{';
    System.arraycopy(member, 0, bytes, 1, member.length);
    System.arraycopy(utf8, 1, bytes, 1 + member.length, utf8.length - 1);
    assertReadsLikeAFullParse(bytes);
  }

  private void assertReadsLikeAFullParse(byte[] bytes) throws IOException {
    Path stateDir = root.resolve("state");
    Path file = stateDir.resolve("sessions").resolve(SESSION.value()).resolve("ralph-state.json");
    Files.createDirectories(file.getParent());
    Files.write(file, bytes);

    StoredDocument judged = new FileRalphStateStore(stateDir).read(SESSION);
    StoredDocument full = FileRalphStateStore.readDocument(file);

    // The reference is Jackson's char reader over Node's decoding (the golden table checks that
    // against Node); the store reads plain ASCII through Jackson's byte reader.
    Optional<JsonValue> reference = JavaScriptJson.parse(Utf8.decode(bytes));
    assertEquals(
        reference.map(JsonText::pretty),
        JavaScriptJson.parse(bytes).map(JsonText::pretty),
        "the byte reader and the char reader disagree");
    assertEquals(full.getClass(), judged.getClass(), "what the read found");
    for (String payload : new String[] {"codex-1", "", "a", "1e+21", "thread-9"}) {
      CandidateQuery query = new CandidateQuery(payload, payload);
      assertEquals(
          CandidateVerdict.ownership(full, query),
          CandidateVerdict.ownership(judged, query),
          "verdict for payload \"" + payload + "\"");
    }
    if (!(full instanceof StoredDocument.Present present)) return;
    RalphDocument expected = present.document();
    RalphDocument actual = assertInstanceOf(StoredDocument.Present.class, judged).document();
    assertEquals(expected.isObject(), actual.isObject());
    assertEquals(expected.isActiveCandidate(), actual.isActiveCandidate());
    assertEquals(JsonText.pretty(expected.root()), JsonText.pretty(actual.root()), "bytes written");
    assertTrue(actual.sameBytesAs(expected));
  }
}
