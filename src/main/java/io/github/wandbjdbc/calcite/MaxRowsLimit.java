package io.github.wandbjdbc.calcite;

import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.sql.SqlKind;

import java.math.BigDecimal;

/**
 * A statement's {@code maxRows} (JDBC {@code Statement.setMaxRows}) as a limit in the plan.
 * Calcite otherwise only cuts the finished rows off after the plan has run, so the scans never
 * learn how few rows are wanted: they read W&B in default-sized pages and ask for one more page
 * to find the row after the last. DBeaver's data tab is such a statement ({@code SELECT * FROM t}
 * with {@code setMaxRows(200)}); planned as {@code LIMIT 200} it reads one page of 201 runs.
 * The rows are the same: the limit keeps the query's own order and Calcite still cuts off.
 */
final class MaxRowsLimit {
  private MaxRowsLimit() {}

  static RelRoot apply(RelRoot root, long maxRows) {
    if (maxRows <= 0 || !root.kind.belongsTo(SqlKind.QUERY)) {
      return root;
    }
    var limit = root.rel.getCluster().getRexBuilder()
        .makeExactLiteral(BigDecimal.valueOf(maxRows));
    return root.withRel(LogicalSort.create(root.rel, root.collation, null, limit));
  }
}
