package io.github.wandbjdbc.testserver.semantics;

import io.github.wandbjdbc.testserver.data.JsonValues;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Equality and ordering of plain JSON values (see {@link JsonValues}) following MongoDB's rules, with
 * a switch for case-insensitive string comparison (W&B stores runs in MySQL, whose default
 * collations compare strings case-insensitively).
 *
 * <p>Type brackets, lowest first: null/missing &lt; numbers &lt; strings &lt; objects &lt; arrays &lt;
 * booleans &lt; date-times. Numbers compare by numeric value whatever their Java type (longs,
 * doubles and big integers mix exactly); NaN equals NaN and sorts below every other number;
 * ±Infinity order as numbers.
 */
public final class ValueOrder {

  /** Where range filters and sorting put NaN among the numbers. */
  public enum NanRank {
    /** Every ordering comparison with NaN is false; sorted below the numbers (the default). */
    UNORDERED,
    /** Below every number, in filters and sorting, as MongoDB's comparison order has it. */
    BELOW,
    /** Above every number, in filters and sorting, as PostgreSQL has it. */
    ABOVE
  }

  private final boolean caseInsensitiveStrings;
  private final NanRank nanRank;
  private final boolean missingKeysMatchNothing;
  private final Comparator<String> strings;

  public ValueOrder(boolean caseInsensitiveStrings) {
    this(caseInsensitiveStrings, false);
  }

  public ValueOrder(boolean caseInsensitiveStrings, boolean nanBelowNumbers) {
    this(caseInsensitiveStrings, nanBelowNumbers ? NanRank.BELOW : NanRank.UNORDERED, false);
  }

  /**
   * @param missingKeysMatchNothing whether a config or summary key a run lacks fails {@code null},
   *     {@code $ne}, {@code $nin} and {@code $in} alike (only {@code $exists: false} finds it), as
   *     SQL's unknown would, instead of counting as null as MongoDB does (the default)
   */
  public ValueOrder(boolean caseInsensitiveStrings, NanRank nanRank, boolean missingKeysMatchNothing) {
    this.caseInsensitiveStrings = caseInsensitiveStrings;
    this.nanRank = nanRank;
    this.missingKeysMatchNothing = missingKeysMatchNothing;
    this.strings = caseInsensitiveStrings ? String.CASE_INSENSITIVE_ORDER : Comparator.naturalOrder();
  }

  boolean missingKeysMatchNothing() {
    return missingKeysMatchNothing;
  }


  boolean caseInsensitiveStrings() {
    return caseInsensitiveStrings;
  }

  /** Mongo {@code $eq} between two values (no array expansion; callers do that). */
  boolean equal(Object a, Object b) {
    int bracket = bracket(a);
    if (bracket != bracket(b)) {
      return false;
    }
    switch (bracket) {
      case 0:
        return true;
      case 1:
        return compareNumbers((Number) a, (Number) b) == 0;
      case 2:
        return strings.compare((String) a, (String) b) == 0;
      case 3: {
        Map<?, ?> left = (Map<?, ?>) a;
        Map<?, ?> right = (Map<?, ?>) b;
        if (!left.keySet().equals(right.keySet())) {
          return false;
        }
        return left.entrySet().stream().allMatch(e -> equal(e.getValue(), right.get(e.getKey())));
      }
      case 4: {
        List<?> left = (List<?>) a;
        List<?> right = (List<?>) b;
        if (left.size() != right.size()) {
          return false;
        }
        for (int i = 0; i < left.size(); i++) {
          if (!equal(left.get(i), right.get(i))) {
            return false;
          }
        }
        return true;
      }
      default:
        return a.equals(b);
    }
  }

  /**
   * The comparison used by {@code $gt/$gte/$lt/$lte}: only numbers with numbers, strings with strings,
   * booleans with booleans and date-times with date-times; empty when the types differ, when either
   * side is null, or when either side is NaN (every ordering comparison with NaN is false), unless
   * NaN ranks below every number in this server's mode.
   */
  Optional<Integer> compareForFilter(Object a, Object b) {
    int bracket = bracket(a);
    if (bracket != bracket(b) || bracket == 0 || bracket == 3 || bracket == 4) {
      return Optional.empty();
    }
    if (bracket == 1 && nanRank == NanRank.UNORDERED && (isNaN((Number) a) || isNaN((Number) b))) {
      return Optional.empty();
    }
    return Optional.of(compareSameBracket(bracket, a, b));
  }

  /** A total order for sorting: brackets first, then values within the bracket. */
  int compareForSort(Object a, Object b) {
    int bracketA = bracket(a);
    int bracketB = bracket(b);
    if (bracketA != bracketB) {
      return Integer.compare(bracketA, bracketB);
    }
    return compareSameBracket(bracketA, a, b);
  }

  private int compareSameBracket(int bracket, Object a, Object b) {
    switch (bracket) {
      case 0:
        return 0;
      case 1: {
        Number x = (Number) a;
        Number y = (Number) b;
        if (isNaN(x) || isNaN(y)) {
          int below = Boolean.compare(!isNaN(x), !isNaN(y)); // NaN below every number
          return nanRank == NanRank.ABOVE ? -below : below;
        }
        return compareNumbers(x, y);
      }
      case 2:
        return strings.compare((String) a, (String) b);
      case 3:
        return compareMaps((Map<?, ?>) a, (Map<?, ?>) b);
      case 4:
        return compareLists((List<?>) a, (List<?>) b);
      case 5:
        return Boolean.compare((Boolean) a, (Boolean) b);
      default:
        return ((Instant) a).compareTo((Instant) b);
    }
  }

  private int compareMaps(Map<?, ?> a, Map<?, ?> b) {
    Iterator<? extends Map.Entry<?, ?>> left = a.entrySet().iterator();
    Iterator<? extends Map.Entry<?, ?>> right = b.entrySet().iterator();
    while (left.hasNext() && right.hasNext()) {
      Map.Entry<?, ?> x = left.next();
      Map.Entry<?, ?> y = right.next();
      int byKey = String.valueOf(x.getKey()).compareTo(String.valueOf(y.getKey()));
      if (byKey != 0) {
        return byKey;
      }
      int byValue = compareForSort(x.getValue(), y.getValue());
      if (byValue != 0) {
        return byValue;
      }
    }
    return Boolean.compare(left.hasNext(), right.hasNext());
  }

  private int compareLists(List<?> a, List<?> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = compareForSort(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  /** 0 null, 1 number, 2 string, 3 object, 4 array, 5 boolean, 6 date-time. */
  static int bracket(Object value) {
    if (value == null) {
      return 0;
    }
    if (value instanceof Number) {
      return 1;
    }
    if (value instanceof String) {
      return 2;
    }
    if (value instanceof Map<?, ?>) {
      return 3;
    }
    if (value instanceof List<?>) {
      return 4;
    }
    if (value instanceof Boolean) {
      return 5;
    }
    if (value instanceof Instant) {
      return 6;
    }
    throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
  }

  static boolean isNaN(Number n) {
    return (n instanceof Double || n instanceof Float) && Double.isNaN(n.doubleValue());
  }

  /** Numeric comparison; NaN equals NaN here (callers decide what NaN means for ordering). */
  static int compareNumbers(Number a, Number b) {
    boolean nanA = isNaN(a);
    boolean nanB = isNaN(b);
    if (nanA || nanB) {
      return nanA && nanB ? 0 : nanA ? -1 : 1;
    }
    if (a instanceof Long x && b instanceof Long y) {
      return Long.compare(x, y);
    }
    double da = a.doubleValue();
    double db = b.doubleValue();
    if (Double.isInfinite(da) || Double.isInfinite(db)) {
      return Double.compare(da, db);
    }
    return decimal(a).compareTo(decimal(b));
  }

  private static BigDecimal decimal(Number n) {
    if (n instanceof BigInteger big) {
      return new BigDecimal(big);
    }
    if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
      return BigDecimal.valueOf(n.longValue());
    }
    if (n instanceof BigDecimal d) {
      return d;
    }
    return new BigDecimal(n.doubleValue()); // exact binary value, so 0.1 vs 0.1 compares equal
  }

  @Override
  public String toString() {
    return "ValueOrder[caseInsensitiveStrings=" + caseInsensitiveStrings + "]";
  }
}
