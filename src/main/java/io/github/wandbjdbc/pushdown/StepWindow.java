package io.github.wandbjdbc.pushdown;

import org.apache.calcite.sql.SqlKind;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The integral steps {@code [min, max)} that satisfy {@code step <op> value} for a numeric value
 * of any type: {@code step < 10.5} keeps steps up to 10, {@code step = 2.5} keeps none.
 */
record StepWindow(long min, long max) {

  static StepWindow of(SqlKind op, Number value) {
    BigDecimal v;
    if (value instanceof Double || value instanceof Float) {
      double d = value.doubleValue();
      if (Double.isNaN(d)) {
        return new StepWindow(0, 0);
      }
      if (Double.isInfinite(d)) {
        boolean below = d < 0;
        return switch (op) {
          case LESS_THAN, LESS_THAN_OR_EQUAL -> below ? empty() : all();
          case GREATER_THAN, GREATER_THAN_OR_EQUAL -> below ? all() : empty();
          default -> empty();
        };
      }
      v = BigDecimal.valueOf(d);
    } else if (value instanceof BigDecimal b) {
      v = b;
    } else {
      v = BigDecimal.valueOf(value.longValue());
    }
    return switch (op) {
      case GREATER_THAN_OR_EQUAL -> new StepWindow(clamp(v.setScale(0, RoundingMode.CEILING)), Long.MAX_VALUE);
      case GREATER_THAN -> new StepWindow(clamp(v.setScale(0, RoundingMode.FLOOR).add(BigDecimal.ONE)), Long.MAX_VALUE);
      case LESS_THAN -> new StepWindow(Long.MIN_VALUE, clamp(v.setScale(0, RoundingMode.CEILING)));
      case LESS_THAN_OR_EQUAL -> new StepWindow(Long.MIN_VALUE, clamp(v.setScale(0, RoundingMode.FLOOR).add(BigDecimal.ONE)));
      case EQUALS -> new StepWindow(clamp(v.setScale(0, RoundingMode.CEILING)),
          clamp(v.setScale(0, RoundingMode.FLOOR).add(BigDecimal.ONE)));
      default -> throw new IllegalArgumentException("not a step bound: " + op);
    };
  }

  private static StepWindow empty() {
    return new StepWindow(0, 0);
  }

  private static StepWindow all() {
    return new StepWindow(Long.MIN_VALUE, Long.MAX_VALUE);
  }

  private static long clamp(BigDecimal v) {
    if (v.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) >= 0) {
      return Long.MAX_VALUE;
    }
    if (v.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) <= 0) {
      return Long.MIN_VALUE;
    }
    return v.longValueExact();
  }
}
