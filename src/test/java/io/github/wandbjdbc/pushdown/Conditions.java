package io.github.wandbjdbc.pushdown;

import io.github.wandbjdbc.calcite.common.SqlTypes;
import io.github.wandbjdbc.columns.ColumnType;
import io.github.wandbjdbc.columns.KeyScope;
import io.github.wandbjdbc.columns.RunAttribute;
import io.github.wandbjdbc.columns.RunColumn;

import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.plan.RelOptPredicateList;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexSimplify;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.tools.FrameworkConfig;
import org.apache.calcite.tools.Frameworks;
import org.apache.calcite.tools.Planner;

import java.util.ArrayList;
import java.util.List;

/**
 * WHERE clauses as Calcite really hands them to the driver: planned against a table with the
 * {@code runs} columns, so that tests see Calcite's SEARCH/Sarg forms, casts and simplifications.
 */
final class Conditions {
  static final List<RunColumn> COLUMNS = columns();

  private Conditions() {}

  private static List<RunColumn> columns() {
    List<RunColumn> out = new ArrayList<>();
    for (RunAttribute a : RunAttribute.values()) {
      out.add(new RunColumn.Attribute(a));
    }
    out.add(key(KeyScope.CONFIG, ColumnType.DOUBLE, "lr"));
    out.add(key(KeyScope.CONFIG, ColumnType.BIGINT, "batch_size"));
    out.add(key(KeyScope.CONFIG, ColumnType.VARCHAR, "optimizer"));
    out.add(key(KeyScope.CONFIG, ColumnType.BOOLEAN, "augment"));
    out.add(key(KeyScope.CONFIG, ColumnType.BIGINT, "model", "depth"));
    out.add(key(KeyScope.CONFIG, ColumnType.DOUBLE, "a.b"));
    out.add(key(KeyScope.SUMMARY, ColumnType.DOUBLE, "loss"));
    out.add(key(KeyScope.SUMMARY, ColumnType.DOUBLE, "val/loss"));
    out.add(key(KeyScope.SUMMARY, ColumnType.MIXED, "mixed"));
    out.add(key(KeyScope.SUMMARY, ColumnType.JSON, "h"));
    return List.copyOf(out);
  }

  private static RunColumn key(KeyScope scope, ColumnType type, String... path) {
    return new RunColumn.Key(scope, List.of(path), type, 100);
  }

  /** The condition of {@code SELECT * FROM runs WHERE <where>}. */
  static RexNode where(String where) {
    return where("runs", f -> SqlTypes.rowType(f, COLUMNS), where);
  }

  /**
   * The condition of {@code SELECT * FROM <table> WHERE <where>} for a table of the given row
   * type.
   */
  static RexNode where(String table, java.util.function.Function<RelDataTypeFactory, RelDataType> rowType,
      String where) {
    SchemaPlus root = CalciteSchema.createRootSchema(false, false).plus();
    root.add(table, new AbstractTable() {
      @Override
      public RelDataType getRowType(RelDataTypeFactory typeFactory) {
        return rowType.apply(typeFactory);
      }
    });
    FrameworkConfig config = Frameworks.newConfigBuilder()
        .parserConfig(SqlParser.config().withQuoting(Quoting.DOUBLE_QUOTE)
            .withUnquotedCasing(Casing.UNCHANGED).withQuotedCasing(Casing.UNCHANGED)
            .withCaseSensitive(false))
        .operatorTable(SqlOperatorTables.chain(SqlStdOperatorTable.instance(),
            SqlOperatorTables.of(SqlLibraryOperators.ARRAY_CONTAINS)))
        .defaultSchema(root)
        .build();
    Planner planner = Frameworks.getPlanner(config);
    try {
      SqlNode parsed = planner.parse("SELECT * FROM " + table + " WHERE " + where);
      RelNode rel = planner.rel(planner.validate(parsed)).project();
      while (!(rel instanceof Filter)) {
        rel = rel.getInput(0);
      }
      // Simplified as the driver's planning simplifies: IN lists and ranges become SEARCH.
      RexBuilder rexBuilder = rel.getCluster().getRexBuilder();
      return new RexSimplify(rexBuilder, RelOptPredicateList.EMPTY, RexUtil.EXECUTOR)
          .simplifyUnknownAsFalse(((Filter) rel).getCondition());
    } catch (Exception e) {
      throw new IllegalArgumentException("cannot plan WHERE " + where + ": " + e, e);
    }
  }
}
