package io.github.wandbjdbc.pushdown;

import io.github.wandbjdbc.columns.FilterKind;
import io.github.wandbjdbc.columns.RunColumn;

import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUnknownAs;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.Sarg;

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
 *       takes the runs whose value is not an ordinary number
 *       ({@link NumberFilters#notOrdinary}): SQL ranks NaN above every number (PostgreSQL),
 *       while a server may fail every comparison with it, rank it below the numbers, or store
 *       it (and ±Infinity) as a string such as {@code "NaN"}; such ranges are supersets;</li>
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
 *
 * <p>This class reads the condition's structure (AND, OR, NOT, which column, which operator);
 * {@link IsFilters}, {@link NumberFilters}, {@link TextFilters} and {@link TimeFilters} build
 * the filter for a kind of column, from values {@link FilterValues} reads.
 */
public final class FilterTranslator {
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
        return column(ops.get(0)).flatMap(c -> TextFilters.like(c, ops));
      case ARRAY_CONTAINS:
        return column(ops.get(0)).flatMap(c -> TextFilters.arrayContains(c, ops.get(1)));
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
    return column(operand).flatMap(c -> IsFilters.nullTest(c, op));
  }

  private Optional<Pushed> booleanColumn(RexInputRef ref, boolean value) {
    return booleanTest(ref, FilterOp.EQ, value);
  }

  private Optional<Pushed> booleanTest(RexNode operand, FilterOp op, boolean value) {
    return column(operand).flatMap(c -> IsFilters.booleanTest(c, op, value));
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

  private static Optional<Pushed> comparison(RunColumn column, SqlKind kind, RexNode value) {
    String key = column.filterKey().orElseThrow();
    FilterKind fk = column.filterKind();
    if (FilterValues.isNullLiteral(value)) {
      return Optional.empty();
    }
    if (fk == FilterKind.TIMESTAMP) {
      return TimeFilters.timeSource(value).flatMap(t -> TimeFilters.comparison(key, kind, t));
    }
    Optional<Operand> operand = FilterValues.operand(value, fk);
    if (operand.isEmpty()) {
      return Optional.empty();
    }
    return switch (fk) {
      case INTEGER, FLOAT, BOOLEAN -> NumberFilters.comparison(key, fk, kind, operand.get());
      case LOWERCASE_ENUM, STRING, LOOSE_STRING ->
          Optional.of(TextFilters.comparison(key, fk, kind, operand.get()));
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
      return nullsIn ? Optional.empty() : Optional.of(IsFilters.isNotNull(c));
    }
    if (sarg.isNone()) {
      return nullsIn ? Optional.of(IsFilters.isNull(c)) : Optional.empty();
    }
    return switch (c.filterKind()) {
      case INTEGER, FLOAT, BOOLEAN, LOWERCASE_ENUM -> NumberFilters.search(c, sarg, nullsIn);
      case STRING, LOOSE_STRING -> TextFilters.search(c, sarg, nullsIn);
      case TIMESTAMP -> TimeFilters.search(c, sarg, nullsIn);
      default -> Optional.empty();
    };
  }

  /** The column an expression reads, looking through casts that change no value. */
  private Optional<RunColumn> column(RexNode node) {
    RexNode n = node;
    while (n instanceof RexCall cast && cast.getKind() == SqlKind.CAST
        && FilterValues.isLossless(cast.getOperands().get(0).getType(), cast.getType())) {
      n = cast.getOperands().get(0);
    }
    if (!(n instanceof RexInputRef ref) || ref.getIndex() >= columns.size()) {
      return Optional.empty();
    }
    RunColumn c = columns.get(ref.getIndex());
    return c.filterKey().isPresent() && c.filterKind() != FilterKind.NONE
        ? Optional.of(c) : Optional.empty();
  }
}
