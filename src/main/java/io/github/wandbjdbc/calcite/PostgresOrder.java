package io.github.wandbjdbc.calcite;

import org.apache.calcite.linq4j.function.Strict;

/**
 * PostgreSQL's order of values, as keys Java compares natively. Called by the code Calcite
 * generates for the plans {@link PostgresSemantics} rewrites, so public and static.
 *
 * <ul>
 *   <li><b>Doubles</b> map to a {@code long} whose order is PostgreSQL's: −Infinity, numbers,
 *       +Infinity, NaN; every NaN is one value, the greatest, and −0.0 is 0.0. The map is
 *       reversible up to those two identifications ({@link #doubleFromOrder}).</li>
 *   <li><b>Strings</b> map to a string whose UTF-16 order ({@link String#compareTo}) is the
 *       code-point order of the original, which is PostgreSQL's with the C collation (the byte
 *       order of UTF-8): Java alone ranks U+E000..U+FFFF above characters beyond U+FFFF, whose
 *       surrogates start at U+D800. The map is one-to-one ({@link #textFromOrder}).</li>
 * </ul>
 */
public final class PostgresOrder {
  private PostgresOrder() {}

  /** The order key of a double. */
  @Strict
  public static long doubleOrder(double d) {
    if (d != d) {
      return Long.MAX_VALUE;
    }
    // 0.0 + -0.0 is 0.0; every other value is unchanged.
    long bits = Double.doubleToRawLongBits(d + 0.0);
    // Negative doubles order backwards by their bits; flipping all but the sign bit turns them.
    return bits < 0 ? bits ^ Long.MAX_VALUE : bits;
  }

  /** The double of an order key: NaN for the greatest, 0.0 for zero. */
  @Strict
  public static double doubleFromOrder(long key) {
    if (key == Long.MAX_VALUE) {
      return Double.NaN;
    }
    return Double.longBitsToDouble(key < 0 ? key ^ Long.MAX_VALUE : key);
  }

  /**
   * The double with −0.0 as 0.0: equal values then also hash alike, for grouping, DISTINCT, set
   * operations and hash joins (NaN already equals NaN in {@link Double#equals}).
   */
  @Strict
  public static double zeroAsZero(double d) {
    return d + 0.0;
  }

  /** The order key of a string. */
  @Strict
  public static String textOrder(String s) {
    int i = firstAtOrAbove(s, '\uD800');
    if (i < 0) {
      return s;
    }
    char[] chars = s.toCharArray();
    for (; i < chars.length; i++) {
      char c = chars[i];
      if (c >= '\uD800') {
        // Surrogates (D800..DFFF) move above, E000..FFFF below them.
        chars[i] = (char) (c <= '\uDFFF' ? c + 0x2000 : c - 0x800);
      }
    }
    return new String(chars);
  }

  /** The string of an order key. */
  @Strict
  public static String textFromOrder(String key) {
    int i = firstAtOrAbove(key, '\uD800');
    if (i < 0) {
      return key;
    }
    char[] chars = key.toCharArray();
    for (; i < chars.length; i++) {
      char c = chars[i];
      if (c >= '\uD800') {
        chars[i] = (char) (c >= '\uF800' ? c - 0x2000 : c + 0x800);
      }
    }
    return new String(chars);
  }

  /** CHAR_LENGTH in characters (code points), as PostgreSQL counts them, not UTF-16 units. */
  @Strict
  public static int codePointLength(String s) {
    return s.codePointCount(0, s.length());
  }

  private static int firstAtOrAbove(String s, char bound) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= bound) {
        return i;
      }
    }
    return -1;
  }
}
