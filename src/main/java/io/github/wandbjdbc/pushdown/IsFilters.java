package io.github.wandbjdbc.pushdown;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.github.wandbjdbc.columns.FilterKind;
import io.github.wandbjdbc.columns.RunColumn;
import io.github.wandbjdbc.pushdown.FilterTranslator.Pushed;

import java.util.List;
import java.util.Optional;

/**
 * The IS tests of {@link FilterTranslator}: {@code IS [NOT] NULL} and {@code IS [NOT]
 * TRUE/FALSE} (a boolean column alone too). Apart from the comparisons because what they push
 * must hold whether or not the server matches runs without the key with {@code null} or
 * {@code $ne}, which W&B's documentation leaves open (docs/WIRE.md).
 */
final class IsFilters {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private IsFilters() {}

  /** {@code IS NULL} ({@code op} EQ) or {@code IS NOT NULL} (NE); tags have no null to test. */
  static Optional<Pushed> nullTest(RunColumn c, FilterOp op) {
    if (c.filterKind() == FilterKind.TAGS) {
      return Optional.empty();
    }
    return Optional.of(op == FilterOp.EQ ? isNull(c) : isNotNull(c));
  }

  /**
   * {@code IS NULL}: a run attribute without value is JSON null; a config or summary key may
   * also be missing, which {@code $exists: false} matches whether or not {@code null} does.
   */
  static Pushed isNull(RunColumn c) {
    String key = c.filterKey().orElseThrow();
    FilterExpr isNull = new FilterExpr.Condition(key, FilterOp.EQ, FilterValues.nul());
    if (!(c instanceof RunColumn.Key)) {
      return new Pushed(isNull, true);
    }
    return new Pushed(new FilterExpr.Any(List.of(isNull, new FilterExpr.Condition(key,
        FilterOp.EXISTS, new Operand.Constant(JSON.booleanNode(false))))), false);
  }

  /** {@code IS NOT NULL}: exact for attributes; for keys, whatever a server does with absence. */
  static Pushed isNotNull(RunColumn c) {
    return new Pushed(new FilterExpr.Condition(c.filterKey().orElseThrow(), FilterOp.NE,
        FilterValues.nul()), !(c instanceof RunColumn.Key));
  }

  /**
   * {@code IS [NOT] TRUE/FALSE}. {@code IS NOT TRUE} must take runs without the key, so it is a
   * {@code $nor} of {@code = TRUE} rather than a {@code $ne}, which a server may not match on
   * runs without the key.
   */
  static Optional<Pushed> booleanTest(RunColumn c, FilterOp op, boolean value) {
    if (c.filterKind() != FilterKind.BOOLEAN) {
      return Optional.empty();
    }
    FilterExpr is = new FilterExpr.Condition(c.filterKey().orElseThrow(), FilterOp.EQ,
        new Operand.Constant(JSON.booleanNode(value)));
    return Optional.of(op == FilterOp.EQ ? new Pushed(is, true)
        : new Pushed(new FilterExpr.NoneOf(List.of(is)), false));
  }
}
