package io.github.ralphresume.domain.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code resolveActiveStateStaleThresholdMs}: {@code OMX_RALPH_ACTIVE_STATE_STALE_MS}, else {@code
 * OMX_RALPH_RESUME_STALE_MS}, else 24 h, each read with {@code Number.parseInt(s.trim(), 10)} and
 * taken only when finite and positive. Expected values were checked with Node.
 */
class StaleThresholdTest {
  private static final double DAY = 86_400_000;

  @ParameterizedTest(name = "OMX_RALPH_ACTIVE_STATE_STALE_MS=\"{0}\" -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "1000abc                | 1000",
        "1e3                    | 1",
        "1.9                    | 1",
        "99999999999999999999   | 1e20",
        "'  250  '              | 250",
        "'\t\n250\r'            | 250",
        "+7                     | 7",
        "00012                  | 12",
        "1_000                  | 1",
        // JavaScript's trim also strips NBSP and U+2028.
        "'\u00a042\u2028'       | 42",
      })
  void givenActiveStateVariable_from_parsesItAsParseInt(String raw, double expected) {
    StaleThreshold threshold = StaleThreshold.from(env(raw, null));

    assertEquals(expected, threshold.millis());
  }

  @ParameterizedTest(name = "OMX_RALPH_ACTIVE_STATE_STALE_MS=\"{0}\" is not used")
  @CsvSource({
    "0x10",
    "0",
    "-5",
    "-0",
    "''",
    "'   '",
    "abc",
    "Infinity",
    "NaN",
    "-1000abc",
    "' - 5'"
  })
  void givenActiveStateVariableNotPositive_from_fallsThroughToResumeVariable(String raw) {
    assertEquals(5000, StaleThreshold.from(env(raw, "5000")).millis());
    assertEquals(DAY, StaleThreshold.from(env(raw, null)).millis());
  }

  @ParameterizedTest(name = "active \"{0}\", resume \"{1}\" -> {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "2000 | 5000 | 2000",
        "-    | 5000 | 5000",
        "-    | 1.9  | 1",
        "-    | 0    | 86400000",
        "-    | -    | 86400000",
        "0x10 | abc  | 86400000",
        "1    | -    | 1",
      })
  void givenBothVariables_from_activeStateWinsThenResumeThenDefault(
      String active, String resume, double expected) {
    assertEquals(expected, StaleThreshold.from(env(active, resume)).millis());
  }

  private static Environment env(String active, String resume) {
    Map<String, String> variables = new HashMap<>();
    if (active != null) variables.put(StaleThreshold.ACTIVE_STATE_VARIABLE, active);
    if (resume != null) variables.put(StaleThreshold.RESUME_VARIABLE, resume);
    return Environment.ofProcess(variables);
  }
}
