package io.github.ralphresume.domain.js;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * A port of JavaScript's {@code Date.parse(string)} as V8 (Node 20) implements it, so that Java
 * code takes the same timestamp decisions as the TypeScript tool it mirrors.
 *
 * <p>V8 first tries the ECMAScript date-time string format (a profile of ISO 8601) and then falls
 * back to its "legacy" parser, which accepts most strings produced by {@code
 * Date.prototype.toString} and friends plus a lot of accidental leniency. Both stages share one
 * tokenizer. The structure below follows V8's {@code src/date/dateparser*} (tokenizer, ES5 pass,
 * legacy pass, day/time/zone composers) and {@code ParseDateTimeString} (MakeDay, MakeTime,
 * local-time conversion, TimeClip), so that odd inputs fail or succeed exactly as they do in Node.
 * The behaviour is pinned by a golden table generated with real Node ({@code
 * src/test/resources/js/date-parse-golden.tsv}).
 */
public final class JsDateParser {

  /** Marks an absent composer field, like V8's {@code kNone}. */
  private static final int NONE = Integer.MAX_VALUE;

  /** Digits beyond this many (after leading zeros) do not contribute to a number's value. */
  private static final int MAX_SIGNIFICANT_DIGITS = 9;

  private static final long MS_PER_DAY = 86_400_000L;

  /** ECMAScript's time value range: +/- 100,000,000 days around the epoch. */
  private static final long MAX_TIME_MS = 8_640_000_000_000_000L;

  /**
   * V8 refuses to convert local times further out than this before subtracting the zone offset. Any
   * local time beyond {@link #MAX_TIME_MS} plus one day ends up NaN anyway, so the exact margin is
   * not observable.
   */
  private static final long MAX_LOCAL_TIME_MS = MAX_TIME_MS + 10 * MS_PER_DAY;

  /** MakeDay's accepted year range. */
  private static final int MAX_ABS_YEAR = 1_000_000;

  private JsDateParser() {}

  /**
   * Parses {@code text} exactly as {@code Date.parse(text)} does in Node 20 (V8 11.3) running with
   * {@code localZone} as its local time zone.
   *
   * <p>Date-only ISO forms ({@code 2026-02-22}) are UTC; ISO date-time forms without an offset and
   * all legacy forms without a zone are local time. In a DST gap or overlap the local time is read
   * with the offset in force before the transition, as V8 (through ICU) does. The text is not
   * trimmed: as in V8, {@code " 2026-02-22"} misses the ISO format and is read by the legacy parser
   * as local midnight.
   *
   * @param text the string that would be passed to {@code Date.parse}
   * @param localZone the time zone the JavaScript process would run in
   * @return milliseconds since the epoch, or empty where {@code Date.parse} returns {@code NaN}
   */
  public static OptionalLong parse(String text, ZoneId localZone) {
    Objects.requireNonNull(localZone, "localZone");
    return parse(text, () -> localZone);
  }

  /**
   * {@link #parse(String, ZoneId)}, asking for the local zone only when the text has no offset
   * (finding the system's zone reads the zone database, a cost a short run should not pay).
   *
   * @param text the string that would be passed to {@code Date.parse}
   * @param localZone gives the time zone the JavaScript process would run in
   * @return milliseconds since the epoch, or empty where {@code Date.parse} returns {@code NaN}
   */
  public static OptionalLong parse(String text, Supplier<ZoneId> localZone) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(localZone, "localZone");
    Parser parser = new Parser(text);
    if (!parser.parse()) {
      return OptionalLong.empty();
    }
    return toTimeValue(parser, localZone);
  }

  /** V8's ParseDateTimeString after a successful parse: MakeDay, MakeTime, zone, TimeClip. */
  private static OptionalLong toTimeValue(Parser parsed, Supplier<ZoneId> localZone) {
    if (Math.abs(parsed.year) > MAX_ABS_YEAR) {
      return OptionalLong.empty();
    }
    long day = daysFromEpoch(parsed.year, parsed.month) + parsed.day - 1;
    long timeOfDay =
        parsed.hour * 3_600_000L
            + parsed.minute * 60_000L
            + parsed.second * 1_000L
            + parsed.millisecond;
    long date = day * MS_PER_DAY + timeOfDay;
    if (parsed.hasUtcOffset) {
      date -= parsed.utcOffsetSeconds * 1_000L;
    } else {
      if (date < -MAX_LOCAL_TIME_MS || date > MAX_LOCAL_TIME_MS) {
        return OptionalLong.empty();
      }
      date -= localOffsetMillis(date, localZone.get());
    }
    if (date < -MAX_TIME_MS || date > MAX_TIME_MS) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(date);
  }

  /**
   * The offset to subtract from a local time. For skipped and repeated local times this is the
   * offset before the transition, matching ICU's {@code getOffsetFromLocal(FORMER, FORMER)} used by
   * V8; that is also what {@link ZoneRules#getOffset(LocalDateTime)} returns.
   */
  private static long localOffsetMillis(long localMillis, ZoneId zone) {
    ZoneRules rules = zone.getRules();
    if (rules.isFixedOffset()) {
      return rules.getOffset(Instant.EPOCH).getTotalSeconds() * 1_000L;
    }
    LocalDateTime local =
        LocalDateTime.ofEpochSecond(
            Math.floorDiv(localMillis, 1_000L),
            (int) Math.floorMod(localMillis, 1_000L) * 1_000_000,
            ZoneOffset.UTC);
    return rules.getOffset(local).getTotalSeconds() * 1_000L;
  }

  /**
   * Days from 1970-01-01 to the first day of the given proleptic Gregorian year and 0-based month.
   */
  private static long daysFromEpoch(int year, int month) {
    long y = year;
    long daysToYear =
        365 * (y - 1970)
            + Math.floorDiv(y - 1969, 4)
            - Math.floorDiv(y - 1901, 100)
            + Math.floorDiv(y - 1601, 400);
    boolean leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    return daysToYear + (leap ? LEAP_DAYS_BEFORE_MONTH : DAYS_BEFORE_MONTH)[month];
  }

  private static final int[] DAYS_BEFORE_MONTH = {
    0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334
  };
  private static final int[] LEAP_DAYS_BEFORE_MONTH = {
    0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335
  };

  // ---------------------------------------------------------------------------------------------
  // Tokens. A token is packed into a long (tag, length, value) so scanning allocates nothing.

  private static final int TAG_INVALID = -6;
  private static final int TAG_UNKNOWN = -5;
  private static final int TAG_WHITE_SPACE = -4;
  private static final int TAG_NUMBER = -3;
  private static final int TAG_SYMBOL = -2;
  private static final int TAG_END_OF_INPUT = -1;
  // Keyword tokens use their keyword type (all >= 0) as tag; unknown words are keywords of type
  // INVALID.
  private static final int KEYWORD_INVALID = 0;
  private static final int KEYWORD_MONTH_NAME = 1;
  private static final int KEYWORD_TIME_ZONE_NAME = 2;
  private static final int KEYWORD_TIME_SEPARATOR = 3;
  private static final int KEYWORD_AM_PM = 4;

  /**
   * Only lengths up to 9 matter (fixed-length checks, millisecond digits), so longer ones are
   * capped.
   */
  private static final int MAX_TRACKED_LENGTH = 0xFFFF;

  private static final long END_OF_INPUT = token(TAG_END_OF_INPUT, 0, -1);
  private static final long INVALID = token(TAG_INVALID, 0, -1);
  private static final long UNKNOWN = token(TAG_UNKNOWN, 1, -1);

  private static long token(int tag, int length, int value) {
    return ((long) value << 32) | ((long) Math.min(length, MAX_TRACKED_LENGTH) << 8) | (tag & 0xFF);
  }

  private static int tag(long token) {
    return (byte) token;
  }

  private static int length(long token) {
    return (int) ((token >>> 8) & 0xFFFFFF);
  }

  private static int value(long token) {
    return (int) (token >>> 32);
  }

  private static boolean isNumber(long token) {
    return tag(token) == TAG_NUMBER;
  }

  private static boolean isFixedLengthNumber(long token, int length) {
    return isNumber(token) && length(token) == length;
  }

  private static boolean isSymbol(long token, char symbol) {
    return tag(token) == TAG_SYMBOL && value(token) == symbol;
  }

  private static boolean isAsciiSign(long token) {
    return isSymbol(token, '+') || isSymbol(token, '-');
  }

  private static boolean isKeywordZ(long token) {
    return tag(token) == KEYWORD_TIME_ZONE_NAME && length(token) == 1 && value(token) == 0;
  }

  /**
   * Keywords as {prefix0, prefix1, prefix2, type, value}; a 0 prefix char means "word ends here".
   */
  private static final int[][] KEYWORDS = {
    {'j', 'a', 'n', KEYWORD_MONTH_NAME, 1},
    {'f', 'e', 'b', KEYWORD_MONTH_NAME, 2},
    {'m', 'a', 'r', KEYWORD_MONTH_NAME, 3},
    {'a', 'p', 'r', KEYWORD_MONTH_NAME, 4},
    {'m', 'a', 'y', KEYWORD_MONTH_NAME, 5},
    {'j', 'u', 'n', KEYWORD_MONTH_NAME, 6},
    {'j', 'u', 'l', KEYWORD_MONTH_NAME, 7},
    {'a', 'u', 'g', KEYWORD_MONTH_NAME, 8},
    {'s', 'e', 'p', KEYWORD_MONTH_NAME, 9},
    {'o', 'c', 't', KEYWORD_MONTH_NAME, 10},
    {'n', 'o', 'v', KEYWORD_MONTH_NAME, 11},
    {'d', 'e', 'c', KEYWORD_MONTH_NAME, 12},
    {'a', 'm', 0, KEYWORD_AM_PM, 0},
    {'p', 'm', 0, KEYWORD_AM_PM, 12},
    {'u', 't', 0, KEYWORD_TIME_ZONE_NAME, 0},
    {'u', 't', 'c', KEYWORD_TIME_ZONE_NAME, 0},
    {'z', 0, 0, KEYWORD_TIME_ZONE_NAME, 0},
    {'g', 'm', 't', KEYWORD_TIME_ZONE_NAME, 0},
    {'c', 'd', 't', KEYWORD_TIME_ZONE_NAME, -5},
    {'c', 's', 't', KEYWORD_TIME_ZONE_NAME, -6},
    {'e', 'd', 't', KEYWORD_TIME_ZONE_NAME, -4},
    {'e', 's', 't', KEYWORD_TIME_ZONE_NAME, -5},
    {'m', 'd', 't', KEYWORD_TIME_ZONE_NAME, -6},
    {'m', 's', 't', KEYWORD_TIME_ZONE_NAME, -7},
    {'p', 'd', 't', KEYWORD_TIME_ZONE_NAME, -7},
    {'p', 's', 't', KEYWORD_TIME_ZONE_NAME, -8},
    {'t', 0, 0, KEYWORD_TIME_SEPARATOR, 0},
  };

  /**
   * Only the first three characters of a word count, so "Febuary" is February and "Sunday" is
   * noise; words longer than three characters only match month names ("UTCX" is not UTC).
   */
  private static long keywordToken(int p0, int p1, int p2, int wordLength) {
    if (wordLength == 1) {
      // Shortcut for the ISO 'T' and 'Z'; the only one-letter entries of the table.
      if (p0 == 't') {
        return token(KEYWORD_TIME_SEPARATOR, 1, 0);
      }
      return p0 == 'z' ? token(KEYWORD_TIME_ZONE_NAME, 1, 0) : token(KEYWORD_INVALID, 1, 0);
    }
    for (int[] keyword : KEYWORDS) {
      if (keyword[0] == p0
          && keyword[1] == p1
          && keyword[2] == p2
          && (wordLength <= 3 || keyword[3] == KEYWORD_MONTH_NAME)) {
        return token(keyword[3], wordLength, keyword[4]);
      }
    }
    return token(KEYWORD_INVALID, wordLength, 0);
  }

  /** ECMAScript WhiteSpace (TAB, VT, FF, ZWNBSP and Unicode Zs), without line terminators. */
  private static boolean isWhiteSpace(int c) {
    return c == 0x09
        || c == 0x0B
        || c == 0x0C
        || c == 0x20
        || c == 0xA0
        || c == 0x1680
        || (c >= 0x2000 && c <= 0x200A)
        || c == 0x202F
        || c == 0x205F
        || c == 0x3000
        || c == 0xFEFF;
  }

  private static boolean isLineTerminator(int c) {
    return c == 0x0A || c == 0x0D || c == 0x2028 || c == 0x2029;
  }

  private static boolean isMonth(int x) {
    return x >= 1 && x <= 12;
  }

  private static boolean isDay(int x) {
    return x >= 1 && x <= 31;
  }

  private static boolean isHour(int x) {
    return x >= 0 && x <= 23;
  }

  private static boolean isHour12(int x) {
    return x >= 0 && x <= 12;
  }

  private static boolean isMinute(int x) {
    return x >= 0 && x <= 59;
  }

  private static boolean isSecond(int x) {
    return x >= 0 && x <= 59;
  }

  private static boolean isMillisecond(int x) {
    return x >= 0 && x <= 999;
  }

  /**
   * The first three significant digits of a fraction, using the digit count to tell how many
   * leading zeros there were: ".5" is 500 ms and ".123456" is 123 ms (truncated, not rounded).
   */
  private static int readMilliseconds(long numberToken) {
    int number = value(numberToken);
    int length = length(numberToken);
    if (length == 1) {
      return number * 100;
    }
    if (length == 2) {
      return number * 10;
    }
    int divisor = 1;
    for (int digits = Math.min(length, MAX_SIGNIFICANT_DIGITS); digits > 3; digits--) {
      divisor *= 10;
    }
    return number / divisor;
  }

  // ---------------------------------------------------------------------------------------------

  /** One parse: tokenizer state, the three composers, and the composed fields. */
  private static final class Parser {
    private final String text;

    /** Index of {@link #ch}; {@code ch} is 0 at the end (and, as in V8, at an embedded NUL). */
    private int pos;

    private int ch;

    /** The look-ahead token. */
    private long peek;

    // DayComposer
    private final int[] dayParts = new int[3];
    private int dayCount;
    private int namedMonth = NONE;
    private boolean isoDate;

    // TimeComposer
    private final int[] timeParts = new int[4];
    private int timeCount;
    private int hourOffset = NONE;

    // TimeZoneComposer
    private int zoneSign = NONE;
    private int zoneHour = NONE;
    private int zoneMinute = NONE;

    // Output
    private int year;
    private int month; // 0-based
    private int day;
    private int hour;
    private int minute;
    private int second;
    private int millisecond;
    private boolean hasUtcOffset;
    private int utcOffsetSeconds;

    Parser(String text) {
      this.text = text;
      this.pos = -1;
      advance();
      this.peek = scan();
    }

    // ---- input reader and tokenizer ----

    private void advance() {
      pos++;
      ch = pos < text.length() ? text.charAt(pos) : 0;
    }

    private long scan() {
      int start = pos;
      if (ch == 0) {
        return END_OF_INPUT;
      }
      if (ch >= '0' && ch <= '9') {
        // Leading zeros are skipped so they do not use up the significant digits,
        // but they still count towards the length ("0002" is a four-digit year).
        while (ch == '0') {
          advance();
        }
        int n = 0;
        int digits = 0;
        while (ch >= '0' && ch <= '9') {
          if (digits < MAX_SIGNIFICANT_DIGITS) {
            n = n * 10 + (ch - '0');
          }
          digits++;
          advance();
        }
        return token(TAG_NUMBER, pos - start, n);
      }
      if (ch == ':' || ch == '-' || ch == '+' || ch == '.' || ch == ')') {
        int symbol = ch;
        advance();
        return token(TAG_SYMBOL, 1, symbol);
      }
      if (ch >= 'A' && !isWhiteSpace(ch)) {
        // A word is any run of characters from 'A' up (so also '[', '_', accented letters,
        // U+2028...). Only its lower-cased three-character prefix and length matter.
        int p0 = 0;
        int p1 = 0;
        int p2 = 0;
        int length = 0;
        while (ch >= 'A' && !isWhiteSpace(ch)) {
          int lower = ch | 0x20;
          if (length == 0) {
            p0 = lower;
          } else if (length == 1) {
            p1 = lower;
          } else if (length == 2) {
            p2 = lower;
          }
          length++;
          advance();
        }
        return keywordToken(p0, p1, p2, length);
      }
      if (isWhiteSpace(ch) || isLineTerminator(ch)) {
        advance();
        return token(TAG_WHITE_SPACE, 1, -1);
      }
      if (ch == '(') {
        // Comments nest; an unbalanced one runs to the end of the input.
        int balance = 0;
        do {
          if (ch == ')') {
            balance--;
          } else if (ch == '(') {
            balance++;
          }
          advance();
        } while (balance > 0 && ch != 0);
        return UNKNOWN;
      }
      advance();
      return UNKNOWN;
    }

    private long next() {
      long result = peek;
      peek = scan();
      return result;
    }

    private boolean skipSymbol(char symbol) {
      if (isSymbol(peek, symbol)) {
        peek = scan();
        return true;
      }
      return false;
    }

    // ---- composers ----

    private boolean addDayPart(int n) {
      if (dayCount < dayParts.length) {
        dayParts[dayCount++] = n;
        return true;
      }
      return false;
    }

    private boolean isTimeEmpty() {
      return timeCount == 0;
    }

    private boolean addTimePart(int n) {
      if (timeCount < timeParts.length) {
        timeParts[timeCount++] = n;
        return true;
      }
      return false;
    }

    private void addFinalTimePart(int n) {
      if (addTimePart(n)) {
        while (timeCount < timeParts.length) {
          timeParts[timeCount++] = 0;
        }
      }
    }

    /** Whether n fits as the next time component after hours (minutes, seconds, milliseconds). */
    private boolean timeExpects(int n) {
      return (timeCount == 1 && isMinute(n))
          || (timeCount == 2 && isSecond(n))
          || (timeCount == 3 && isMillisecond(n));
    }

    private void setZone(int offsetInHours) {
      zoneSign = offsetInHours < 0 ? -1 : 1;
      zoneHour = Math.abs(offsetInHours);
      zoneMinute = 0;
    }

    private boolean isZoneEmpty() {
      return zoneHour == NONE;
    }

    private boolean isZoneUtc() {
      return zoneHour == 0 && zoneMinute == 0;
    }

    /** After "+hh:" the next small number is taken as the offset's minutes. */
    private boolean zoneExpectsMinute(int n) {
      return zoneHour != NONE && zoneMinute == NONE && isMinute(n);
    }

    // ---- the parse ----

    boolean parse() {
      long nextUnhandled = parseEs5DateTime();
      if (tag(nextUnhandled) == TAG_INVALID) {
        return false;
      }
      return parseLegacy(nextUnhandled) && writeDay() && writeTime() && writeZone();
    }

    /**
     * Consumes as much as possible as an ECMAScript date-time string ({@code
     * [+-YY]YYYY[-MM[-DD]][THH:mm[:ss[.sss]][Z|+hh:mm|+hhmm]]}). Returns END_OF_INPUT on a complete
     * match, INVALID when the string is definitely not a date, and otherwise the first token the
     * legacy parser has to continue with.
     */
    private long parseEs5DateTime() {
      if (isAsciiSign(peek)) {
        long signToken = next();
        if (!isFixedLengthNumber(peek, 6)) {
          return signToken;
        }
        int sign = isSymbol(signToken, '-') ? -1 : 1;
        int expandedYear = value(next());
        if (sign < 0 && expandedYear == 0) {
          // "-000000" is not a year; the six digits are lost and legacy parsing resumes.
          return signToken;
        }
        addDayPart(sign * expandedYear);
      } else if (isFixedLengthNumber(peek, 4)) {
        addDayPart(value(next()));
      } else {
        return next();
      }
      if (skipSymbol('-')) {
        if (!isFixedLengthNumber(peek, 2) || !isMonth(value(peek))) {
          return next();
        }
        addDayPart(value(next()));
        if (skipSymbol('-')) {
          if (!isFixedLengthNumber(peek, 2) || !isDay(value(peek))) {
            return next();
          }
          addDayPart(value(next()));
        }
      }
      if (tag(peek) != KEYWORD_TIME_SEPARATOR) {
        if (tag(peek) != TAG_END_OF_INPUT) {
          return next();
        }
      } else {
        // Once a 'T' follows the date, only the strict format is acceptable.
        next();
        if (!isFixedLengthNumber(peek, 2) || value(peek) < 0 || value(peek) > 24) {
          return INVALID;
        }
        // 24:00[:00[.000]] is the end of the day; no other time may start with 24.
        boolean hourIs24 = value(peek) == 24;
        addTimePart(value(next()));
        if (!skipSymbol(':')) {
          return INVALID;
        }
        if (!isFixedLengthNumber(peek, 2)
            || !isMinute(value(peek))
            || (hourIs24 && value(peek) > 0)) {
          return INVALID;
        }
        addTimePart(value(next()));
        if (skipSymbol(':')) {
          if (!isFixedLengthNumber(peek, 2)
              || !isSecond(value(peek))
              || (hourIs24 && value(peek) > 0)) {
            return INVALID;
          }
          addTimePart(value(next()));
          if (skipSymbol('.')) {
            if (!isNumber(peek) || (hourIs24 && value(peek) > 0)) {
              return INVALID;
            }
            addTimePart(readMilliseconds(next()));
          }
        }
        if (isKeywordZ(peek)) {
          next();
          setZone(0);
        } else if (isAsciiSign(peek)) {
          zoneSign = isSymbol(next(), '+') ? 1 : -1;
          if (isFixedLengthNumber(peek, 4)) {
            int hourMinute = value(next());
            int offsetHour = hourMinute / 100;
            int offsetMinute = hourMinute % 100;
            if (!isHour(offsetHour) || !isMinute(offsetMinute)) {
              return INVALID;
            }
            zoneHour = offsetHour;
            zoneMinute = offsetMinute;
          } else {
            if (!isFixedLengthNumber(peek, 2) || !isHour(value(peek))) {
              return INVALID;
            }
            zoneHour = value(next());
            if (!skipSymbol(':')) {
              return INVALID;
            }
            if (!isFixedLengthNumber(peek, 2) || !isMinute(value(peek))) {
              return INVALID;
            }
            zoneMinute = value(next());
          }
        }
        if (tag(peek) != TAG_END_OF_INPUT) {
          return INVALID;
        }
      }
      // ECMA-262: without an offset, date-only forms are UTC and date-time forms are local time.
      if (isZoneEmpty() && isTimeEmpty()) {
        setZone(0);
      }
      isoDate = true;
      return END_OF_INPUT;
    }

    /**
     * V8's legacy (Safari-compatible) parser: numbers followed by ':' or '.' are time parts, other
     * numbers are date parts, month names, AM/PM, zone abbreviations and "+hhmm" offsets are
     * recognised, and unknown words are only tolerated before the first number.
     */
    private boolean parseLegacy(long firstToken) {
      boolean hasReadNumber = dayCount > 0;
      for (long token = firstToken; tag(token) != TAG_END_OF_INPUT; token = next()) {
        int tag = tag(token);
        if (tag == TAG_NUMBER) {
          hasReadNumber = true;
          int n = value(token);
          if (skipSymbol(':')) {
            if (skipSymbol(':')) {
              // "n::" is hours with zero minutes.
              if (!isTimeEmpty()) {
                return false;
              }
              addTimePart(n);
              addTimePart(0);
            } else {
              if (!addTimePart(n)) {
                return false;
              }
              if (isSymbol(peek, '.')) {
                next();
              }
            }
          } else if (skipSymbol('.') && timeExpects(n)) {
            // Note the '.' is consumed even when the number turns out not to be a time part.
            addTimePart(n);
            if (!isNumber(peek)) {
              return false;
            }
            addFinalTimePart(readMilliseconds(next()));
          } else if (zoneExpectsMinute(n)) {
            zoneMinute = n;
          } else if (timeExpects(n)) {
            addFinalTimePart(n);
            // The last time part must be followed by the end, white space, 'Z' or a sign.
            int peekTag = tag(peek);
            if (peekTag != TAG_END_OF_INPUT
                && peekTag != TAG_WHITE_SPACE
                && !isKeywordZ(peek)
                && !isAsciiSign(peek)) {
              return false;
            }
          } else {
            if (!addDayPart(n)) {
              return false;
            }
            skipSymbol('-');
          }
        } else if (tag >= KEYWORD_INVALID) {
          int keywordValue = value(token);
          if (tag == KEYWORD_AM_PM && !isTimeEmpty()) {
            hourOffset = keywordValue;
          } else if (tag == KEYWORD_MONTH_NAME) {
            namedMonth = keywordValue;
            skipSymbol('-');
          } else if (tag == KEYWORD_TIME_ZONE_NAME && hasReadNumber) {
            setZone(keywordValue);
          } else {
            // Unknown words (day names, "T", a leading "UTC"...) are only allowed before the
            // first number, and must not be glued to it.
            if (hasReadNumber || isNumber(peek)) {
              return false;
            }
          }
        } else if (isAsciiSign(token) && (isZoneUtc() || !isTimeEmpty())) {
          // A UTC offset, only after a time or "UTC"/"GMT"/"Z": +h, +hh, +hhmm, +hmm or "+hh:".
          zoneSign = isSymbol(token, '-') ? -1 : 1;
          int n = 0;
          int length = 0;
          if (isNumber(peek)) {
            long number = next();
            length = length(number);
            n = value(number);
          }
          hasReadNumber = true;
          if (isSymbol(peek, ':')) {
            zoneHour = n;
            zoneMinute = NONE;
          } else if (length == 1 || length == 2) {
            zoneHour = n;
            zoneMinute = 0;
          } else if (length == 3 || length == 4) {
            zoneHour = n / 100;
            zoneMinute = n % 100;
          } else {
            return false;
          }
        } else if ((isAsciiSign(token) || isSymbol(token, ')')) && hasReadNumber) {
          return false;
        }
        // Anything else (white space, comments, other punctuation) is ignored.
      }
      return true;
    }

    private boolean writeDay() {
      if (dayCount < 1) {
        return false;
      }
      // Missing parts default to 1. Because V8 pads before looking at the count, a lone number is
      // read as a year when it cannot be a day ("32" is 2032-01-01) and as month otherwise with
      // year 1 => 2001 ("Feb 3" is 2001-02-03).
      while (dayCount < dayParts.length) {
        dayParts[dayCount++] = 1;
      }
      int y;
      int m;
      int d;
      if (namedMonth == NONE) {
        if (isoDate || !isDay(dayParts[0])) {
          y = dayParts[0];
          m = dayParts[1];
          d = dayParts[2];
        } else {
          m = dayParts[0];
          d = dayParts[1];
          y = dayParts[2];
        }
      } else {
        m = namedMonth;
        if (!isDay(dayParts[0])) {
          y = dayParts[0];
          d = dayParts[1];
        } else {
          d = dayParts[0];
          y = dayParts[1];
        }
      }
      if (!isoDate) {
        // Two-digit years: 0-49 => 2000-2049, 50-99 => 1950-1999.
        if (y >= 0 && y <= 49) {
          y += 2000;
        } else if (y >= 50 && y <= 99) {
          y += 1900;
        }
      }
      if (!isMonth(m) || !isDay(d)) {
        return false;
      }
      year = y;
      month = m - 1;
      day = d;
      return true;
    }

    private boolean writeTime() {
      while (timeCount < timeParts.length) {
        timeParts[timeCount++] = 0;
      }
      int h = timeParts[0];
      int min = timeParts[1];
      int s = timeParts[2];
      int ms = timeParts[3];
      if (hourOffset != NONE) {
        if (!isHour12(h)) {
          return false;
        }
        h = h % 12 + hourOffset;
      }
      if (!isHour(h) || !isMinute(min) || !isSecond(s) || !isMillisecond(ms)) {
        // 24:00:00.000 is allowed and means the end of the day.
        if (h != 24 || min != 0 || s != 0 || ms != 0) {
          return false;
        }
      }
      hour = h;
      minute = min;
      second = s;
      millisecond = ms;
      return true;
    }

    private boolean writeZone() {
      if (zoneSign == NONE) {
        hasUtcOffset = false;
        return true;
      }
      long h = zoneHour == NONE ? 0 : zoneHour;
      long min = zoneMinute == NONE ? 0 : zoneMinute;
      // V8 computes this in unsigned 32-bit arithmetic (so it wraps) and rejects results that do
      // not fit a Smi (2^31 - 1 in Node's 64-bit build).
      long totalSeconds = (h * 3600 + min * 60) & 0xFFFF_FFFFL;
      if (totalSeconds > Integer.MAX_VALUE) {
        return false;
      }
      hasUtcOffset = true;
      utcOffsetSeconds = zoneSign < 0 ? -(int) totalSeconds : (int) totalSeconds;
      return true;
    }
  }
}
