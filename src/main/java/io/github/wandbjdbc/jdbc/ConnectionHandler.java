package io.github.wandbjdbc.jdbc;

import io.github.wandbjdbc.client.CallControl;

import org.apache.calcite.jdbc.CalciteConnection;

import java.sql.ClientInfoStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The calls a connection proxy answers itself, apart from Calcite's connection: it is read-only,
 * closes the W&B session with it, and honours the calls tools make that Calcite refuses although
 * a read-only driver can honour them — commit and rollback (nothing to do) and client info. A
 * default schema must be a readable project.
 */
final class ConnectionHandler extends ProxyHandler<ConnectionHandler> {
  private static final Map<String, Answer<ConnectionHandler>> ANSWERS = Map.of(
      "close", ConnectionHandler::close,
      "isReadOnly", ConnectionHandler::isReadOnly,
      "setReadOnly", ConnectionHandler::setReadOnly,
      "setSchema", ConnectionHandler::setSchema,
      "commit", ConnectionHandler::endTransaction,
      "rollback", ConnectionHandler::endTransaction,
      "setClientInfo", ConnectionHandler::setClientInfo,
      "getClientInfo", ConnectionHandler::getClientInfo);

  private final Connection calcite;

  ConnectionHandler(Connection calcite, JdbcProxies.Shared shared) {
    super(Connection.class, calcite, shared, ANSWERS);
    this.calcite = calcite;
  }

  /** Preparing plans the SQL; a connection has no cancel or query timeout of its own. */
  @Override
  CallControl planning(String name) {
    return name.startsWith("prepare") ? CallControl.NONE : null;
  }

  private Object close(Call call) throws Throwable {
    try {
      return invokeDelegate(call.method(), call.args());
    } finally {
      if (shared.sessionClosed.compareAndSet(false, true)) {
        shared.session.close();
      }
    }
  }

  private Object isReadOnly(Call call) throws SQLException {
    checkOpen();
    return true;
  }

  private Object setReadOnly(Call call) throws SQLException {
    // A hint (JDBC): every wandb-jdbc connection is read-only whatever pools ask for.
    checkOpen();
    return null;
  }

  /** Checks the project, then lets Calcite set it. */
  private Object setSchema(Call call) throws SQLException {
    requireProject((String) call.args()[0]);
    return DELEGATE;
  }

  /** {@code commit()} and {@code rollback()}; to a savepoint, Calcite answers. */
  private Object endTransaction(Call call) throws SQLException {
    if (call.arity() != 0) {
      return DELEGATE;
    }
    // Nothing is ever written, so there is nothing to commit or undo. DBeaver commits right
    // after connecting when its connection type turns auto-commit off.
    checkOpen();
    return null;
  }

  private Object setClientInfo(Call call) throws SQLException {
    Object[] args = call.args();
    if (calcite.isClosed()) {
      Map<String, ClientInfoStatus> failed = new HashMap<>();
      if (args[0] instanceof String name) {
        failed.put(name, ClientInfoStatus.REASON_UNKNOWN);
      } else if (args[0] instanceof Properties p) {
        p.stringPropertyNames().forEach(n -> failed.put(n, ClientInfoStatus.REASON_UNKNOWN));
      }
      throw ClientInfo.closed(failed);
    }
    if (args.length == 2) {
      shared.clientInfo.set((String) args[0], (String) args[1]);
    } else {
      shared.clientInfo.setAll((Properties) args[0]);
    }
    return null;
  }

  private Object getClientInfo(Call call) throws SQLException {
    checkOpen();
    return call.arity() == 0 ? shared.clientInfo.all()
        : shared.clientInfo.get((String) call.args()[0]);
  }

  private void checkOpen() throws SQLException {
    if (calcite.isClosed()) {
      throw new SQLException("The connection is closed.", "08003");
    }
  }

  /** Refuses a default schema that is not a readable project, instead of failing later. */
  private void requireProject(String project) throws SQLException {
    if (project == null) {
      return;
    }
    try {
      CalciteConnection connection = calcite.unwrap(CalciteConnection.class);
      if (connection.getRootSchema().subSchemas().get(project) == null) {
        throw new SQLException("Project '" + project + "' not found in entity '"
            + shared.session.entity() + "', or the API key cannot read it. Schemas are"
            + " W&B projects; DatabaseMetaData.getSchemas() lists them.",
            SqlStates.INVALID_SCHEMA_NAME);
      }
    } catch (RuntimeException e) {
      throw SqlErrors.translate(e, shared.key);
    }
  }
}
