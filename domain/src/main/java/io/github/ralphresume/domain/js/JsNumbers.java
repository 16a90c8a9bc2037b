package io.github.ralphresume.domain.js;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * JavaScript's {@code Number.prototype.toString()} for doubles: the shortest decimal that reads
 * back as the same double, in plain notation for 1e-6 ≤ |x| &lt; 1e21 and exponent notation
 * otherwise. JDK 17's {@link Double#toString(double)} is not always shortest (JDK-4511638), so the
 * digits are found here.
 *
 * @since 0.1.0
 */
public final class JsNumbers {
  private JsNumbers() {}

  private static final double TWO_POW_53 = 9007199254740992.0;

  /**
   * The text JavaScript prints for {@code value}.
   *
   * @param value the number
   * @return its JavaScript {@code String(value)}
   */
  public static String toJsString(double value) {
    if (Double.isNaN(value)) return "NaN";
    if (value == 0) return "0"; // also -0
    if (Double.isInfinite(value)) return value > 0 ? "Infinity" : "-Infinity";
    if (value == Math.rint(value) && Math.abs(value) < TWO_POW_53) {
      return Long.toString((long) value);
    }
    boolean negative = value < 0;
    double magnitude = Math.abs(value);
    BigDecimal shortest = shortestRoundTrip(magnitude);
    String digits = shortest.unscaledValue().toString();
    // Drop trailing zeros of the digit string; they only move the exponent.
    int k = digits.length();
    while (k > 1 && digits.charAt(k - 1) == '0') k--;
    int trailingZeros = digits.length() - k;
    digits = digits.substring(0, k);
    // value = 0.d1d2…dk × 10^n
    int n = digits.length() + trailingZeros - shortest.scale();
    String text = format(digits, k, n);
    return negative ? "-" + text : text;
  }

  private static String format(String digits, int k, int n) {
    StringBuilder out = new StringBuilder(k + 8);
    if (k <= n && n <= 21) {
      out.append(digits);
      for (int i = 0; i < n - k; i++) out.append('0');
    } else if (0 < n && n <= 21) {
      out.append(digits, 0, n).append('.').append(digits, n, k);
    } else if (-6 < n && n <= 0) {
      out.append("0.");
      for (int i = 0; i < -n; i++) out.append('0');
      out.append(digits);
    } else {
      int exponent = n - 1;
      out.append(digits.charAt(0));
      if (k > 1) out.append('.').append(digits, 1, k);
      out.append('e').append(exponent < 0 ? '-' : '+').append(Math.abs(exponent));
    }
    return out.toString();
  }

  /**
   * The decimal with the fewest significant digits that rounds to {@code magnitude}; among those,
   * the closest to it (ties to even), as ECMA-262 Number::toString requires.
   */
  private static BigDecimal shortestRoundTrip(double magnitude) {
    BigDecimal exact = new BigDecimal(magnitude);
    for (int precision = 1; precision <= 17; precision++) {
      BigDecimal nearest = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
      if (nearest.doubleValue() == magnitude) return nearest;
      // Just above a power of two the gap below is half the gap above, so the nearest candidate
      // can miss while the one on the other side still reads back.
      BigDecimal up = exact.round(new MathContext(precision, RoundingMode.CEILING));
      BigDecimal down = exact.round(new MathContext(precision, RoundingMode.FLOOR));
      boolean upOk = up.doubleValue() == magnitude;
      boolean downOk = down.doubleValue() == magnitude;
      if (upOk && downOk) {
        return up.subtract(exact).compareTo(exact.subtract(down)) < 0 ? up : down;
      }
      if (upOk) return up;
      if (downOk) return down;
    }
    return exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
  }
}
