package io.github.wandbjdbc.pushdown;

import org.apache.calcite.util.ImmutableBitSet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link ScanHints} with their values evaluated for one execution: what the scan actually reads.
 *
 * @param anyOf       column index → the values it may have; a column absent here is unrestricted,
 *                    an empty set means no row can match
 * @param minStep     the first step to read (inclusive)
 * @param maxStep     the step to stop before (exclusive); {@code minStep >= maxStep} reads nothing
 * @param patterns    column index → a MySQL LIKE pattern (backslash escapes) the column matches
 * @param columns     the columns the query uses, when it does not use them all; the others may
 *                    be left null
 */
public record ResolvedHints(Map<Integer, Set<Object>> anyOf, long minStep, long maxStep,
    Map<Integer, String> patterns, Optional<ImmutableBitSet> columns) {

  public static final ResolvedHints NONE =
      new ResolvedHints(Map.of(), Long.MIN_VALUE, Long.MAX_VALUE, Map.of(), Optional.empty());

  public ResolvedHints {
    anyOf = Map.copyOf(anyOf);
    patterns = Map.copyOf(patterns);
  }

  public Optional<Set<Object>> anyOf(int column) {
    return Optional.ofNullable(anyOf.get(column));
  }

  /** These hints for a scan that needs only {@code used} of the table's columns. */
  public ResolvedHints withColumns(ImmutableBitSet used) {
    return new ResolvedHints(anyOf, minStep, maxStep, patterns, Optional.of(used));
  }

  /** Whether the query uses this column, so the scan must fill it. */
  public boolean uses(int column) {
    return columns.map(c -> c.get(column)).orElse(true);
  }

  public Optional<String> pattern(int column) {
    return Optional.ofNullable(patterns.get(column));
  }

  /** Evaluated values, in the order of {@link ScanHints#valueExpressions()}. */
  public static ResolvedHints resolve(ScanHints hints, Object[] values) {
    int next = 0;
    Map<Integer, Set<Object>> anyOf = new HashMap<>();
    for (Integer c : ScanHints.sortedKeys(hints.anyOf())) {
      Set<Object> set = new LinkedHashSet<>();
      for (int i = 0; i < hints.anyOf().get(c).size(); i++) {
        Object v = values[next++];
        if (v != null) {
          // SQL's = is never true for NULL, so a NULL value selects nothing.
          set.add(v);
        }
      }
      anyOf.put(c, set);
    }
    long min = Long.MIN_VALUE;
    long max = Long.MAX_VALUE;
    for (ScanHints.StepBound b : hints.steps()) {
      Object v = values[next++];
      if (!(v instanceof Number n)) {
        return new ResolvedHints(anyOf, 0, 0, Map.of(), Optional.empty());
      }
      StepWindow w = StepWindow.of(b.op(), n);
      min = Math.max(min, w.min());
      max = Math.min(max, w.max());
    }
    Map<Integer, String> patterns = new HashMap<>();
    List<Integer> patternColumns = new ArrayList<>(ScanHints.sortedKeys(hints.patterns()));
    for (Integer c : patternColumns) {
      ScanHints.Pattern p = hints.patterns().get(c);
      Object value = values[next++];
      Object escape = p.escape().isPresent() ? values[next++] : null;
      if (value == null || p.escape().isPresent() && escape == null) {
        anyOf.put(c, Set.of());
        continue;
      }
      Optional<String> mysql = p.like()
          ? MySqlLike.fromSqlLike(value.toString(), escape == null ? null : escape.toString())
          : Optional.of(MySqlLike.literal(value.toString()));
      mysql.ifPresent(m -> patterns.put(c, m));
    }
    return new ResolvedHints(anyOf, min, max, patterns, Optional.empty());
  }
}
