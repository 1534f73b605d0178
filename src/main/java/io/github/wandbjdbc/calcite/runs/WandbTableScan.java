package io.github.wandbjdbc.calcite.runs;

import io.github.wandbjdbc.calcite.common.SqlTypes;
import io.github.wandbjdbc.model.KeySelection;
import io.github.wandbjdbc.model.RunField;
import io.github.wandbjdbc.model.RunSelection;
import io.github.wandbjdbc.pushdown.PushedOrder;
import io.github.wandbjdbc.source.RunsPushdown;

import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

import java.util.ArrayList;
import java.util.List;

/**
 * Scan of a W&B {@code runs} table. Everything pushed into W&B lives in its immutable
 * {@link ScanSpec}; EXPLAIN shows it as the requests will carry it.
 */
public final class WandbTableScan extends TableScan implements WandbRel {
  private final RunsTable runsTable;
  private final ScanSpec spec;

  WandbTableScan(RelOptCluster cluster, RelTraitSet traitSet, RelOptTable table,
      RunsTable runsTable, ScanSpec spec) {
    super(cluster, traitSet.replace(collation(spec)), List.of(), table);
    this.runsTable = runsTable;
    this.spec = spec;
  }

  /** The order the scan's rows come in: the pushed ORDER BY, if any. */
  private static RelCollation collation(ScanSpec spec) {
    if (spec.order().isEmpty() || spec.isCount()) {
      return RelCollations.EMPTY;
    }
    PushedOrder o = spec.order().get();
    int index = spec.columns().indexOf(o.column());
    if (index < 0) {
      return RelCollations.EMPTY;
    }
    return RelCollations.of(new RelFieldCollation(index,
        o.descending() ? RelFieldCollation.Direction.DESCENDING
            : RelFieldCollation.Direction.ASCENDING,
        o.nullsFirst() ? RelFieldCollation.NullDirection.FIRST
            : RelFieldCollation.NullDirection.LAST));
  }

  public ScanSpec spec() {
    return spec;
  }

  WandbTableScan withSpec(ScanSpec newSpec) {
    return new WandbTableScan(getCluster(), getTraitSet(), getTable(), runsTable, newSpec);
  }

  /** What the table's source evaluates of this scan itself. */
  RunsPushdown pushdown() {
    return runsTable.session().source().runsPushdown();
  }

  RunsTable runsTable() {
    return runsTable;
  }

  /** Whether rules may still fold into this scan (see {@link WandbRules#SCAN_TO_WANDB}). */
  boolean isLogical() {
    return getConvention() == Convention.NONE;
  }

  /** What executes this scan at run time. */
  RunsScan toScan() {
    return new RunsScan(runsTable, spec);
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new WandbTableScan(getCluster(), traitSet, getTable(), runsTable, spec);
  }

  @Override
  public RelDataType deriveRowType() {
    if (spec.isCount()) {
      RelDataTypeFactory types = getCluster().getTypeFactory();
      RelDataTypeFactory.Builder row = types.builder();
      spec.countNames().forEach(n -> row.add(n, SqlTypeName.BIGINT));
      return row.build();
    }
    return SqlTypes.rowType(getCluster().getTypeFactory(), spec.columns());
  }

  @Override
  public void register(RelOptPlanner planner) {
    WandbRules.register(planner, runsTable.session().settings());
  }

  /** What the requests will carry: filter, order, fields, page size; or the count. */
  @Override
  public RelWriter explainTerms(RelWriter pw) {
    RelWriter w = super.explainTerms(pw)
        .itemIf("filter", spec.filter().map(f -> f.filter().describe().toString()).orElse(""),
            spec.filter().isPresent());
    if (spec.isCount()) {
      return w.item("count", "runCount(filters)");
    }
    return w
        .itemIf("order", spec.order().map(PushedOrder::describe).orElse(""),
            spec.order().isPresent())
        .item("fields", describe(spec.selection()))
        .itemIf("limit", spec.limitHint().orElse(0), spec.limitHint().isPresent())
        .item("pageSize", spec.pageSize());
  }

  /**
   * Rows: the table's run count (from the column sample), halved per pushed condition, capped
   * by a LIMIT; one for a count.
   */
  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    if (spec.isCount()) {
      return 1;
    }
    double rows = filteredRows();
    if (spec.limitHint().isPresent()) {
      rows = Math.min(rows, spec.limitHint().getAsLong());
    }
    return Math.max(rows, 1);
  }

  /** The rows the pushed filter leaves, however many the query then takes. */
  private double filteredRows() {
    double rows = runsTable.rowCount().orElse(100);
    if (spec.filter().isPresent()) {
      rows *= Math.pow(0.5, spec.pushedParts().size());
    }
    return rows;
  }

  /**
   * Fewer fields and fewer runs cost less, so that the planner prefers scans with more folded
   * in; a count costs one small request. Volcano compares costs by their row count alone, so the
   * share of fields fetched scales that too. Under a LIMIT, the rows the filter leaves still
   * count a little: a condition kept in Calcite above the scan drops rows, so a scan that pushes
   * it reads fewer pages before the limit is reached, and must win over one that does not.
   */
  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    double rows = estimateRowCount(mq) + (spec.isCount() ? 0 : 0.001 * filteredRows());
    double share = spec.isCount() ? 0 : spec.columns().size() / (double) runsTable.columns().size();
    double weighted = rows * (0.1 + 0.9 * share);
    return planner.getCostFactory().makeCost(weighted, weighted, 0);
  }

  /** The selection as GraphQL-like text, e.g. {@code name, state, config(keys: ["lr"])}. */
  static String describe(RunSelection selection) {
    List<String> parts = new ArrayList<>();
    parts.add("name");
    for (RunField f : RunField.values()) {
      if (selection.has(f)) {
        parts.add(f.selectionText());
      }
    }
    keys(parts, "config", selection.config());
    keys(parts, "summaryMetrics", selection.summary());
    return String.join(", ", parts);
  }

  private static void keys(List<String> parts, String field, KeySelection keys) {
    switch (keys.mode()) {
      case ALL -> parts.add(field);
      case SUBSET -> parts.add(field + "(keys: " + quoted(keys.keys()) + ")");
      default -> { }
    }
  }

  private static String quoted(List<String> keys) {
    List<String> q = new ArrayList<>();
    for (String k : keys) {
      q.add('"' + k.replace("\\", "\\\\").replace("\"", "\\\"") + '"');
    }
    return "[" + String.join(", ", q) + "]";
  }
}
