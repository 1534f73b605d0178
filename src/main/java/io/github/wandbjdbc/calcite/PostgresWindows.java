package io.github.wandbjdbc.calcite;

import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.adapter.enumerable.EnumerableWindow;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rel.logical.LogicalWindow;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlKind;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Window partitions, window ORDER BYs and MIN and MAX over windows under
 * {@link PostgresSemantics}: as GROUP BY, ORDER BY and MIN and MAX elsewhere, on a window that is
 * built again over its widened input. Apart because a window addresses its constants as fields
 * after the input's, so every appended column moves them, and Calcite's window needs converting
 * from a logical one.
 */
final class PostgresWindows {
  private static final ConverterRule WINDOW_RULE = EnumerableRules.ENUMERABLE_WINDOW_RULE;

  private PostgresWindows() {}

  /**
   * Partition and order keys see −0.0 as 0.0; a text order key, and the argument of MIN and MAX
   * over doubles and text, become order keys (appended to the input, dropped again, MIN and MAX
   * turned back into values); one floating-point order key gets a constant second key.
   */
  static RelNode window(EnumerableWindow window, RexBuilder rex) {
    List<RelDataTypeField> fields = window.getInput().getRowType().getFieldList();
    Set<Integer> floating = new HashSet<>();
    for (Window.Group g : window.groups) {
      g.keys.forEach(i -> addIfFloating(floating, fields, i));
      g.orderKeys.getFieldCollations()
          .forEach(k -> addIfFloating(floating, fields, k.getFieldIndex()));
    }
    RelNode input = floating.isEmpty() ? window.getInput()
        : PostgresRels.zeroAsZero(window.getInput(), floating::contains, rex);
    int n = fields.size();
    // The columns to append: order keys by input field, and a tie when needed.
    List<RexNode> extra = new ArrayList<>();
    Map<Integer, Integer> keyColumn = new HashMap<>();
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
      tie |= PostgresTies.needsTie(g.orderKeys, input);
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
    RelNode widened = PostgresRels.project(input, exprs, rex);
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
            ? List.of(new RexInputRef(keyColumn.get(arg),
                widenedFields.get(keyColumn.get(arg)).getType()))
            : shift.apply(c.getOperands());
        RelDataType type = keyed
            ? window.getCluster().getTypeFactory().createTypeWithNullability(
                widenedFields.get(keyColumn.get(arg)).getType(), c.getType().isNullable())
            : c.getType();
        callTypes.add(type);
        calls.add(new Window.RexWinAggCall(c.getParserPosition(),
            (SqlAggFunction) c.getOperator(), type, operands, c.ordinal, c.distinct,
            c.ignoreNulls));
      }
      List<RelFieldCollation> order = new ArrayList<>();
      for (RelFieldCollation k : g.orderKeys.getFieldCollations()) {
        Integer key = keyColumn.get(k.getFieldIndex());
        order.add(key != null
            && PostgresComparisons.isText(fields.get(k.getFieldIndex()).getType())
            ? k.withFieldIndex(key) : k);
      }
      if (PostgresTies.needsTie(g.orderKeys, input)) {
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
            ? PostgresRels.fromOrderKey(ref, out.get(i).getType(), rex) : ref);
      }
    }
    return PostgresRels.project(converted, result, window.getRowType().getFieldNames(), rex);
  }

  private static void addKey(Map<Integer, Integer> keyColumn, List<RexNode> extra,
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
}
