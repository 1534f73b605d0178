package io.github.wandbjdbc.jdbc;

import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.BuiltInMethod;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Warms Calcite up when the driver is loaded: on a daemon thread, a few statements shaped like
 * W&B queries (filter, sort, limit, aggregate, join) are parsed, validated, planned, generated,
 * compiled and run over a small in-memory table, without any request. A JVM's first statement
 * otherwise pays for loading and compiling all of that itself; this way most of it happens while
 * the application is still connecting. The system property {@value #SWITCH}{@code =false} turns
 * it off.
 */
final class PlannerWarmUp implements Runnable {
  static final String SWITCH = "wandbjdbc.warmUp";
  private static final String PROJECT = "warm-up";
  private static final System.Logger LOG = System.getLogger(PlannerWarmUp.class.getName());
  private static final List<String> STATEMENTS = List.of(
      "SELECT * FROM runs LIMIT 1",
      "SELECT run_id, loss FROM runs WHERE state = 'finished' AND loss > 0.1"
          + " ORDER BY loss DESC NULLS LAST LIMIT 10",
      "SELECT state, COUNT(*), AVG(loss), MAX(created_at) FROM runs GROUP BY state",
      "SELECT a.run_id, b.steps FROM runs a JOIN runs b ON a.run_id = b.run_id"
          + " WHERE a.state LIKE 'fin%'");

  private final WandbDriver driver;

  private PlannerWarmUp(WandbDriver driver) {
    this.driver = driver;
  }

  /** Starts the warm-up unless switched off. */
  static void start(WandbDriver driver) {
    if ("false".equalsIgnoreCase(System.getProperty(SWITCH))) {
      return;
    }
    Thread t = new Thread(new PlannerWarmUp(driver), "wandb-jdbc-warmup");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    t.start();
  }

  @Override
  public void run() {
    long start = System.nanoTime();
    try {
      rowCounts(driver);
      LOG.log(System.Logger.Level.DEBUG, () -> "Calcite warmed up in "
          + (System.nanoTime() - start) / 1_000_000 + " ms");
    } catch (SQLException | RuntimeException e) {
      // Only a head start is lost; the first real statement does the work itself.
      LOG.log(System.Logger.Level.DEBUG, "the warm-up failed", e);
    }
  }

  /** Runs the warm-up statements; the number of rows of each. */
  static List<Integer> rowCounts(WandbDriver driver) throws SQLException {
    List<Integer> counts = new ArrayList<>();
    try (Connection c = driver.inMemoryConnection(new EntityLikeSchema())) {
      c.setSchema(PROJECT);
      for (String sql : STATEMENTS) {
        counts.add(rowCount(c, sql));
      }
    }
    return counts;
  }

  private static int rowCount(Connection c, String sql) throws SQLException {
    int rows = 0;
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rs.getObject(1);
        rows++;
      }
    }
    return rows;
  }


  /** Like an entity: one project schema, {@value #PROJECT}, with one table. */
  private static final class EntityLikeSchema extends AbstractSchema {
    /** As the root schema, it is the data context's root schema in generated code. */
    @Override
    public Expression getExpression(SchemaPlus parentSchema, String name) {
      return Expressions.call(DataContext.ROOT, BuiltInMethod.DATA_CONTEXT_GET_ROOT_SCHEMA.method);
    }

    @Override
    protected Map<String, Schema> getSubSchemaMap() {
      return Map.of(PROJECT, new ProjectLikeSchema());
    }
  }

  /** One table, {@code runs}, with a few columns of the types W&B's have. */
  private static final class ProjectLikeSchema extends AbstractSchema {
    @Override
    protected Map<String, Table> getTableMap() {
      return Map.of("runs", new RunsLikeTable());
    }
  }

  private static final class RunsLikeTable extends AbstractTable implements ScannableTable {
    @Override
    public RelDataType getRowType(RelDataTypeFactory types) {
      return types.builder()
          .add("run_id", SqlTypeName.VARCHAR).nullable(false)
          .add("state", SqlTypeName.VARCHAR).nullable(true)
          .add("created_at", SqlTypeName.TIMESTAMP, 3).nullable(true)
          .add("loss", SqlTypeName.DOUBLE).nullable(true)
          .add("steps", SqlTypeName.BIGINT).nullable(true)
          .build();
    }

    @Override
    public Enumerable<Object[]> scan(DataContext root) {
      return Linq4j.asEnumerable(List.of(
          new Object[] {"a1", "finished", 1_700_000_000_000L, 0.5, 100L},
          new Object[] {"b2", "crashed", 1_700_000_100_000L, null, 3L},
          new Object[] {"c3", "finished", null, 0.05, 7L}));
    }
  }
}
