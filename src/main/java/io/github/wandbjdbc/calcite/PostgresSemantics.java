package io.github.wandbjdbc.calcite;

import org.apache.calcite.adapter.enumerable.EnumerableAggregate;
import org.apache.calcite.adapter.enumerable.EnumerableAggregateBase;
import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.adapter.enumerable.EnumerableFilter;
import org.apache.calcite.adapter.enumerable.EnumerableHashJoin;
import org.apache.calcite.adapter.enumerable.EnumerableIntersect;
import org.apache.calcite.adapter.enumerable.EnumerableLimitSort;
import org.apache.calcite.adapter.enumerable.EnumerableMinus;
import org.apache.calcite.adapter.enumerable.EnumerableNestedLoopJoin;
import org.apache.calcite.adapter.enumerable.EnumerableProject;
import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.adapter.enumerable.EnumerableSort;
import org.apache.calcite.adapter.enumerable.EnumerableUnion;
import org.apache.calcite.adapter.enumerable.EnumerableWindow;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.SetOp;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rel.logical.LogicalWindow;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLocalRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.rex.RexWindowBound;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidatorUtil;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * Gives a finished physical plan PostgreSQL's semantics for floating-point values and strings,
 * where Calcite's generated Java code has IEEE's and UTF-16's (README, "SQL semantics"):
 *
 * <ul>
 *   <li>comparisons, in filters, projections and join conditions ({@link PostgresComparisons});</li>
 *   <li>ORDER BY sorts on {@link PostgresOrder} keys: NaN above +Infinity, −0.0 with 0.0, strings
 *       by code point;</li>
 *   <li>MIN and MAX of doubles and strings aggregate their keys (Calcite's MIN and MAX of doubles
 *       skipped or kept NaN depending on the rows' order, and started MIN at Double.MAX_VALUE,
 *       which beat +Infinity);</li>
 *   <li>GROUP BY, DISTINCT, set operations, hash-join keys and window partitions see −0.0 as 0.0
 *       (NaN already equals NaN in Java's hashing);</li>
 *   <li>window ORDER BYs and MIN and MAX over windows as above; a single floating-point key of a
 *       window or WITHIN GROUP order gets a constant second key:
 *       Calcite compares one key through BigDecimal, which fails on NaN and Infinity, and two or
 *       more with {@code compareTo}, which orders them as PostgreSQL does.</li>
 * </ul>
 *
 * <p>Run after planning, so that the pushdown rules see the SQL's own operators. Calcite's
 * simplifications during planning already assume a total order (they turn
 * {@code NOT (x < 0.5)} into {@code x >= 0.5}), so they agree with these semantics.
 */
final class PostgresSemantics extends RelHomogeneousShuttle {
  private static final String KEY_NAME = "$pg_key";
  private static final ConverterRule WINDOW_RULE = EnumerableRules.ENUMERABLE_WINDOW_RULE;

  static RelNode apply(RelNode plan) {
    return plan.accept(new PostgresSemantics());
  }

  @Override
  public RelNode visit(RelNode other) {
    RelNode rel = super.visit(other);
    RexBuilder rex = rel.getCluster().getRexBuilder();
    if (rel instanceof EnumerableCalc calc) {
      return calc(calc, rex);
    }
    if (rel instanceof EnumerableFilter || rel instanceof EnumerableProject
        || rel instanceof EnumerableNestedLoopJoin) {
      return rel.accept(new PostgresComparisons(rex));
    }
    if (rel instanceof EnumerableHashJoin join) {
      return hashJoin(join, rex);
    }
    if ((rel instanceof EnumerableSort || rel instanceof EnumerableLimitSort)
        && !((Sort) rel).collation.getFieldCollations().isEmpty()) {
      return sort((Sort) rel, rex);
    }
    if (rel instanceof EnumerableAggregate aggregate) {
      return aggregate(aggregate, rex);
    }
    if (rel instanceof EnumerableAggregateBase aggregate) {
      return withinGroupTies(aggregate);
    }
    if (rel instanceof EnumerableWindow window) {
      return window(window, rex);
    }
    if (rel instanceof EnumerableUnion union && !union.all
        || rel instanceof EnumerableIntersect || rel instanceof EnumerableMinus) {
      return setOp((SetOp) rel, rex);
    }
    return rel;
  }

  // ---- expressions ----------------------------------------------------------------------------

  private static RelNode calc(EnumerableCalc calc, RexBuilder rex) {
    RexProgram program = calc.getProgram();
    PostgresComparisons rewrite = new PostgresComparisons(rex);
    List<RexNode> projects = new ArrayList<>();
    for (RexLocalRef ref : program.getProjectList()) {
      projects.add(program.expandLocalRef(ref).accept(rewrite));
    }
    RexNode condition = program.getCondition() == null ? null
        : program.expandLocalRef(program.getCondition()).accept(rewrite);
    RexProgram rewritten = RexProgram.create(program.getInputRowType(), projects, condition,
        program.getOutputRowType(), rex);
    return EnumerableCalc.create(calc.getInput(), rewritten);
  }

  /**
   * Equality of keys stays as it is, for the hash join to find it, over inputs whose
   * floating-point keys see −0.0 as 0.0; the rest of the condition is rewritten.
   */
  private static RelNode hashJoin(EnumerableHashJoin join, RexBuilder rex) {
    int leftCount = join.getLeft().getRowType().getFieldCount();
    Set<Integer> leftKeys = new HashSet<>();
    Set<Integer> rightKeys = new HashSet<>();
    List<RexNode> conjuncts = new ArrayList<>();
    PostgresComparisons rewrite = new PostgresComparisons(rex);
    for (RexNode c : RelOptUtil.conjunctions(join.getCondition())) {
      if (isKeyEquality(c, leftCount)) {
        RexCall eq = (RexCall) c;
        for (RexNode o : eq.getOperands()) {
          int i = ((RexInputRef) o).getIndex();
          if (PostgresComparisons.isFloatingPoint(o.getType())) {
            (i < leftCount ? leftKeys : rightKeys).add(i < leftCount ? i : i - leftCount);
          }
        }
        conjuncts.add(c);
      } else {
        conjuncts.add(c.accept(rewrite));
      }
    }
    RelNode left = leftKeys.isEmpty() ? join.getLeft()
        : zeroAsZero(join.getLeft(), leftKeys::contains, rex);
    RelNode right = rightKeys.isEmpty() ? join.getRight()
        : zeroAsZero(join.getRight(), rightKeys::contains, rex);
    return join.copy(join.getTraitSet(), RexUtil.composeConjunction(rex, conjuncts), left, right,
        join.getJoinType(), join.isSemiJoinDone());
  }

  private static boolean isKeyEquality(RexNode c, int leftCount) {
    if (!(c instanceof RexCall call) || (call.getKind() != SqlKind.EQUALS
        && call.getKind() != SqlKind.IS_NOT_DISTINCT_FROM)) {
      return false;
    }
    if (!(call.getOperands().get(0) instanceof RexInputRef a)
        || !(call.getOperands().get(1) instanceof RexInputRef b)) {
      return false;
    }
    return (a.getIndex() < leftCount) != (b.getIndex() < leftCount);
  }

  // ---- ordering -------------------------------------------------------------------------------

  /** Sorts on order keys of the floating-point and text keys, appended and dropped again. */
  private static RelNode sort(Sort sort, RexBuilder rex) {
    RelNode input = sort.getInput();
    List<RelDataTypeField> fields = input.getRowType().getFieldList();
    List<RexNode> exprs = new ArrayList<>(rex.identityProjects(input.getRowType()));
    List<RelFieldCollation> keys = new ArrayList<>();
    for (RelFieldCollation k : sort.collation.getFieldCollations()) {
      RexNode ref = rex.makeInputRef(input, k.getFieldIndex());
      RexNode key = PostgresComparisons.orderKey(rex, ref);
      if (key == ref) {
        keys.add(k);
      } else {
        exprs.add(key);
        keys.add(k.withFieldIndex(exprs.size() - 1));
      }
    }
    if (exprs.size() == fields.size()) {
      return sort;
    }
    RelNode widened = project(input, exprs, rex);
    RelCollation collation = RelCollations.of(keys);
    RelNode sorted = sort instanceof EnumerableLimitSort
        ? EnumerableLimitSort.create(widened, collation, sort.offset, sort.fetch)
        : EnumerableSort.create(widened, collation, sort.offset, sort.fetch);
    return firstFields(sorted, fields.size(), rex);
  }

  // ---- aggregation ----------------------------------------------------------------------------

  /**
   * Group keys and DISTINCT arguments with −0.0 as 0.0; MIN and MAX of doubles and strings over
   * their order keys, turned back into values above the aggregate.
   */
  private static RelNode aggregate(EnumerableAggregate aggregate, RexBuilder rex) {
    RelNode input = aggregate.getInput();
    List<RelDataTypeField> fields = input.getRowType().getFieldList();
    Set<Integer> normalized = new HashSet<>();
    aggregate.getGroupSet().forEach(i -> {
      if (PostgresComparisons.isFloatingPoint(fields.get(i).getType())) {
        normalized.add(i);
      }
    });
    for (AggregateCall c : aggregate.getAggCallList()) {
      if (c.isDistinct()) {
        for (int a : c.getArgList()) {
          if (PostgresComparisons.isFloatingPoint(fields.get(a).getType())) {
            normalized.add(a);
          }
        }
      }
    }
    List<RexNode> exprs = new ArrayList<>();
    for (int i = 0; i < fields.size(); i++) {
      RexNode ref = rex.makeInputRef(input, i);
      exprs.add(normalized.contains(i) ? zeroAsZero(ref, rex) : ref);
    }
    List<Integer> keyedCalls = new ArrayList<>();
    List<Integer> keyColumns = new ArrayList<>();
    List<AggregateCall> calls = aggregate.getAggCallList();
    for (int n = 0; n < calls.size(); n++) {
      AggregateCall c = calls.get(n);
      if ((c.getAggregation().getKind() == SqlKind.MIN
          || c.getAggregation().getKind() == SqlKind.MAX) && c.getArgList().size() == 1) {
        RexNode ref = rex.makeInputRef(input, c.getArgList().get(0));
        RexNode key = PostgresComparisons.orderKey(rex, ref);
        if (key != ref) {
          exprs.add(key);
          keyedCalls.add(n);
          keyColumns.add(exprs.size() - 1);
        }
      }
    }
    if (normalized.isEmpty() && keyedCalls.isEmpty()) {
      return withinGroupTies(aggregate);
    }
    RelNode widened = project(input, exprs, rex);
    List<AggregateCall> newCalls = new ArrayList<>();
    for (int n = 0; n < calls.size(); n++) {
      AggregateCall c = calls.get(n);
      int k = keyedCalls.indexOf(n);
      newCalls.add(k < 0 ? c : AggregateCall.create(c.getParserPosition(), c.getAggregation(),
          c.isDistinct(), c.isApproximate(), c.ignoreNulls(), c.rexList,
          List.of(keyColumns.get(k)), c.filterArg, c.distinctKeys, c.collation,
          aggregate.getGroupCount(), widened, null, c.name));
    }
    EnumerableAggregateBase grouped = (EnumerableAggregateBase) aggregate.copy(
        aggregate.getTraitSet(), widened, aggregate.getGroupSet(), aggregate.getGroupSets(),
        newCalls);
    if (keyedCalls.isEmpty()) {
      return withinGroupTies(grouped);
    }
    List<RelDataTypeField> out = aggregate.getRowType().getFieldList();
    List<RexNode> decoded = new ArrayList<>();
    int groupCount = aggregate.getGroupCount();
    for (int i = 0; i < out.size(); i++) {
      RexNode ref = rex.makeInputRef(grouped, i);
      int call = i - groupCount;
      if (call >= 0 && keyedCalls.contains(call)) {
        decoded.add(retype(fromOrderKey(ref, out.get(i).getType(), rex), out.get(i).getType(),
            rex));
      } else {
        decoded.add(ref);
      }
    }
    return project(withinGroupTies(grouped), decoded, aggregate.getRowType().getFieldNames(), rex);
  }

  private static RexNode fromOrderKey(RexNode key, RelDataType valueType, RexBuilder rex) {
    return PostgresComparisons.isFloatingPoint(valueType)
        ? rex.makeCall(PostgresFunctions.DOUBLE_FROM_ORDER, key)
        : rex.makeCall(PostgresFunctions.TEXT_FROM_ORDER, key);
  }

  /** Aggregates ordered WITHIN GROUP by one floating-point key get a constant second key. */
  private static RelNode withinGroupTies(EnumerableAggregateBase aggregate) {
    RelNode input = aggregate.getInput();
    boolean needs = aggregate.getAggCallList().stream()
        .anyMatch(c -> needsTie(c.collation, input));
    if (!needs) {
      return aggregate;
    }
    int tie = input.getRowType().getFieldCount();
    List<AggregateCall> calls = new ArrayList<>();
    for (AggregateCall c : aggregate.getAggCallList()) {
      calls.add(needsTie(c.collation, input) ? c.withCollation(withTie(c.collation, tie)) : c);
    }
    return aggregate.copy(aggregate.getTraitSet(), withTieColumn(input), aggregate.getGroupSet(),
        aggregate.getGroupSets(), calls);
  }

  // ---- windows and set operations -------------------------------------------------------------

  /**
   * Partition and order keys see −0.0 as 0.0; a text order key, and the argument of MIN and MAX
   * over doubles and text, become order keys (appended to the input, dropped again, MIN and MAX
   * turned back into values); one floating-point order key gets a constant second key.
   */
  private static RelNode window(EnumerableWindow window, RexBuilder rex) {
    List<RelDataTypeField> fields = window.getInput().getRowType().getFieldList();
    Set<Integer> floating = new HashSet<>();
    for (Window.Group g : window.groups) {
      g.keys.forEach(i -> addIfFloating(floating, fields, i));
      g.orderKeys.getFieldCollations().forEach(k -> addIfFloating(floating, fields, k.getFieldIndex()));
    }
    RelNode input = floating.isEmpty() ? window.getInput()
        : zeroAsZero(window.getInput(), floating::contains, rex);
    int n = fields.size();
    // The columns to append: order keys by input field, and a tie when needed.
    List<RexNode> extra = new ArrayList<>();
    java.util.Map<Integer, Integer> keyColumn = new java.util.HashMap<>();
    boolean tie = false;
    for (Window.Group g : window.groups) {
      for (RelFieldCollation k : g.orderKeys.getFieldCollations()) {
        if (PostgresComparisons.isText(fields.get(k.getFieldIndex()).getType())) {
          addKey(keyColumn, extra, input, k.getFieldIndex(), rex);
        }
      }
      for (Window.RexWinAggCall c : g.aggCalls) {
        int arg = minMaxArgument(c, n);
        if (arg >= 0 && isKeyed(fields.get(arg).getType())) {
          addKey(keyColumn, extra, input, arg, rex);
        }
      }
      tie |= needsTie(g.orderKeys, input);
    }
    if (extra.isEmpty() && !tie) {
      return input == window.getInput() ? window
          : window.copy(window.getTraitSet(), List.of(input));
    }
    int tieColumn = n + extra.size();
    if (tie) {
      extra.add(rex.makeExactLiteral(BigDecimal.ZERO));
    }
    int added = extra.size();
    List<RexNode> exprs = new ArrayList<>(rex.identityProjects(input.getRowType()));
    exprs.addAll(extra);
    RelNode widened = project(input, exprs, rex);
    // Window expressions address constants as fields after the input's; they move up.
    RexShuttle shift = new RexShuttle() {
      @Override
      public RexNode visitInputRef(RexInputRef ref) {
        return ref.getIndex() < n ? ref : new RexInputRef(ref.getIndex() + added, ref.getType());
      }
    };
    List<RelDataTypeField> widenedFields = widened.getRowType().getFieldList();
    List<Window.Group> groups = new ArrayList<>();
    List<Boolean> keyedCalls = new ArrayList<>();
    List<RelDataType> callTypes = new ArrayList<>();
    for (Window.Group g : window.groups) {
      List<Window.RexWinAggCall> calls = new ArrayList<>();
      for (Window.RexWinAggCall c : g.aggCalls) {
        int arg = minMaxArgument(c, n);
        boolean keyed = arg >= 0 && keyColumn.containsKey(arg);
        keyedCalls.add(keyed);
        List<RexNode> operands = keyed
            ? List.of(new RexInputRef(keyColumn.get(arg), widenedFields.get(keyColumn.get(arg)).getType()))
            : shift.apply(c.getOperands());
        RelDataType type = keyed ? window.getCluster().getTypeFactory().createTypeWithNullability(
            widenedFields.get(keyColumn.get(arg)).getType(), c.getType().isNullable()) : c.getType();
        callTypes.add(type);
        calls.add(new Window.RexWinAggCall(c.getParserPosition(), (SqlAggFunction) c.getOperator(),
            type, operands, c.ordinal, c.distinct, c.ignoreNulls));
      }
      List<RelFieldCollation> order = new ArrayList<>();
      for (RelFieldCollation k : g.orderKeys.getFieldCollations()) {
        Integer key = keyColumn.get(k.getFieldIndex());
        order.add(key != null && PostgresComparisons.isText(fields.get(k.getFieldIndex()).getType())
            ? k.withFieldIndex(key) : k);
      }
      if (needsTie(g.orderKeys, input)) {
        order.add(new RelFieldCollation(tieColumn));
      }
      groups.add(new Window.Group(g.keys, g.isRows, g.lowerBound.accept(shift),
          g.upperBound.accept(shift), g.exclude, RelCollations.of(order), calls));
    }
    List<RelDataTypeField> out = window.getRowType().getFieldList();
    RelDataTypeFactory.Builder rowType = window.getCluster().getTypeFactory().builder();
    rowType.addAll(widenedFields);
    for (int i = n; i < out.size(); i++) {
      rowType.add(out.get(i).getName(), callTypes.get(i - n));
    }
    LogicalWindow logical = LogicalWindow.create(window.getTraitSet(), widened, window.constants,
        rowType.build(), groups);
    RelNode converted = WINDOW_RULE.convert(logical);
    List<RexNode> result = new ArrayList<>();
    for (int i = 0; i < out.size(); i++) {
      if (i < n) {
        result.add(rex.makeInputRef(converted, i));
      } else {
        RexNode ref = rex.makeInputRef(converted, i + added);
        result.add(keyedCalls.get(i - n)
            ? retype(fromOrderKey(ref, out.get(i).getType(), rex), out.get(i).getType(), rex)
            : ref);
      }
    }
    return project(converted, result, window.getRowType().getFieldNames(), rex);
  }

  private static void addKey(java.util.Map<Integer, Integer> keyColumn, List<RexNode> extra,
      RelNode input, int field, RexBuilder rex) {
    if (!keyColumn.containsKey(field)) {
      extra.add(PostgresComparisons.orderKey(rex, rex.makeInputRef(input, field)));
      keyColumn.put(field, input.getRowType().getFieldCount() + extra.size() - 1);
    }
  }

  /** The input field MIN or MAX reads, or -1 for any other call. */
  private static int minMaxArgument(Window.RexWinAggCall c, int inputFields) {
    SqlKind kind = c.getOperator().getKind();
    if ((kind == SqlKind.MIN || kind == SqlKind.MAX) && c.getOperands().size() == 1
        && c.getOperands().get(0) instanceof RexInputRef ref && ref.getIndex() < inputFields) {
      return ref.getIndex();
    }
    return -1;
  }

  private static boolean isKeyed(RelDataType type) {
    return PostgresComparisons.isFloatingPoint(type) || PostgresComparisons.isText(type);
  }

  private static void addIfFloating(Set<Integer> keys, List<RelDataTypeField> fields, int i) {
    if (i < fields.size() && PostgresComparisons.isFloatingPoint(fields.get(i).getType())) {
      keys.add(i);
    }
  }

  private static RelNode setOp(SetOp setOp, RexBuilder rex) {
    List<RelDataTypeField> fields = setOp.getRowType().getFieldList();
    if (fields.stream().noneMatch(f -> PostgresComparisons.isFloatingPoint(f.getType()))) {
      return setOp;
    }
    List<RelNode> inputs = new ArrayList<>();
    for (RelNode input : setOp.getInputs()) {
      List<RelDataTypeField> in = input.getRowType().getFieldList();
      inputs.add(zeroAsZero(input, i -> PostgresComparisons.isFloatingPoint(in.get(i).getType()),
          rex));
    }
    return setOp.copy(setOp.getTraitSet(), inputs);
  }

  /** One key, on a FLOAT, REAL or DOUBLE column. */
  private static boolean needsTie(RelCollation collation, RelNode input) {
    List<RelFieldCollation> keys = collation.getFieldCollations();
    if (keys.size() != 1) {
      return false;
    }
    return PostgresComparisons.isFloatingPoint(
        input.getRowType().getFieldList().get(keys.get(0).getFieldIndex()).getType());
  }

  private static RelCollation withTie(RelCollation collation, int tieField) {
    List<RelFieldCollation> keys = new ArrayList<>(collation.getFieldCollations());
    keys.add(new RelFieldCollation(tieField));
    return RelCollations.of(keys);
  }

  /** The input's fields plus a constant integer column at the end. */
  private static RelNode withTieColumn(RelNode input) {
    RexBuilder rex = input.getCluster().getRexBuilder();
    List<RexNode> exprs = new ArrayList<>(rex.identityProjects(input.getRowType()));
    exprs.add(rex.makeExactLiteral(BigDecimal.ZERO));
    return project(input, exprs, rex);
  }

  // ---- building blocks ------------------------------------------------------------------------

  /** {@code input} with the chosen floating-point fields' −0.0 as 0.0, types unchanged. */
  private static RelNode zeroAsZero(RelNode input, IntPredicate chosen, RexBuilder rex) {
    List<RexNode> exprs = new ArrayList<>();
    int n = input.getRowType().getFieldCount();
    for (int i = 0; i < n; i++) {
      RexNode ref = rex.makeInputRef(input, i);
      exprs.add(chosen.test(i) ? zeroAsZero(ref, rex) : ref);
    }
    return project(input, exprs, input.getRowType().getFieldNames(), rex);
  }

  private static RexNode zeroAsZero(RexNode ref, RexBuilder rex) {
    RelDataType type = ref.getType();
    RexNode asDouble = type.getSqlTypeName() == SqlTypeName.DOUBLE
        ? ref : rex.makeCast(rex.getTypeFactory().createTypeWithNullability(
            rex.getTypeFactory().createSqlType(SqlTypeName.DOUBLE),
            type.isNullable()), ref);
    return retype(rex.makeCall(PostgresFunctions.ZERO_AS_ZERO, asDouble), type, rex);
  }

  private static RexNode retype(RexNode node, RelDataType type, RexBuilder rex) {
    return node.getType().equals(type) ? node : rex.makeAbstractCast(type, node, false);
  }

  private static RelNode project(RelNode input, List<RexNode> exprs, RexBuilder rex) {
    List<String> names = new ArrayList<>(input.getRowType().getFieldNames());
    while (names.size() < exprs.size()) {
      names.add(KEY_NAME);
    }
    return project(input, exprs, names, rex);
  }

  private static RelNode project(RelNode input, List<RexNode> exprs, List<String> names,
      RexBuilder rex) {
    return EnumerableCalc.create(input, RexProgram.create(input.getRowType(), exprs, null,
        SqlValidatorUtil.uniquify(names, false), rex));
  }

  /** The first {@code count} fields of {@code rel}. */
  private static RelNode firstFields(RelNode rel, int count, RexBuilder rex) {
    List<RexNode> exprs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      exprs.add(rex.makeInputRef(rel, i));
    }
    return project(rel, exprs, rel.getRowType().getFieldNames().subList(0, count), rex);
  }
}
