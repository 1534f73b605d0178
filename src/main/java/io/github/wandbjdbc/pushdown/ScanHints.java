package io.github.wandbjdbc.pushdown;

import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a scan may narrow its reading to, as found in a filter. Every hint selects a superset of
 * the filter's rows: Calcite keeps evaluating the whole filter above the scan, so a hint can only
 * save requests, never change a result. Values are expressions without input references —
 * literals, {@code ?} parameters, or fields of the outer row of a batched nested-loop join — that
 * generated code evaluates once per execution (or per batch).
 *
 * @param anyOf    column index → the values one of which the column equals
 * @param steps    bounds on the step column; all must hold
 * @param patterns column index → a LIKE pattern the column matches (equality is a pattern too)
 */
public record ScanHints(Map<Integer, List<RexNode>> anyOf, List<StepBound> steps,
    Map<Integer, Pattern> patterns) {

  public static final ScanHints NONE = new ScanHints(Map.of(), List.of(), Map.of());

  public ScanHints {
    anyOf = Map.copyOf(anyOf);
    steps = List.copyOf(steps);
    patterns = Map.copyOf(patterns);
  }

  /** One bound {@code step <op> value}, with op one of {@code < <= = >= >}. */
  public record StepBound(SqlKind op, RexNode value) {}

  /**
   * A pattern the column must match: SQL LIKE with an optional escape, or a plain value for
   * {@code =} (then {@code like} is false and the value matches only itself).
   */
  public record Pattern(RexNode value, Optional<RexNode> escape, boolean like) {}

  public boolean isEmpty() {
    return anyOf.isEmpty() && steps.isEmpty() && patterns.isEmpty();
  }

  /** Every value expression, in the order {@link ResolvedHints#resolve} expects them. */
  public List<RexNode> valueExpressions() {
    List<RexNode> out = new ArrayList<>();
    sortedKeys(anyOf).forEach(c -> out.addAll(anyOf.get(c)));
    steps.forEach(s -> out.add(s.value()));
    for (Integer c : sortedKeys(patterns)) {
      Pattern p = patterns.get(c);
      out.add(p.value());
      p.escape().ifPresent(out::add);
    }
    return out;
  }

  static <V> List<Integer> sortedKeys(Map<Integer, V> map) {
    return map.keySet().stream().sorted().toList();
  }

  /** For EXPLAIN: {@code run_id IN [$cor0.run_id, …]}, {@code step >= 1000}, … */
  public String describe(List<String> columnNames) {
    Map<String, String> parts = new LinkedHashMap<>();
    for (Integer c : sortedKeys(anyOf)) {
      List<RexNode> values = anyOf.get(c);
      parts.put(columnNames.get(c) + " IN", values.size() <= 3 ? values.toString()
          : "[" + values.get(0) + ", … " + values.size() + " values]");
    }
    steps.forEach(s -> parts.merge("step", s.op().sql + " " + s.value(), (a, b) -> a + " AND step " + b));
    for (Integer c : sortedKeys(patterns)) {
      Pattern p = patterns.get(c);
      parts.put(columnNames.get(c) + (p.like() ? " LIKE" : " ="), p.value().toString());
    }
    return parts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", "));
  }
}
