package io.github.wandbjdbc.calcite.runs;

import io.github.wandbjdbc.calcite.common.RuleConfig;
import io.github.wandbjdbc.columns.RunColumn;
import io.github.wandbjdbc.pushdown.PushedOrder;

import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Folds ORDER BY on one orderable column, and the size of a LIMIT, into the scan below it
 * (possibly through a Filter that stays in Calcite, which keeps the order). The Sort itself is
 * left in place over a scan that is now sorted; Calcite then drops it and keeps only the limit,
 * which reads the scan lazily.
 */
final class WandbSortRule extends RelRule<RuleConfig> {
  static final WandbSortRule ON_SCAN = (WandbSortRule) new RuleConfig(
      RelFactories.LOGICAL_BUILDER, "WandbSortRule",
      b0 -> b0.operand(LogicalSort.class).oneInput(
          b1 -> b1.operand(WandbTableScan.class).predicate(WandbTableScan::isLogical).noInputs()),
      WandbSortRule::new).toRule();

  static final WandbSortRule ON_FILTER = (WandbSortRule) new RuleConfig(
      RelFactories.LOGICAL_BUILDER, "WandbSortRule:filter",
      b0 -> b0.operand(LogicalSort.class).oneInput(
          b1 -> b1.operand(LogicalFilter.class).oneInput(
              b2 -> b2.operand(WandbTableScan.class).predicate(WandbTableScan::isLogical).noInputs())),
      WandbSortRule::new).toRule();

  private WandbSortRule(RuleConfig config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    LogicalSort sort = call.rel(0);
    LogicalFilter filter = call.rels.length == 3 ? call.rel(1) : null;
    WandbTableScan scan = call.rel(call.rels.length - 1);
    ScanSpec spec = scan.spec();
    if (spec.isCount() || spec.order().isPresent()) {
      return;
    }
    OptionalLong rows = rowsNeeded(sort);
    List<RelFieldCollation> keys = sort.getCollation().getFieldCollations();
    ScanSpec newSpec;
    if (keys.isEmpty()) {
      if (rows.isEmpty() || spec.limitHint().isPresent()) {
        return;
      }
      newSpec = spec.withLimitHint(rows.getAsLong());
    } else if (keys.size() == 1) {
      RelFieldCollation key = keys.get(0);
      RunColumn column = spec.columns().get(key.getFieldIndex());
      boolean descending = key.getDirection().isDescending();
      Optional<PushedOrder> order = scan.pushdown().order(column, descending, nullsFirst(key));
      if (order.isEmpty()) {
        return;
      }
      newSpec = spec.withOrder(order.get());
      if (rows.isPresent()) {
        newSpec = newSpec.withLimitHint(rows.getAsLong());
      }
    } else {
      return;
    }
    RelNode input = scan.withSpec(newSpec);
    if (filter != null) {
      input = WandbFilterRule.keepingOrder(input, filter.getCondition());
    }
    call.transformTo(sort.copy(sort.getTraitSet(), input, sort.getCollation(), sort.offset,
        sort.fetch));
  }

  /** Where SQL puts NULLs: as written, else last ascending and first descending. */
  private static boolean nullsFirst(RelFieldCollation key) {
    return switch (key.nullDirection) {
      case FIRST -> true;
      case LAST -> false;
      default -> key.getDirection().isDescending();
    };
  }

  /** OFFSET + FETCH, when both are literals. */
  private static OptionalLong rowsNeeded(LogicalSort sort) {
    if (!(sort.fetch instanceof RexLiteral)) {
      return OptionalLong.empty();
    }
    long fetch = value(sort.fetch);
    long offset = sort.offset == null ? 0 : sort.offset instanceof RexLiteral ? value(sort.offset)
        : -1;
    return offset < 0 ? OptionalLong.empty() : OptionalLong.of(offset + fetch);
  }

  private static long value(RexNode literal) {
    BigDecimal v = ((RexLiteral) literal).getValueAs(BigDecimal.class);
    return v == null ? 0 : v.longValue();
  }
}
