package io.github.ralphresume.domain.js;

/**
 * JavaScript's string operations as the original tool relies on them: {@code trim} (which strips
 * more than {@link String#strip()}), {@code parseInt} and {@code toLowerCase}.
 *
 * @since 0.1.0
 */
public final class JsStrings {
  private JsStrings() {}

  /**
   * The longest string JavaScript can hold, in UTF-16 code units: V8's {@code String::kMaxLength}
   * on 64-bit platforms ({@code 0x1fffffe8}). The original cannot read a document whose text is
   * longer ({@code readFile} fails, so it counts as no document) nor write one whose JSON text
   * would be ({@code JSON.stringify} throws "Invalid string length").
   */
  public static final int MAX_LENGTH = 0x1fffffe8;

  /**
   * {@code String.prototype.trim}: strips JavaScript white space and line terminators.
   *
   * @param text the text
   * @return the text without leading and trailing white space
   */
  public static String trim(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && isWhiteSpace(text.charAt(start))) start++;
    while (end > start && isWhiteSpace(text.charAt(end - 1))) end--;
    return start == 0 && end == text.length() ? text : text.substring(start, end);
  }

  /**
   * A word character of JavaScript's regular expressions ({@code \w}, {@code [A-Za-z0-9_]}), ASCII
   * only, unlike Java's with some flags.
   *
   * @param c the character
   * @return whether it is {@code A-Z}, {@code a-z}, {@code 0-9} or {@code _}
   */
  public static boolean isWordChar(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  }

  /**
   * JavaScript's {@code WhiteSpace} or {@code LineTerminator} (the {@code \s} class).
   *
   * @param c the character
   * @return whether JavaScript counts it as white space
   */
  public static boolean isWhiteSpace(char c) {
    switch (c) {
      case '\t',
      '\n',
      0x0B,
      '\f',
      '\r',
      ' ',
      0xA0,
      0x1680,
      0x2028,
      0x2029,
      0x202F,
      0x205F,
      0x3000,
      0xFEFF:
        return true;
      default:
        return c >= 0x2000 && c <= 0x200A;
    }
  }

  /**
   * {@code Number.parseInt(text, 10)}: an optional sign and the leading decimal digits; the rest is
   * ignored. NaN when there is no digit. Leading white space is skipped as JavaScript does.
   *
   * @param text the text
   * @return the number, or NaN
   */
  public static double parseInt(String text) {
    String s = trim(text);
    int i = 0;
    boolean negative = false;
    if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      negative = s.charAt(i) == '-';
      i++;
    }
    int digitsStart = i;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') i++;
    if (i == digitsStart) return Double.NaN;
    // Decimal text to double is correctly rounded here as in JavaScript (e.g. 20 nines → 1e20).
    double magnitude = Double.parseDouble(s.substring(digitsStart, i));
    return negative ? -magnitude : magnitude;
  }

  /**
   * Lower-cases as {@code String.prototype.toLowerCase} (locale-independent).
   *
   * @param text the text
   * @return the text in lower case
   */
  public static String toLowerCase(String text) {
    return text.toLowerCase(java.util.Locale.ROOT);
  }
}
