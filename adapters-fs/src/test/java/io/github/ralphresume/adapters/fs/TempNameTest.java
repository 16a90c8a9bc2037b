package io.github.ralphresume.adapters.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A crashed writer's temp file is recognised by its name, {@code <file>.tmp-<pid>-<ms>-<hex>} as
 * the original writes it; only then is its pid checked and the file removed. Anything else in a
 * session directory is never touched.
 */
class TempNameTest {
  private static final String FILE = "ralph-state.json";
  // The rule as a regular expression, the oracle for the hand-written reader.
  private static final Pattern RULE = Pattern.compile("(.+)\\.tmp-(\\d+)-(\\d+)-[0-9a-f]+");

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "ralph-state.json.tmp-4242-1771718400000-9f3ab, 4242",
    "ralph-state.json.tmp-1-2-a, 1",
    "ralph-state.json.tmp-4242-1771718400000-, ''",
    "ralph-state.json.tmp-4242-1771718400000-9F3AB, ''",
    "ralph-state.json.tmp-4242--9f3ab, ''",
    "ralph-state.json.tmp--17-9f3ab, ''",
    "ralph-state.json.tmp-4242-1771718400000, ''",
    "ralph-state.json.tmp-99999999999999999999-1-a, ''",
    "other.json.tmp-4242-1771718400000-9f3ab, ''",
    "xralph-state.json.tmp-4242-1-a, ''",
    "ralph-state.json.tmp-42x-1-a, ''",
    "ralph-state.json, ''",
  })
  void givenName_writerPid_isThePidOnlyForTheOriginalsTempNames(String name, String pid) {
    Optional<Long> expected = pid.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(pid));

    assertEquals(expected, AtomicFileWriter.writerPid(name, FILE));
  }

  @Test
  void givenRandomNames_writerPid_agreesWithTheRegularExpression() {
    Random random = new Random(7);
    String alphabet = "0123456789abcdefF-.xtmp";
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      StringBuilder tail = new StringBuilder();
      int length = random.nextInt(12);
      for (int j = 0; j < length; j++)
        tail.append(alphabet.charAt(random.nextInt(alphabet.length())));
      names.add(FILE + ".tmp-" + tail);
      names.add(FILE + tail);
    }
    for (String name : names) {
      assertEquals(oracle(name), AtomicFileWriter.writerPid(name, FILE), name);
    }
  }

  private static Optional<Long> oracle(String name) {
    Matcher matcher = RULE.matcher(name);
    if (!matcher.matches() || !matcher.group(1).equals(FILE)) return Optional.empty();
    try {
      return Optional.of(Long.parseLong(matcher.group(2)));
    } catch (NumberFormatException tooLong) {
      return Optional.empty();
    }
  }
}
