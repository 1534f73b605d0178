package io.github.wandbjdbc.calcite;

import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.jdbc.CalciteSchema.LatticeEntry;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.rex.RexBuilder;

import java.lang.reflect.Type;
import java.util.List;

/**
 * Calcite's statement preparation, minus its search for lattices and materializations: Calcite
 * looks for them in every sub-schema of the root, which for W&B means listing every project of
 * the entity on every statement. W&B schemas have neither.
 */
public final class WandbPrepare extends CalcitePrepareImpl {
  @Override
  protected CalcitePreparingStmt getPreparingStmt(Context context, Type elementType,
      CalciteCatalogReader catalogReader, RelOptPlanner planner) {
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
    };
  }
}
