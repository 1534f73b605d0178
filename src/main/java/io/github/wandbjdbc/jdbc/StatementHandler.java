package io.github.wandbjdbc.jdbc;

import io.github.wandbjdbc.client.CallControl;
import io.github.wandbjdbc.client.StatementWarnings;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The calls a statement proxy (plain, prepared or callable) answers itself, apart from Calcite's
 * statement: its cancel and query timeout also reach the W&B requests that planning makes, and
 * DATE and TIMESTAMP parameters are bound as wall-clock values ({@link WallClockSetters}). Its
 * executions drive the progress line, and its result sets answer with it as their statement.
 * What its reads had to tell without failing (history read another way than asked) are its
 * {@code SQLWarning}s, cleared when it executes again.
 */
final class StatementHandler extends ProxyHandler<StatementHandler> {
  private static final Map<String, Answer<StatementHandler>> ANSWERS = Map.of(
      "cancel", StatementHandler::cancel,
      "getWarnings", StatementHandler::warnings,
      "clearWarnings", StatementHandler::clearWarnings,
      // The parameter setters that WallClockSetters answers for DATE and TIMESTAMP values.
      "setTimestamp", StatementHandler::bindWallClock,
      "setDate", StatementHandler::bindWallClock,
      "setObject", StatementHandler::bindWallClock);

  private final Statement statement;
  /** Set by {@code cancel()}, for W&B requests its planning makes. */
  private final AtomicBoolean planningCancelled = new AtomicBoolean();
  private final StatementWarnings warnings = new StatementWarnings();
  /** The control of the latest execution, for the reads its result set makes later. */
  private volatile CallControl execution;

  StatementHandler(Class<?> type, Statement statement, JdbcProxies.Shared shared) {
    super(type, statement, shared, ANSWERS);
    this.statement = statement;
  }

  @Override
  boolean startsExecution(String name) {
    return name.startsWith("execute");
  }

  /** This statement's cancel and query timeout, for an execution. */
  @Override
  CallControl planning(String name) throws SQLException {
    if (!name.startsWith("execute")) {
      return null;
    }
    planningCancelled.set(false);
    warnings.clear();
    int seconds = statement.getQueryTimeout();
    execution = CallControl.of(planningCancelled, seconds > 0 ? Duration.ofSeconds(seconds) : null)
        .withWarnings(warnings);
    return execution;
  }

  /** The control of the latest execution, or null before the first. */
  CallControl execution() {
    return execution;
  }

  /** The reads' warnings, after Calcite's own, as one chain; null when there are none. */
  private Object warnings(Call call) throws SQLException {
    SQLWarning chain = statement.getWarnings();
    for (String message : warnings.messages()) {
      SQLWarning warning = new SQLWarning(message, SqlStates.WARNING);
      if (chain == null) {
        chain = warning;
      } else {
        chain.setNextWarning(warning);
      }
    }
    return chain;
  }

  private Object clearWarnings(Call call) throws SQLException {
    warnings.clear();
    statement.clearWarnings();
    return null;
  }

  @Override
  Object parentOfResults(Object proxy) {
    return proxy;
  }

  private Object cancel(Call call) {
    if (call.arity() == 0) {
      planningCancelled.set(true); // and Calcite's own flag, for the scan
    }
    return DELEGATE;
  }

  private Object bindWallClock(Call call) throws SQLException {
    if (statement instanceof PreparedStatement ps) {
      try {
        if (WallClockSetters.set(ps, call.name(), call.args())) {
          return null;
        }
      } catch (SQLException | RuntimeException e) {
        throw SqlErrors.translate(e, shared.key);
      }
    }
    return DELEGATE;
  }
}
