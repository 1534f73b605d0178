package io.github.wandbjdbc.pushdown;

import com.google.common.collect.Range;

import io.github.wandbjdbc.columns.RunColumn;
import io.github.wandbjdbc.pushdown.FilterTranslator.Pushed;

import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.Sarg;
import org.apache.calcite.util.TimestampString;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Conditions of {@link FilterTranslator} on {@code created_at}, and the instants they compare
 * with: literals, parameters and {@code CURRENT_TIMESTAMP ± INTERVAL}. Apart because a time is
 * never pushed as it is but as a range widened by a second ({@link TimeBound}), and a value known
 * only when the statement runs has to stay a source of an instant until then.
 */
final class TimeFilters {
  private TimeFilters() {}

  /** A comparison of {@code created_at} with an instant, as a widened range. */
  static Optional<Pushed> comparison(String key, SqlKind kind, TimeBound.Source t) {
    FilterExpr lower = new FilterExpr.Condition(key, FilterOp.GTE, new TimeBound(t, true));
    FilterExpr upper = new FilterExpr.Condition(key, FilterOp.LTE, new TimeBound(t, false));
    return switch (kind) {
      case EQUALS -> Optional.of(new Pushed(FilterExpr.all(List.of(lower, upper)), false));
      case GREATER_THAN, GREATER_THAN_OR_EQUAL -> Optional.of(new Pushed(lower, false));
      case LESS_THAN, LESS_THAN_OR_EQUAL -> Optional.of(new Pushed(upper, false));
      default -> Optional.empty();
    };
  }

  /** IN lists and ranges of {@code created_at}, each range widened. */
  static Optional<Pushed> search(RunColumn c, Sarg<?> sarg, boolean nullsIn) {
    String key = c.filterKey().orElseThrow();
    List<FilterExpr> ranges = new ArrayList<>();
    for (Range<?> r : sarg.rangeSet.asRanges()) {
      List<FilterExpr> bounds = new ArrayList<>();
      if (r.hasLowerBound()) {
        bounds.add(new FilterExpr.Condition(key, FilterOp.GTE,
            new TimeBound(new TimeBound.Source.Fixed(millis(r.lowerEndpoint())), true)));
      }
      if (r.hasUpperBound()) {
        bounds.add(new FilterExpr.Condition(key, FilterOp.LTE,
            new TimeBound(new TimeBound.Source.Fixed(millis(r.upperEndpoint())), false)));
      }
      if (bounds.isEmpty()) {
        return Optional.empty();
      }
      ranges.add(FilterExpr.all(bounds));
    }
    if (nullsIn) {
      ranges.add(IsFilters.isNull(c).filter());
    }
    return Optional.of(new Pushed(ranges.size() == 1 ? ranges.get(0)
        : new FilterExpr.Any(ranges), false));
  }

  /** The instant of a TIMESTAMP literal, parameter, or {@code CURRENT_TIMESTAMP ± INTERVAL}. */
  static Optional<TimeBound.Source> timeSource(RexNode node) {
    RexNode n = FilterValues.stripCasts(node);
    if (n instanceof RexDynamicParam p) {
      return Optional.of(new TimeBound.Source.Parameter(p.getIndex()));
    }
    Optional<String> text = TimestampText.literalText(n);
    if (text.isPresent()) {
      // Text that is no timestamp pushes nothing; running the statement reports it (22007).
      return TimestampText.millis(text.get()).map(TimeBound.Source.Fixed::new);
    }
    if (n instanceof RexLiteral literal && !literal.isNull()) {
      Object v = literal.getValueAs(Comparable.class);
      return v instanceof TimestampString || v instanceof java.util.Calendar
          ? Optional.of(new TimeBound.Source.Fixed(millis(v))) : Optional.empty();
    }
    return nowOffset(n).map(TimeBound.Source.Now::new);
  }

  /** The offset from {@code CURRENT_TIMESTAMP} of an expression, if it is one. */
  private static Optional<Long> nowOffset(RexNode node) {
    RexNode n = FilterValues.stripCasts(node);
    if (!(n instanceof RexCall call)) {
      return Optional.empty();
    }
    if (call.getOperator() == SqlStdOperatorTable.CURRENT_TIMESTAMP
        || call.getOperator() == SqlStdOperatorTable.LOCALTIMESTAMP) {
      // The connection's time zone is UTC, so both are the UTC wall clock.
      return Optional.of(0L);
    }
    switch (call.getKind()) {
      case MINUS:
      case PLUS:
      case CHECKED_MINUS:
      case CHECKED_PLUS: {
        Optional<Long> base = nowOffset(call.getOperands().get(0));
        Optional<Long> interval = dayTimeInterval(call.getOperands().get(1));
        if (base.isEmpty() || interval.isEmpty()) {
          return Optional.empty();
        }
        boolean minus = call.getKind() == SqlKind.MINUS || call.getKind() == SqlKind.CHECKED_MINUS;
        return Optional.of(base.get() + (minus ? -interval.get() : interval.get()));
      }
      default:
        return Optional.empty();
    }
  }

  /** Milliseconds of a day-time interval literal; months and years have no fixed length. */
  private static Optional<Long> dayTimeInterval(RexNode node) {
    if (node instanceof RexLiteral literal
        && SqlTypeName.DAY_INTERVAL_TYPES.contains(literal.getType().getSqlTypeName())) {
      BigDecimal v = literal.getValueAs(BigDecimal.class);
      return v == null ? Optional.empty() : Optional.of(v.longValueExact());
    }
    return Optional.empty();
  }

  private static long millis(Object timestamp) {
    if (timestamp instanceof TimestampString t) {
      return t.getMillisSinceEpoch();
    }
    if (timestamp instanceof java.util.Calendar cal) {
      return cal.getTimeInMillis();
    }
    if (timestamp instanceof Number n) {
      return n.longValue();
    }
    throw new IllegalArgumentException("not a timestamp: " + timestamp);
  }
}
