package io.github.wandbjdbc.calcite;

import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalciteSchema.LatticeEntry;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.prepare.CalciteSqlValidator;
import org.apache.calcite.prepare.Prepare.CatalogReader;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;

import java.lang.reflect.Type;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Calcite's statement preparation, adapted to W&B:
 *
 * <ul>
 *   <li>no search for lattices and materializations: Calcite looks for them in every sub-schema
 *       of the root, which for W&B means listing every project of the entity on every statement,
 *       and W&B schemas have neither;</li>
 *   <li>no look-up of functions in schemas, which W&B schemas do not have (see
 *       {@code createSqlValidator});</li>
 *   <li>PostgreSQL's semantics for NaN, signed zeros and strings (see {@link PostgresSemantics});
 *       merge unions, merge joins and sorted aggregates, which compare their sorted inputs in
 *       Java's order, give way to plain unions, hash joins and hash aggregates. W&B tables arrive
 *       unsorted, so merging gained nothing.</li>
 *   <li>a statement's {@code maxRows} planned as a limit (see {@link MaxRowsLimit});</li>
 *   <li>text read as a timestamp the way PostgreSQL reads it (see {@link WandbConvertlets});</li>
 *   <li>{@code COALESCE()} refused as a validation error, not a crash (see {@link EmptyCoalesce});</li>
 *   <li>a plan that reads the same thing twice survives Calcite's trace logging (see
 *       {@link PlanningProgram}).</li>
 * </ul>
 *
 * <p>Calcite makes one instance per statement it prepares, so the statement's {@code maxRows}
 * can be kept in a field between {@code prepareSql} and the planning it calls.
 */
public final class WandbPrepare extends CalcitePrepareImpl {
  /** The statement's {@code maxRows}; -1 or 0 for none. */
  private long maxRows = -1;

  @Override
  public <T> CalciteSignature<T> prepareSql(Context context, CalcitePrepare.Query<T> query,
      Type elementType, long maxRowCount) {
    this.maxRows = maxRowCount;
    return super.prepareSql(context, query, elementType, maxRowCount);
  }

  @Override
  protected SqlRexConvertletTable createConvertletTable() {
    return WandbConvertlets.INSTANCE;
  }

  @Override
  protected CalcitePreparingStmt getPreparingStmt(Context context, Type elementType,
      CalciteCatalogReader catalogReader, RelOptPlanner planner) {
    planner.removeRule(EnumerableRules.ENUMERABLE_MERGE_UNION_RULE);
    planner.removeRule(EnumerableRules.ENUMERABLE_MERGE_JOIN_RULE);
    planner.removeRule(EnumerableRules.ENUMERABLE_SORTED_AGGREGATE_RULE);
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

      /**
       * The validator's operators are the SQL library plus {@code ARRAY_CONTAINS} (for tags;
       * {@code MEMBER OF tags} is rewritten to it, see {@link ArrayMembership}), and not the
       * catalog reader: W&B schemas define no functions, and Calcite looks schema functions up
       * by asking whether qualifiers such as table names and aliases ({@code r} in
       * {@code r.run_id}) are schemas, which for W&B means a request asking whether such a
       * project exists.
       */
      @Override
      protected SqlValidator createSqlValidator(CatalogReader catalogReader,
          UnaryOperator<SqlValidator.Config> configTransform) {
        CalciteConnectionConfig config = context.config();
        SqlOperatorTable operators = SqlOperatorTables.chain(
            config.fun(SqlOperatorTable.class, SqlStdOperatorTable.instance()),
            SqlOperatorTables.of(ArrayMembership.ARRAY_CONTAINS));
        return new CalciteSqlValidator(operators, (CalciteCatalogReader) catalogReader,
            context.getTypeFactory(), configTransform.apply(SqlValidator.Config.DEFAULT
                .withLenientOperatorLookup(config.lenientOperatorLookup())
                .withConformance(config.conformance())
                .withDefaultNullCollation(config.defaultNullCollation())
                .withIdentifierExpansion(true))) {
          @Override
          public SqlNode validate(SqlNode topNode) {
            ArrayMembership.rewrite(topNode);
            EmptyCoalesce.check(topNode, this);
            return super.validate(topNode);
          }
        };
      }

      @Override
      protected RelRoot optimize(RelRoot root, List<Materialization> materializations,
          List<LatticeEntry> lattices) {
        return super.optimize(MaxRowsLimit.apply(root, maxRows), materializations, lattices);
      }

      @Override
      protected Program getProgram() {
        return Programs.sequence(PlanningProgram.STANDARD,
            (planner, rel, traits, materializations, lattices) -> PostgresSemantics.apply(rel));
      }
    };
  }
}
