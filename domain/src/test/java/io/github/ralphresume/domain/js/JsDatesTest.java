package io.github.ralphresume.domain.js;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code new Date(ms).toISOString()}, as node prints it, for the timestamps documents get. */
class JsDatesTest {
  @ParameterizedTest
  @CsvSource({
    "0, 1970-01-01T00:00:00.000Z",
    "-1, 1969-12-31T23:59:59.999Z",
    "1771761600000, 2026-02-22T12:00:00.000Z",
    "1771761600007, 2026-02-22T12:00:00.007Z",
    "951782400000, 2000-02-29T00:00:00.000Z",
    "253402300799999, 9999-12-31T23:59:59.999Z",
    "-62135596800000, 0001-01-01T00:00:00.000Z"
  })
  void givenEpochMillis_toIsoString_printsWhatNodePrints(long millis, String expected) {
    assertEquals(expected, JsDates.toIsoString(millis));
  }
}
