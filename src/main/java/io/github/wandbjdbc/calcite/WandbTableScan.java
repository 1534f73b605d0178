package io.github.wandbjdbc.calcite;

import io.github.wandbjdbc.model.KeySelection;
import io.github.wandbjdbc.model.RunField;
import io.github.wandbjdbc.model.RunSelection;

import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;

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
    super(cluster, traitSet, List.of(), table);
    this.runsTable = runsTable;
    this.spec = spec;
  }

  public ScanSpec spec() {
    return spec;
  }

  WandbTableScan withSpec(ScanSpec newSpec) {
    return new WandbTableScan(getCluster(), getTraitSet(), getTable(), runsTable, newSpec);
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
    return SqlTypes.rowType(getCluster().getTypeFactory(), spec.columns());
  }

  @Override
  public void register(RelOptPlanner planner) {
    WandbRules.register(planner, runsTable.session().settings());
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw)
        .item("fields", describe(spec.selection()))
        .item("pageSize", spec.pageSize());
  }

  /** Fewer fields cost less, so that the planner prefers scans with projections folded in. */
  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    double share = spec.columns().size() / (double) runsTable.columns().size();
    return super.computeSelfCost(planner, mq).multiplyBy(0.1 + 0.9 * share);
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
