package io.github.wandbjdbc.calcite;

import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.jdbc.CalciteSchema.LatticeEntry;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;

import java.lang.reflect.Type;
import java.util.List;

/**
 * Calcite's statement preparation, adapted to W&B:
 *
 * <ul>
 *   <li>no search for lattices and materializations: Calcite looks for them in every sub-schema
 *       of the root, which for W&B means listing every project of the entity on every statement,
 *       and W&B schemas have neither;</li>
 *   <li>orderings that survive NaN and Infinity (see {@link FloatingPointOrdering}); merge unions
 *       and merge joins, which compare their sorted inputs with one key, give way to plain unions
 *       and hash joins. W&B tables arrive unsorted, so merging gained nothing.</li>
 * </ul>
 */
public final class WandbPrepare extends CalcitePrepareImpl {
  @Override
  protected CalcitePreparingStmt getPreparingStmt(Context context, Type elementType,
      CalciteCatalogReader catalogReader, RelOptPlanner planner) {
    planner.removeRule(EnumerableRules.ENUMERABLE_MERGE_UNION_RULE);
    planner.removeRule(EnumerableRules.ENUMERABLE_MERGE_JOIN_RULE);
    EnumerableRel.Prefer prefer = elementType == Object[].class
        ? EnumerableRel.Prefer.ARRAY : EnumerableRel.Prefer.CUSTOM;
    return new CalcitePreparingStmt(this, context, catalogReader, context.getTypeFactory(),
        context.getRootSchema(), prefer,
        createCluster(planner, new RexBuilder(context.getTypeFactory())),
        EnumerableConvention.INSTANCE, createConvertletTable()) {
      @Override
      protected List<LatticeEntry> getLattices() {
        return List.of();
      }

      @Override
      protected List<Materialization> getMaterializations() {
        return List.of();
      }

      @Override
      protected Program getProgram() {
        return Programs.sequence(super.getProgram(),
            (planner, rel, traits, materializations, lattices) -> FloatingPointOrdering.apply(rel));
      }
    };
  }
}
