package io.github.wandbjdbc.calcite;

import org.apache.calcite.plan.RelOptLattice;
import org.apache.calcite.plan.RelOptMaterialization;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.rel.metadata.RelMetadataProvider;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;

import java.util.List;

/**
 * The planning steps a statement goes through: Calcite's standard program (sub-queries removed,
 * decorrelation, measures, field trimming, the cost-based planner, then projections and filters
 * merged into calcs), with one change: the last step treats the plan as the DAG it is.
 *
 * <p>The cost-based planner returns one node object wherever the plan reads the same thing twice
 * ({@code runs} joined with a sub-query over {@code runs}, a self-join with nothing pushed).
 * Calcite's standard calc step puts such a plan into its rule engine as a tree, one vertex per
 * place, and so one node in two vertices; when the planner's trace logging is on (a JDBC user
 * who sets java.util.logging to {@code ALL} to see the driver's requests), that engine checks
 * its graph and stops the statement with "Query graph live node num is different from root input
 * valid node num". As a DAG the shared node is one vertex: the same plan, and it passes the check.
 */
final class PlanningProgram {
  private PlanningProgram() {}

  private static final RelMetadataProvider METADATA = DefaultRelMetadataProvider.INSTANCE;

  /** The steps; built once, since programs keep no state between statements. */
  static final Program STANDARD = Programs.sequence(
      Programs.subQuery(METADATA),
      Programs.decorrelate(),
      Programs.measure(METADATA),
      Programs.trim(),
      PlanningProgram::costBased,
      Programs.hep(Programs.CALC_RULES, false, METADATA));

  /** The cost-based planner, with the rules Calcite registered on it, to the traits asked. */
  private static RelNode costBased(RelOptPlanner planner, RelNode rel, RelTraitSet traits,
      List<RelOptMaterialization> materializations, List<RelOptLattice> lattices) {
    materializations.forEach(planner::addMaterialization);
    lattices.forEach(planner::addLattice);
    planner.setRoot(rel);
    if (!rel.getTraitSet().equals(traits)) {
      planner.setRoot(planner.changeTraits(rel, traits));
    }
    return planner.chooseDelegate().findBestExp();
  }
}
