package io.github.wandbjdbc.jdbc;

import io.github.wandbjdbc.client.CallControl;

import java.lang.reflect.Proxy;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;

/**
 * The calls a result-set proxy answers itself, apart from Calcite's result set: its statement is
 * the statement proxy that made it, it stops at the statement's current {@code maxRows}, DATE,
 * TIME and TIMESTAMP values are read as wall-clock values ({@link WallClockGetters}), and its end
 * or close ends the progress line.
 */
final class ResultSetHandler extends ProxyHandler<ResultSetHandler> {
  private static final Map<String, Answer<ResultSetHandler>> ANSWERS = Map.of(
      "getStatement", ResultSetHandler::statement,
      "next", ResultSetHandler::next,
      // The getters that WallClockGetters answers for DATE, TIME and TIMESTAMP columns.
      "getString", ResultSetHandler::wallClock,
      "getObject", ResultSetHandler::wallClock,
      "getTimestamp", ResultSetHandler::wallClock,
      "getDate", ResultSetHandler::wallClock,
      "getTime", ResultSetHandler::wallClock);

  private final ResultSet rows;
  /** The statement proxy that made the result set, or null (metadata result sets). */
  private final Object parent;
  /** The getters of temporal columns. */
  private final WallClockGetters wallClock;
  /** The handler of {@link #parent}, when it is one of this driver's statement proxies. */
  private final StatementHandler statement;

  ResultSetHandler(ResultSet rows, JdbcProxies.Shared shared, Object parent) {
    super(ResultSet.class, rows, shared, ANSWERS);
    this.rows = rows;
    this.parent = parent;
    this.wallClock = new WallClockGetters(rows);
    this.statement = parent != null && Proxy.isProxyClass(parent.getClass())
        && Proxy.getInvocationHandler(parent) instanceof StatementHandler handler ? handler : null;
  }

  /**
   * Reading rows may open a scan late (the inner side of a join), so {@code next()} runs under
   * the statement's latest execution control, as the execution did: the scan finds its cancel,
   * timeout and warnings there.
   */
  @Override
  CallControl planning(String name) {
    return statement != null && name.equals("next") ? statement.execution() : null;
  }

  @Override
  boolean endsRows(String name, Object result) {
    return name.equals("close") || name.equals("next") && Boolean.FALSE.equals(result);
  }

  private Object statement(Call call) {
    return parent != null ? parent : DELEGATE;
  }

  private Object next(Call call) throws SQLException {
    // Calcite's own statement holds maxRows: asked directly, not through the proxy, per row.
    return statement != null && beyondMaxRows((Statement) statement.delegate) ? false : DELEGATE;
  }

  /**
   * Whether the rows the statement's {@code maxRows} allows have all been read. Calcite cuts
   * off at the {@code maxRows} a statement had when it was prepared, so a prepared statement's
   * later {@code setMaxRows} would be ignored and every row returned.
   */
  private boolean beyondMaxRows(Statement statement) throws SQLException {
    int max = statement.getMaxRows();
    return max > 0 && rows.getRow() >= max;
  }

  private Object wallClock(Call call) throws SQLException {
    try {
      Optional<Object> value = wallClock.get(call.name(), call.args());
      if (value.isPresent()) {
        return WallClockGetters.unwrapNull(value.get());
      }
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e, shared.key);
    }
    return DELEGATE;
  }
}
