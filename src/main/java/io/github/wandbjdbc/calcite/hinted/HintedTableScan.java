package io.github.wandbjdbc.calcite.hinted;

import io.github.wandbjdbc.pushdown.ScanHints;

import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.util.ImmutableBitSet;

import java.util.List;

/**
 * A logical scan of a {@link HintedTable} with the hints folded into it so far, and the columns
 * the query uses. EXPLAIN shows both, e.g.
 * {@code hints=[run_id IN ['ab12cd'], step >= 1000], columns=[run_id, step, loss]}. The row type
 * stays the table's: columns the query does not use may be left null by the scan.
 */
class HintedTableScan extends TableScan {
  final HintedTable hintedTable;
  final ScanHints hints;
  final ImmutableBitSet columns;

  HintedTableScan(RelOptCluster cluster, RelTraitSet traits, RelOptTable table,
      HintedTable hintedTable, ScanHints hints, ImmutableBitSet columns) {
    super(cluster, traits, List.of(), table);
    this.hintedTable = hintedTable;
    this.hints = hints;
    this.columns = columns;
  }

  HintedTableScan withHints(ScanHints newHints) {
    return new HintedTableScan(getCluster(), getTraitSet(), getTable(), hintedTable, newHints,
        columns);
  }

  HintedTableScan withColumns(ImmutableBitSet used) {
    return new HintedTableScan(getCluster(), getTraitSet(), getTable(), hintedTable, hints, used);
  }

  /** Whether the scan fills every column (no narrower column set was pushed into it). */
  boolean readsAllColumns() {
    return columns.cardinality() == getRowType().getFieldCount();
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new HintedTableScan(getCluster(), traitSet, getTable(), hintedTable, hints, columns);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    List<String> names = getRowType().getFieldNames();
    return super.explainTerms(pw)
        .itemIf("hints", "[" + hints.describe(hintedTable.columnNames()) + "]", !hints.isEmpty())
        .itemIf("columns", columns.asList().stream().map(names::get).toList(), !readsAllColumns())
        .itemIf("read", hintedTable.readPath(columns).orElse(""),
            hintedTable.readPath(columns).isPresent());
  }

  @Override
  public void register(RelOptPlanner planner) {
    HintedScanRules.register(planner, hintedTable.session().settings());
  }

  /**
   * A request to W&B costs far more than handling a row, so the cost counts requests: that is
   * what makes reading the history of 100 runs per batch beat reading every run's once.
   */
  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    double rows = estimateRowCount(mq);
    double requests = hintedTable.estimateRequests(hints);
    // Fewer columns read less per row: enough to rank the narrower scan first.
    double width = 0.5 + 0.5 * columns.cardinality() / Math.max(1, getRowType().getFieldCount());
    return planner.getCostFactory().makeCost(rows * width + ROW_COST_OF_A_REQUEST * requests,
        rows, requests);
  }

  /** How many rows' worth of work one W&B round trip is taken to cost. */
  static final double ROW_COST_OF_A_REQUEST = 1000;

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    return hintedTable.estimateRowCount(hints);
  }
}
