package io.github.wandbjdbc.pushdown;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.google.common.collect.BoundType;
import com.google.common.collect.Range;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUnknownAs;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.Sarg;
import org.apache.calcite.util.TimestampString;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Translates one conjunct of a WHERE clause over the {@code runs} columns into a W&B filter, or
 * says it cannot ({@link Optional#empty()}). Pure: no I/O.
 *
 * <p>A translation is either <em>exact</em> — W&B returns exactly the runs for which the SQL
 * predicate is true, whatever the server does with letter case, with NaN and with keys a run
 * lacks — or a <em>superset</em>, in which case the caller keeps the SQL predicate for Calcite.
 * Exact translations rely only on what holds under every reading of W&B's filters that its
 * documentation leaves open (it names the operators, not their treatment of missing keys, NaN or
 * case; docs/WIRE.md, Filters and "Where W&B's documentation is silent"):
 * <ul>
 *   <li>numbers and booleans: {@code =}, {@code IN} and ranges bounded on both sides (or, for
 *       whole numbers, on either side) are exact. A floating-point range open on a side also
 *       takes the runs whose value is not an ordinary number ({@link #notOrdinary}): SQL ranks
 *       NaN above every number (PostgreSQL), while a server may fail every comparison with it,
 *       rank it below the numbers, or store it (and ±Infinity) as a string such as
 *       {@code "NaN"}; such ranges are supersets;</li>
 *   <li>{@code <>}, {@code NOT IN}, {@code IS [NOT] NULL} and {@code IS NOT TRUE/FALSE} on config
 *       and summary keys are supersets: whether a run without the key matches {@code $ne},
 *       {@code $nin} or {@code null} is not documented, so each is written to hold under either
 *       answer ({@code IS NULL} also asks {@code $exists: false}, {@code IS NOT TRUE} is a
 *       {@code $nor} of {@code = TRUE});</li>
 *   <li>strings compare as a superset, the run state too (the server may ignore case, and
 *       nothing guarantees states are lower case); string ranges and {@code <>} push only
 *       "is not null";</li>
 *   <li>LIKE becomes a {@code $regex} on its longest literal run; {@code created_at} becomes a
 *       range widened by a second ({@link TimeBound}); both are supersets;</li>
 *   <li>AND pushes the parts it can; OR only if every branch can; NOT only over an exact
 *       condition (and then as a superset, the SQL NULLs being on the other side);</li>
 *   <li>a parameter or {@code CURRENT_TIMESTAMP} makes a condition a superset, so that its value
 *       never has to be judged when planning;</li>
 *   <li>a floating-point literal is sent as the double SQL compares with (Calcite casts it to
 *       DOUBLE), not as its decimal text: {@code -1.7976931348623157E308} as a 309-digit integer
 *       matched no run.</li>
 * </ul>
 */
public final class FilterTranslator {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** A pushed condition and whether W&B returns exactly SQL's rows for it. */
  public record Pushed(FilterExpr filter, boolean exact) {}

  private final List<RunColumn> columns;

  /** @param columns the columns of the scan the condition refers to, by position */
  public FilterTranslator(List<RunColumn> columns) {
    this.columns = List.copyOf(columns);
  }

  public Optional<Pushed> translate(RexNode condition) {
    if (condition instanceof RexInputRef ref) {
      return booleanColumn(ref, true);
    }
    if (!(condition instanceof RexCall call)) {
      return Optional.empty();
    }
    List<RexNode> ops = call.getOperands();
    switch (call.getKind()) {
      case AND:
        return and(ops);
      case OR:
        return or(ops);
      case NOT:
        return not(ops.get(0));
      case IS_NULL:
        return nullTest(ops.get(0), FilterOp.EQ);
      case IS_NOT_NULL:
        return nullTest(ops.get(0), FilterOp.NE);
      case IS_TRUE:
        return booleanTest(ops.get(0), FilterOp.EQ, true);
      case IS_FALSE:
        return booleanTest(ops.get(0), FilterOp.EQ, false);
      case IS_NOT_TRUE:
        return booleanTest(ops.get(0), FilterOp.NE, true);
      case IS_NOT_FALSE:
        return booleanTest(ops.get(0), FilterOp.NE, false);
      case EQUALS:
      case NOT_EQUALS:
      case GREATER_THAN:
      case GREATER_THAN_OR_EQUAL:
      case LESS_THAN:
      case LESS_THAN_OR_EQUAL:
        return comparison(call.getKind(), ops.get(0), ops.get(1));
      case SEARCH:
        return search(ops.get(0), ops.get(1));
      case LIKE:
        return like(call);
      case ARRAY_CONTAINS:
        return arrayContains(ops.get(0), ops.get(1));
      default:
        return Optional.empty();
    }
  }

  // ---- logic -------------------------------------------------------------------------------

  private Optional<Pushed> and(List<RexNode> operands) {
    List<FilterExpr> parts = new ArrayList<>();
    boolean exact = true;
    for (RexNode o : operands) {
      Optional<Pushed> p = translate(o);
      if (p.isPresent()) {
        parts.add(p.get().filter());
        exact &= p.get().exact();
      } else {
        exact = false;
      }
    }
    return parts.isEmpty() ? Optional.empty()
        : Optional.of(new Pushed(FilterExpr.all(parts), exact));
  }

  private Optional<Pushed> or(List<RexNode> operands) {
    List<FilterExpr> parts = new ArrayList<>();
    boolean exact = true;
    for (RexNode o : operands) {
      Optional<Pushed> p = translate(o);
      if (p.isEmpty()) {
        return Optional.empty();
      }
      parts.add(p.get().filter());
      exact &= p.get().exact();
    }
    return Optional.of(new Pushed(new FilterExpr.Any(parts), exact));
  }

  private Optional<Pushed> not(RexNode operand) {
    if (operand instanceof RexInputRef ref) {
      return booleanColumn(ref, false);
    }
    return translate(operand)
        .filter(Pushed::exact)
        .map(p -> new Pushed(new FilterExpr.NoneOf(List.of(p.filter())), false));
  }

  // ---- single-column conditions --------------------------------------------------------------

  private Optional<Pushed> nullTest(RexNode operand, FilterOp op) {
    return column(operand)
        .filter(c -> c.filterKind() != FilterKind.TAGS)
        .map(c -> op == FilterOp.EQ ? isNull(c) : isNotNull(c));
  }

  /**
   * {@code IS NULL}: a run attribute without value is JSON null; a config or summary key may
   * also be missing, which {@code $exists: false} matches whether or not {@code null} does.
   */
  private static Pushed isNull(RunColumn c) {
    String key = c.filterKey().orElseThrow();
    FilterExpr isNull = new FilterExpr.Condition(key, FilterOp.EQ, nul());
    if (!(c instanceof RunColumn.Key)) {
      return new Pushed(isNull, true);
    }
    return new Pushed(new FilterExpr.Any(List.of(isNull, new FilterExpr.Condition(key,
        FilterOp.EXISTS, new Operand.Constant(JSON.booleanNode(false))))), false);
  }

  /** {@code IS NOT NULL}: exact for attributes; for keys, whatever a server does with absence. */
  private static Pushed isNotNull(RunColumn c) {
    return new Pushed(new FilterExpr.Condition(c.filterKey().orElseThrow(), FilterOp.NE, nul()),
        !(c instanceof RunColumn.Key));
  }

  /**
   * The runs whose value is not an ordinary number — not null, not at least −MAX — wherever a
   * server puts NaN: failing every comparison, below −MAX (MongoDB's order), or as the string
   * {@code "NaN"}. (A server ranking it above the numbers gives it to {@code $gt} instead.) Also
   * ±Infinity stored as the strings {@code "Infinity"} and {@code "-Infinity"}, which a range open
   * on that side must take, and −Infinity as a number, which the SQL condition kept in Calcite
   * drops again where it does not belong.
   */
  static FilterExpr notOrdinary(String key) {
    return new FilterExpr.NoneOf(List.of(new FilterExpr.Condition(key, FilterOp.EQ, nul()),
        new FilterExpr.Condition(key, FilterOp.GTE,
            new Operand.Constant(JSON.numberNode(-Double.MAX_VALUE)))));
  }

  private Optional<Pushed> booleanColumn(RexInputRef ref, boolean value) {
    return booleanTest(ref, FilterOp.EQ, value);
  }

  /**
   * {@code IS [NOT] TRUE/FALSE}. {@code IS NOT TRUE} must take runs without the key, so it is a
   * {@code $nor} of {@code = TRUE} rather than a {@code $ne}, which a server may not match on
   * runs without the key.
   */
  private Optional<Pushed> booleanTest(RexNode operand, FilterOp op, boolean value) {
    return column(operand)
        .filter(c -> c.filterKind() == FilterKind.BOOLEAN)
        .map(c -> {
          FilterExpr is = new FilterExpr.Condition(c.filterKey().orElseThrow(), FilterOp.EQ,
              new Operand.Constant(JSON.booleanNode(value)));
          return op == FilterOp.EQ ? new Pushed(is, true)
              : new Pushed(new FilterExpr.NoneOf(List.of(is)), false);
        });
  }

  private Optional<Pushed> comparison(SqlKind kind, RexNode left, RexNode right) {
    if (column(left).isPresent()) {
      return comparison(column(left).get(), kind, right);
    }
    if (column(right).isPresent()) {
      return comparison(column(right).get(), kind.reverse(), left);
    }
    return Optional.empty();
  }

  private Optional<Pushed> comparison(RunColumn column, SqlKind kind, RexNode value) {
    String key = column.filterKey().orElseThrow();
    FilterKind fk = column.filterKind();
    if (isNullLiteral(value)) {
      return Optional.empty();
    }
    if (fk == FilterKind.TIMESTAMP) {
      return timeSource(value).flatMap(t -> timeComparison(key, kind, t));
    }
    Optional<Operand> operand = operand(value, fk);
    if (operand.isEmpty()) {
      return Optional.empty();
    }
    Operand v = operand.get();
    boolean constant = v.isConstant();
    switch (fk) {
      case INTEGER:
      case FLOAT:
      case BOOLEAN: {
        if (fk == FilterKind.BOOLEAN && kind != SqlKind.EQUALS && kind != SqlKind.NOT_EQUALS) {
          return Optional.empty();
        }
        FilterExpr condition = numericCondition(key, kind, v);
        boolean open = kind != SqlKind.EQUALS && kind != SqlKind.NOT_EQUALS;
        if (fk == FilterKind.FLOAT && open) {
          return Optional.of(new Pushed(new FilterExpr.Any(List.of(condition, notOrdinary(key))),
              false));
        }
        boolean exact = constant && (kind == SqlKind.EQUALS
            || fk == FilterKind.INTEGER && kind != SqlKind.NOT_EQUALS);
        return Optional.of(new Pushed(condition, exact));
      }
      case LOWERCASE_ENUM:
      case STRING:
      case LOOSE_STRING:
        return Optional.of(stringComparison(key, fk, kind, v));
      default:
        return Optional.empty();
    }
  }

  private static FilterExpr numericCondition(String key, SqlKind kind, Operand v) {
    return switch (kind) {
      case EQUALS -> new FilterExpr.Condition(key, FilterOp.EQ, v);
      case NOT_EQUALS -> new FilterExpr.Condition(key, FilterOp.NIN, withNull(List.of(v)));
      case GREATER_THAN -> new FilterExpr.Condition(key, FilterOp.GT, v);
      case GREATER_THAN_OR_EQUAL -> new FilterExpr.Condition(key, FilterOp.GTE, v);
      case LESS_THAN -> new FilterExpr.Condition(key, FilterOp.LT, v);
      case LESS_THAN_OR_EQUAL -> new FilterExpr.Condition(key, FilterOp.LTE, v);
      default -> throw new IllegalArgumentException(kind.toString());
    };
  }

  private static Pushed stringComparison(String key, FilterKind fk, SqlKind kind, Operand v) {
    if (kind == SqlKind.EQUALS) {
      Operand value = fk == FilterKind.LOOSE_STRING ? new Operand.LooseString(v) : v;
      return new Pushed(new FilterExpr.Condition(key,
          fk == FilterKind.LOOSE_STRING ? FilterOp.IN : FilterOp.EQ, value), false);
    }
    // Ranges and <> on text: any answer needs a value.
    return new Pushed(new FilterExpr.Condition(key, FilterOp.NE, nul()), false);
  }

  private Optional<Pushed> timeComparison(String key, SqlKind kind, TimeBound.Source t) {
    FilterExpr lower = new FilterExpr.Condition(key, FilterOp.GTE, new TimeBound(t, true));
    FilterExpr upper = new FilterExpr.Condition(key, FilterOp.LTE, new TimeBound(t, false));
    return switch (kind) {
      case EQUALS -> Optional.of(new Pushed(FilterExpr.all(List.of(lower, upper)), false));
      case GREATER_THAN, GREATER_THAN_OR_EQUAL -> Optional.of(new Pushed(lower, false));
      case LESS_THAN, LESS_THAN_OR_EQUAL -> Optional.of(new Pushed(upper, false));
      default -> Optional.empty();
    };
  }

  /** IN, NOT IN, BETWEEN and ranges, which Calcite writes as {@code SEARCH(column, Sarg)}. */
  private Optional<Pushed> search(RexNode ref, RexNode sargLiteral) {
    Optional<RunColumn> column = column(ref);
    if (column.isEmpty() || !(sargLiteral instanceof RexLiteral literal)) {
      return Optional.empty();
    }
    RunColumn c = column.get();
    Sarg<?> sarg = literal.getValueAs(Sarg.class);
    if (sarg == null) {
      return Optional.empty();
    }
    boolean nullsIn = sarg.nullAs == RexUnknownAs.TRUE;
    if (sarg.isAll()) {
      return nullsIn ? Optional.empty() : Optional.of(isNotNull(c));
    }
    if (sarg.isNone()) {
      return nullsIn ? Optional.of(isNull(c)) : Optional.empty();
    }
    return switch (c.filterKind()) {
      case INTEGER, FLOAT, BOOLEAN, LOWERCASE_ENUM -> exactDomainSearch(c, sarg, nullsIn);
      case STRING, LOOSE_STRING -> stringSearch(c, sarg, nullsIn);
      case TIMESTAMP -> timeSearch(c, sarg, nullsIn);
      default -> Optional.empty();
    };
  }

  /**
   * Numbers, booleans and run states: point sets exactly for numbers and booleans (NOT IN as a
   * superset), ranges exactly for numbers where {@link #comparison} would be exact.
   */
  private Optional<Pushed> exactDomainSearch(RunColumn c, Sarg<?> sarg, boolean nullsIn) {
    String key = c.filterKey().orElseThrow();
    FilterKind fk = c.filterKind();
    boolean exact = fk != FilterKind.LOWERCASE_ENUM;
    List<FilterExpr> parts = new ArrayList<>();
    if (sarg.isPoints() || sarg.isComplementedPoints()) {
      boolean complement = sarg.isComplementedPoints();
      List<Operand> points = new ArrayList<>();
      for (Range<?> r : complement ? sarg.rangeSet.complement().asRanges() : sarg.rangeSet.asRanges()) {
        Optional<JsonNode> v = constant((Comparable<?>) r.lowerEndpoint(), fk);
        if (v.isEmpty()) {
          return Optional.empty();
        }
        points.add(new Operand.Constant(v.get()));
      }
      if (complement) {
        // $nin with null keeps runs without the key out, as SQL's NOT IN does, if the server
        // counts them as null; a superset either way.
        parts.add(new FilterExpr.Condition(key, FilterOp.NIN,
            nullsIn ? new Operand.Many(points) : withNull(points)));
        exact = false;
      } else {
        parts.add(new FilterExpr.Condition(key, FilterOp.IN, new Operand.Many(points)));
      }
    } else {
      if (fk != FilterKind.INTEGER && fk != FilterKind.FLOAT) {
        return Optional.empty();
      }
      for (Range<?> r : sarg.rangeSet.asRanges()) {
        List<FilterExpr> bounds = new ArrayList<>();
        if (r.hasLowerBound()) {
          Optional<JsonNode> v = constant((Comparable<?>) r.lowerEndpoint(), fk);
          if (v.isEmpty()) {
            return Optional.empty();
          }
          bounds.add(new FilterExpr.Condition(key, r.lowerBoundType() == BoundType.CLOSED
              ? FilterOp.GTE : FilterOp.GT, new Operand.Constant(v.get())));
        } else {
          exact &= fk == FilterKind.INTEGER;
        }
        if (r.hasUpperBound()) {
          Optional<JsonNode> v = constant((Comparable<?>) r.upperEndpoint(), fk);
          if (v.isEmpty()) {
            return Optional.empty();
          }
          bounds.add(new FilterExpr.Condition(key, r.upperBoundType() == BoundType.CLOSED
              ? FilterOp.LTE : FilterOp.LT, new Operand.Constant(v.get())));
        }
        FilterExpr range = FilterExpr.all(bounds);
        if (fk == FilterKind.FLOAT && !(r.hasUpperBound() && r.hasLowerBound())) {
          // NaN is above every number in SQL, wherever the server ranks it; ±Infinity may be
          // stored as text.
          range = new FilterExpr.Any(List.of(range, notOrdinary(key)));
          exact = false;
        }
        parts.add(range);
      }
    }
    if (nullsIn) {
      Pushed nulls = isNull(c);
      parts.add(nulls.filter());
      exact &= nulls.exact();
    }
    return Optional.of(new Pushed(parts.size() == 1 ? parts.get(0) : new FilterExpr.Any(parts),
        exact));
  }

  /** Free text: IN as a superset; anything else needs at least a value. */
  private Optional<Pushed> stringSearch(RunColumn c, Sarg<?> sarg, boolean nullsIn) {
    String key = c.filterKey().orElseThrow();
    if (sarg.isPoints()) {
      List<Operand> points = new ArrayList<>();
      for (Range<?> r : sarg.rangeSet.asRanges()) {
        Optional<JsonNode> v = constant((Comparable<?>) r.lowerEndpoint(), c.filterKind());
        if (v.isEmpty()) {
          return Optional.empty();
        }
        Operand point = new Operand.Constant(v.get());
        points.add(c.filterKind() == FilterKind.LOOSE_STRING ? new Operand.LooseString(point)
            : point);
      }
      FilterExpr in = new FilterExpr.Condition(key, FilterOp.IN, new Operand.Many(points));
      return Optional.of(new Pushed(nullsIn ? new FilterExpr.Any(List.of(in, isNull(c).filter()))
          : in, false));
    }
    return nullsIn ? Optional.empty()
        : Optional.of(new Pushed(new FilterExpr.Condition(key, FilterOp.NE, nul()), false));
  }

  private Optional<Pushed> timeSearch(RunColumn c, Sarg<?> sarg, boolean nullsIn) {
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
      ranges.add(isNull(c).filter());
    }
    return Optional.of(new Pushed(ranges.size() == 1 ? ranges.get(0)
        : new FilterExpr.Any(ranges), false));
  }

  private Optional<Pushed> like(RexCall call) {
    List<RexNode> ops = call.getOperands();
    Optional<RunColumn> column = column(ops.get(0));
    if (column.isEmpty() || (column.get().filterKind() != FilterKind.STRING
        && column.get().filterKind() != FilterKind.LOWERCASE_ENUM)) {
      return Optional.empty();
    }
    Character escape = null;
    if (ops.size() > 2) {
      String e = ops.get(2) instanceof RexLiteral l ? l.getValueAs(String.class) : null;
      if (e == null || e.length() != 1) {
        return Optional.empty();
      }
      escape = e.charAt(0);
    }
    String key = column.get().filterKey().orElseThrow();
    RexNode pattern = ops.get(1);
    if (pattern instanceof RexDynamicParam p) {
      return Optional.of(new Pushed(new FilterExpr.Condition(key, FilterOp.REGEX,
          new Operand.LikeRegex(new Operand.Parameter(p.getIndex(), FilterKind.STRING), escape)),
          false));
    }
    if (!(pattern instanceof RexLiteral literal) || literal.getValueAs(String.class) == null) {
      return Optional.empty();
    }
    return LikePatterns.supersetRegex(literal.getValueAs(String.class), escape)
        .map(regex -> new Pushed(new FilterExpr.Condition(key, FilterOp.REGEX,
            new Operand.Constant(JSON.textNode(regex))), false));
  }

  /** {@code ARRAY_CONTAINS(tags, 'x')}: W&B matches an array field that holds the value. */
  private Optional<Pushed> arrayContains(RexNode array, RexNode element) {
    Optional<RunColumn> column = column(array);
    if (column.isEmpty() || column.get().filterKind() != FilterKind.TAGS) {
      return Optional.empty();
    }
    return operand(element, FilterKind.TAGS).map(v -> new Pushed(
        new FilterExpr.Condition(column.get().filterKey().orElseThrow(), FilterOp.EQ, v), false));
  }

  // ---- operands ------------------------------------------------------------------------------

  /** The column an expression reads, looking through casts that change no value. */
  private Optional<RunColumn> column(RexNode node) {
    RexNode n = node;
    while (n instanceof RexCall cast && cast.getKind() == SqlKind.CAST
        && isLossless(cast.getOperands().get(0).getType(), cast.getType())) {
      n = cast.getOperands().get(0);
    }
    if (!(n instanceof RexInputRef ref) || ref.getIndex() >= columns.size()) {
      return Optional.empty();
    }
    RunColumn c = columns.get(ref.getIndex());
    return c.filterKey().isPresent() && c.filterKind() != FilterKind.NONE
        ? Optional.of(c) : Optional.empty();
  }

  /**
   * Whether a cast keeps the value as W&B would compare it: widening of numbers (not BIGINT to
   * DOUBLE), and text or timestamps without shortening. DECIMAL to DOUBLE counts: the JSON number sent is the decimal,
   * which the server reads as a double just as the cast does.
   */
  private static boolean isLossless(RelDataType from, RelDataType to) {
    SqlTypeName f = from.getSqlTypeName();
    SqlTypeName t = to.getSqlTypeName();
    if (f == t && (f == SqlTypeName.BIGINT || f == SqlTypeName.DOUBLE
        || f == SqlTypeName.BOOLEAN)) {
      return true;
    }
    if (SqlTypeName.INT_TYPES.contains(f) || f == SqlTypeName.DECIMAL) {
      if (t == SqlTypeName.DOUBLE) {
        // Not BIGINT: above 2^53 distinct integers meet in one double, so SQL's comparison in
        // DOUBLE matches more runs than the server's exact one (found by the oracle corpus:
        // "summary.n" = 9.007199254740993E15 is true for 2^53 and 2^53 + 1).
        return f != SqlTypeName.BIGINT;
      }
      if (SqlTypeName.INT_TYPES.contains(f) && (t == SqlTypeName.BIGINT
          || t == SqlTypeName.DECIMAL && to.getScale() >= 0)) {
        return f != SqlTypeName.BIGINT || to.getPrecision() >= 19;
      }
    }
    if (f == SqlTypeName.VARCHAR) {
      return (t == SqlTypeName.VARCHAR || t == SqlTypeName.CHAR)
          && to.getPrecision() == RelDataType.PRECISION_NOT_SPECIFIED;
    }
    if (f == SqlTypeName.TIMESTAMP) {
      return t == SqlTypeName.TIMESTAMP && to.getPrecision() >= from.getPrecision();
    }
    return false;
  }

  /**
   * A constant or parameter value of the comparison, as JSON of the column's kind. A literal under
   * a cast counts only when the cast cannot change its value (Calcite folds the others).
   */
  private static Optional<Operand> operand(RexNode node, FilterKind kind) {
    RexNode n = node;
    while (n instanceof RexCall cast && cast.getKind() == SqlKind.CAST) {
      RexNode inner = cast.getOperands().get(0);
      if (!(inner instanceof RexDynamicParam) && !isLossless(inner.getType(), cast.getType())) {
        return Optional.empty();
      }
      n = inner;
    }
    if (n instanceof RexDynamicParam p) {
      return Optional.of(new Operand.Parameter(p.getIndex(), kind));
    }
    if (n instanceof RexLiteral literal && !literal.isNull()) {
      return constant(literal.getValueAs(Comparable.class), kind).map(Operand.Constant::new);
    }
    return Optional.empty();
  }

  /** A Calcite value (literal or Sarg point) as JSON, when it fits the kind. */
  private static Optional<JsonNode> constant(Comparable<?> value, FilterKind kind) {
    if (value == null) {
      return Optional.empty();
    }
    switch (kind) {
      case FLOAT:
        // SQL compares a DOUBLE column with the literal cast to DOUBLE: send that double.
        if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
          return Optional.of(JSON.numberNode(n.doubleValue()));
        }
        return Optional.empty();
      case INTEGER:
        if (value instanceof Number n && !(value instanceof BigDecimal)
            && !Double.isFinite(n.doubleValue())) {
          return Optional.empty();
        }
        if (value instanceof Number n) {
          BigDecimal d = n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
          // Whole numbers are written as such (1, not 1.0); the server compares by value.
          return Optional.of(JSON.numberNode(d.stripTrailingZeros().scale() <= 0
              ? d.setScale(0, java.math.RoundingMode.UNNECESSARY) : d));
        }
        return Optional.empty();
      case BOOLEAN:
        return value instanceof Boolean b ? Optional.of(JSON.booleanNode(b)) : Optional.empty();
      case LOWERCASE_ENUM:
      case STRING:
      case LOOSE_STRING:
      case TAGS:
        if (value instanceof NlsString s) {
          return Optional.of(JSON.textNode(s.getValue()));
        }
        return value instanceof String s ? Optional.of(JSON.textNode(s)) : Optional.empty();
      default:
        return Optional.empty();
    }
  }

  /** The instant of a TIMESTAMP literal, parameter, or {@code CURRENT_TIMESTAMP ± INTERVAL}. */
  private static Optional<TimeBound.Source> timeSource(RexNode node) {
    RexNode n = stripCasts(node);
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
    RexNode n = stripCasts(node);
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

  private static RexNode stripCasts(RexNode node) {
    RexNode n = node;
    while (n instanceof RexCall call && call.getKind() == SqlKind.CAST) {
      n = call.getOperands().get(0);
    }
    return n;
  }

  private static boolean isNullLiteral(RexNode node) {
    RexNode n = stripCasts(node);
    return n instanceof RexLiteral l && l.isNull();
  }

  private static Operand nul() {
    return new Operand.Constant(NullNode.getInstance());
  }

  private static Operand withNull(List<Operand> values) {
    List<Operand> all = new ArrayList<>(values);
    all.add(nul());
    return new Operand.Many(all);
  }
}
