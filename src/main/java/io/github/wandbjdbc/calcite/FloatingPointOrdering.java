package io.github.wandbjdbc.calcite;

import org.apache.calcite.adapter.enumerable.EnumerableAggregateBase;
import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.adapter.enumerable.EnumerableLimitSort;
import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.adapter.enumerable.EnumerableSort;
import org.apache.calcite.adapter.enumerable.EnumerableWindow;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rel.logical.LogicalWindow;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexWindowBound;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidatorUtil;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Lets Calcite order floating-point values that are NaN or infinite, which W&B metrics often are.
 *
 * <p>For an ordering on exactly one key, Calcite's generated code compares with
 * {@code Functions.nullsComparator}, which converts numbers to {@code BigDecimal} and fails on NaN
 * and Infinity ("Infinite or NaN"); for two or more keys it compares with
 * {@code Double.compareTo}, which orders them (NaN above +Infinity, as PostgreSQL does). So this
 * step, run on the finished physical plan, gives every single-key ordering on a floating-point
 * column a constant second key — sorts, top-N sorts, window ORDER BYs and aggregates ordered
 * WITHIN GROUP — which changes no result: ties stay ties.
 */
final class FloatingPointOrdering extends RelHomogeneousShuttle {
  private static final String TIE_NAME = "$nan_safe_tie";
  /** Calcite's own window conversion, the only public way to build an EnumerableWindow. */
  private static final ConverterRule WINDOW_RULE = EnumerableRules.ENUMERABLE_WINDOW_RULE;

  static RelNode apply(RelNode plan) {
    return plan.accept(new FloatingPointOrdering());
  }

  @Override
  public RelNode visit(RelNode other) {
    RelNode rel = super.visit(other);
    if (rel instanceof EnumerableSort || rel instanceof EnumerableLimitSort) {
      Sort sort = (Sort) rel;
      return needsTie(sort.collation, sort.getInput()) ? sortWithTie(sort) : sort;
    }
    if (rel instanceof EnumerableAggregateBase aggregate) {
      boolean needs = aggregate.getAggCallList().stream()
          .anyMatch(c -> needsTie(c.collation, aggregate.getInput()));
      return needs ? aggregateWithTie(aggregate) : aggregate;
    }
    if (rel instanceof EnumerableWindow window) {
      boolean needs = window.groups.stream().anyMatch(g -> needsTie(g.orderKeys, window.getInput()));
      return needs ? windowWithTie(window) : window;
    }
    return rel;
  }

  /** One key, on a FLOAT, REAL or DOUBLE column. */
  private static boolean needsTie(RelCollation collation, RelNode input) {
    List<RelFieldCollation> keys = collation.getFieldCollations();
    if (keys.size() != 1) {
      return false;
    }
    RelDataType type = input.getRowType().getFieldList().get(keys.get(0).getFieldIndex()).getType();
    return SqlTypeName.APPROX_TYPES.contains(type.getSqlTypeName());
  }

  private static RelCollation withTie(RelCollation collation, int tieField) {
    List<RelFieldCollation> keys = new ArrayList<>(collation.getFieldCollations());
    keys.add(new RelFieldCollation(tieField));
    return RelCollations.of(keys);
  }

  private static RelNode sortWithTie(Sort sort) {
    RelNode input = sort.getInput();
    int tie = input.getRowType().getFieldCount();
    RelNode widened = withTieColumn(input);
    RelCollation collation = withTie(sort.collation, tie);
    RelNode sorted = sort instanceof EnumerableLimitSort
        ? EnumerableLimitSort.create(widened, collation, sort.offset, sort.fetch)
        : EnumerableSort.create(widened, collation, sort.offset, sort.fetch);
    return withoutField(sorted, tie);
  }

  /** Aggregates ordered WITHIN GROUP; the output is unchanged, the tie being the last input. */
  private static RelNode aggregateWithTie(EnumerableAggregateBase aggregate) {
    RelNode input = aggregate.getInput();
    int tie = input.getRowType().getFieldCount();
    List<AggregateCall> calls = new ArrayList<>();
    for (AggregateCall c : aggregate.getAggCallList()) {
      calls.add(needsTie(c.collation, input) ? c.withCollation(withTie(c.collation, tie)) : c);
    }
    return aggregate.copy(aggregate.getTraitSet(), withTieColumn(input), aggregate.getGroupSet(),
        aggregate.getGroupSets(), calls);
  }

  private static RelNode windowWithTie(EnumerableWindow window) {
    RelNode input = window.getInput();
    int tie = input.getRowType().getFieldCount();
    RelNode widened = withTieColumn(input);
    // Window expressions address constants as fields after the input's; they move up by one.
    RexShuttle shift = new RexShuttle() {
      @Override
      public RexNode visitInputRef(RexInputRef ref) {
        return ref.getIndex() < tie ? ref : new RexInputRef(ref.getIndex() + 1, ref.getType());
      }
    };
    List<Window.Group> groups = new ArrayList<>();
    for (Window.Group g : window.groups) {
      List<Window.RexWinAggCall> calls = new ArrayList<>();
      for (Window.RexWinAggCall c : g.aggCalls) {
        calls.add(new Window.RexWinAggCall(c.getParserPosition(), (SqlAggFunction) c.getOperator(),
            c.getType(), shift.apply(c.getOperands()), c.ordinal, c.distinct, c.ignoreNulls));
      }
      RexWindowBound lower = g.lowerBound.accept(shift);
      RexWindowBound upper = g.upperBound.accept(shift);
      RelCollation order = needsTie(g.orderKeys, input) ? withTie(g.orderKeys, tie) : g.orderKeys;
      groups.add(new Window.Group(g.keys, g.isRows, lower, upper, g.exclude, order, calls));
    }
    List<RelDataTypeField> fields = window.getRowType().getFieldList();
    RelDataTypeFactory.Builder rowType = window.getCluster().getTypeFactory().builder();
    rowType.addAll(fields.subList(0, tie));
    rowType.add(widened.getRowType().getFieldList().get(tie));
    rowType.addAll(fields.subList(tie, fields.size()));
    LogicalWindow logical = LogicalWindow.create(window.getTraitSet(), widened, window.constants,
        rowType.build(), groups);
    return withoutField(WINDOW_RULE.convert(logical), tie);
  }

  /** The input's fields plus a constant integer column at the end. */
  private static RelNode withTieColumn(RelNode input) {
    RexBuilder rex = input.getCluster().getRexBuilder();
    List<RexNode> exprs = new ArrayList<>(rex.identityProjects(input.getRowType()));
    exprs.add(rex.makeExactLiteral(BigDecimal.ZERO));
    List<String> names = new ArrayList<>(input.getRowType().getFieldNames());
    names.add(TIE_NAME);
    return EnumerableCalc.create(input, RexProgram.create(input.getRowType(), exprs, null,
        SqlValidatorUtil.uniquify(names, false), rex));
  }

  /** All fields of {@code rel} but one. */
  private static RelNode withoutField(RelNode rel, int dropped) {
    RexBuilder rex = rel.getCluster().getRexBuilder();
    List<RexNode> exprs = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<RelDataTypeField> fields = rel.getRowType().getFieldList();
    for (int i = 0; i < fields.size(); i++) {
      if (i != dropped) {
        exprs.add(rex.makeInputRef(rel, i));
        names.add(fields.get(i).getName());
      }
    }
    return EnumerableCalc.create(rel, RexProgram.create(rel.getRowType(), exprs, null, names, rex));
  }
}
