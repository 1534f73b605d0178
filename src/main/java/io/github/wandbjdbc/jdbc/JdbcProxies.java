package io.github.wandbjdbc.jdbc;

import io.github.wandbjdbc.calcite.PlanningControl;
import io.github.wandbjdbc.calcite.WandbSession;
import io.github.wandbjdbc.client.ApiKey;
import io.github.wandbjdbc.client.CallControl;

import org.apache.calcite.jdbc.CalciteConnection;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.ClientInfoStatus;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The JDBC objects users get: thin proxies over Calcite's, which (a) turn every failure into an
 * {@code SQLException} with an SQLState and the API key scrubbed — Avatica lets runtime exceptions
 * of a scan escape from {@code ResultSet.next()} and gives no SQLStates, (b) refuse writing
 * statements, (c) report the connection as read-only, (d) close the W&B session with the
 * connection, (e) answer the connection calls tools make that Calcite refuses although a
 * read-only driver can honour them: commit and rollback (nothing to do) and client info,
 * (f) drive the progress line of the running statement when there is one, and (g) read and
 * bind DATE, TIME and TIMESTAMP values as wall-clock values whatever the JVM's zone
 * ({@link WallClockGetters}, {@link WallClockSetters}). A proxy covers every JDBC method, present and future, without
 * delegation code.
 */
final class JdbcProxies {
  private static final List<Class<?>> WRAPPED = List.of(CallableStatement.class,
      PreparedStatement.class, Statement.class, ResultSet.class, DatabaseMetaData.class);
  private static final Set<String> SQL_TAKING = Set.of("execute", "executeQuery", "executeUpdate",
      "executeLargeUpdate", "addBatch", "prepareStatement", "prepareCall");
  /** Result-set getters that {@link WallClockGetters} answers for DATE, TIME and TIMESTAMP. */
  private static final Set<String> TEMPORAL_GETTERS =
      Set.of("getString", "getObject", "getTimestamp", "getDate", "getTime");
  /** Parameter setters that {@link WallClockSetters} answers for DATE and TIMESTAMP values. */
  private static final Set<String> TEMPORAL_SETTERS =
      Set.of("setTimestamp", "setDate", "setObject");

  private JdbcProxies() {}

  /** What all proxies of one connection share. */
  private static final class Shared {
    final ApiKey key;
    final WandbSession session;
    final String description;
    final AtomicBoolean sessionClosed = new AtomicBoolean();
    final ClientInfo clientInfo = new ClientInfo();
    /** The progress line of the running statement, or null when not shown. */
    final StatementProgress progress;
    /** The connection proxy, which statements and metadata hand out as their connection. */
    Connection connection;

    Shared(ApiKey key, WandbSession session, String description, StatementProgress progress) {
      this.key = key;
      this.session = session;
      this.description = description;
      this.progress = progress;
    }
  }

  /** @param progress the progress line to drive, or null */
  static Connection connection(Connection calcite, WandbSession session, ApiKey key,
      String description, StatementProgress progress) {
    Shared shared = new Shared(key, session, description, progress);
    shared.connection = (Connection) proxy(Connection.class, calcite, shared, null);
    return shared.connection;
  }

  private static Object proxy(Class<?> type, Object delegate, Shared shared, Object parent) {
    return Proxy.newProxyInstance(JdbcProxies.class.getClassLoader(), new Class<?>[] {type},
        new Handler(type, delegate, shared, parent));
  }

  private static final class Handler implements InvocationHandler {
    private final Class<?> type;
    private final Object delegate;
    private final Shared shared;
    /** The statement of a result set, so that getStatement() returns the proxy. */
    private final Object parent;

    /** Set by {@code cancel()} on a statement, for W&B requests its planning makes. */
    private final AtomicBoolean planningCancelled = new AtomicBoolean();
    /** A result set's getters of temporal columns; null for other objects. */
    private final WallClockGetters wallClock;

    Handler(Class<?> type, Object delegate, Shared shared, Object parent) {
      this.type = type;
      this.delegate = delegate;
      this.shared = shared;
      this.parent = parent;
      this.wallClock = delegate instanceof ResultSet rs ? new WallClockGetters(rs) : null;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      int arity = args == null ? 0 : args.length;
      if (method.getDeclaringClass() == Object.class) {
        return switch (name) {
          case "equals" -> proxy == args[0];
          case "hashCode" -> System.identityHashCode(proxy);
          default -> "wandb-jdbc " + type.getSimpleName() + "[" + shared.description + "]";
        };
      }
      if (name.equals("unwrap") && arity == 1 && ((Class<?>) args[0]).isInstance(proxy)) {
        return proxy;
      }
      if (name.equals("isWrapperFor") && arity == 1 && ((Class<?>) args[0]).isInstance(proxy)) {
        return true;
      }
      if (type == Connection.class) {
        switch (name) {
          case "close" -> {
            return closeConnection(method, args);
          }
          case "isReadOnly" -> {
            checkOpen();
            return true;
          }
          case "setReadOnly" -> {
            // A hint (JDBC): every wandb-jdbc connection is read-only whatever pools ask for.
            checkOpen();
            return null;
          }
          case "setSchema" -> {
            requireProject((String) args[0]);
          }
          case "commit", "rollback" -> {
            if (arity == 0) {
              // Nothing is ever written, so there is nothing to commit or undo. DBeaver commits
              // right after connecting when its connection type turns auto-commit off.
              checkOpen();
              return null;
            }
          }
          case "setClientInfo" -> {
            return setClientInfo(args);
          }
          case "getClientInfo" -> {
            checkOpen();
            return arity == 0 ? shared.clientInfo.all() : shared.clientInfo.get((String) args[0]);
          }
          default -> { }
        }
      }
      if (name.equals("cancel") && arity == 0 && Statement.class.isAssignableFrom(type)) {
        planningCancelled.set(true); // and Calcite's own flag below, for the scan
      }
      if (type == DatabaseMetaData.class && name.equals("isReadOnly")) {
        return true;
      }
      if (name.equals("getConnection") && arity == 0) {
        return shared.connection;
      }
      if (name.equals("getStatement") && type == ResultSet.class && parent != null) {
        return parent;
      }
      if (name.equals("next") && type == ResultSet.class && parent instanceof Statement statement
          && beyondMaxRows(statement)) {
        return false;
      }
      if (wallClock != null && TEMPORAL_GETTERS.contains(name)) {
        try {
          Optional<Object> value = wallClock.get(name, args);
          if (value.isPresent()) {
            return WallClockGetters.unwrapNull(value.get());
          }
        } catch (SQLException | RuntimeException e) {
          throw SqlErrors.translate(e, shared.key);
        }
      }
      if (TEMPORAL_SETTERS.contains(name) && delegate instanceof PreparedStatement ps) {
        try {
          if (WallClockSetters.set(ps, name, args)) {
            return null;
          }
        } catch (SQLException | RuntimeException e) {
          throw SqlErrors.translate(e, shared.key);
        }
      }
      if (SQL_TAKING.contains(name) && arity >= 1 && args[0] instanceof String sql) {
        ReadOnlyGuard.check(sql);
      }
      if (shared.progress == null) {
        return wrap(call(method, args), method.getReturnType(), proxy);
      }
      boolean executes = Statement.class.isAssignableFrom(type) && name.startsWith("execute");
      if (executes) {
        shared.progress.started();
      }
      try {
        Object result = call(method, args);
        if (type == ResultSet.class && (name.equals("close")
            || name.equals("next") && Boolean.FALSE.equals(result))) {
          shared.progress.finished();
        }
        return wrap(result, method.getReturnType(), proxy);
      } catch (Throwable t) {
        shared.progress.finished();
        throw t;
      }
    }

    /**
     * Whether the rows the statement's {@code maxRows} allows have all been read. Calcite cuts
     * off at the {@code maxRows} a statement had when it was prepared, so a prepared statement's
     * later {@code setMaxRows} would be ignored and every row returned.
     */
    private boolean beyondMaxRows(Statement statement) throws SQLException {
      int max = statement.getMaxRows();
      return max > 0 && ((ResultSet) delegate).getRow() >= max;
    }

    private Object call(Method method, Object[] args) throws Throwable {
      try {
        if (plans(method)) {
          // Planning may ask W&B (columns, projects): under this statement's timeout and cancel.
          planningCancelled.set(false);
          return PlanningControl.during(planningControl(), () -> method.invoke(delegate, args));
        }
        return method.invoke(delegate, args);
      } catch (InvocationTargetException e) {
        Throwable cause = e.getCause();
        if (Arrays.asList(method.getExceptionTypes()).contains(SQLException.class)) {
          throw SqlErrors.translate(cause, shared.key);
        }
        throw cause;
      }
    }

    /** Whether the call may plan SQL: executing or preparing it. */
    private boolean plans(Method method) {
      String name = method.getName();
      return (type == Connection.class && name.startsWith("prepare"))
          || (type != ResultSet.class && type != DatabaseMetaData.class
              && name.startsWith("execute"));
    }

    /** This statement's cancel and query timeout; a connection's prepare has neither. */
    private CallControl planningControl() throws SQLException {
      if (delegate instanceof Statement statement) {
        int seconds = statement.getQueryTimeout();
        return CallControl.of(planningCancelled, seconds > 0 ? Duration.ofSeconds(seconds) : null);
      }
      return CallControl.NONE;
    }

    private Object wrap(Object result, Class<?> returnType, Object proxy) {
      if (result == null) {
        return null;
      }
      for (Class<?> wrapped : WRAPPED) {
        if (returnType == wrapped) {
          // A result set's statement is the statement proxy that made it; metadata result sets
          // answer with Calcite's own statement, wrapped like any other.
          Object parentOfChild = Statement.class.isAssignableFrom(type) ? proxy : null;
          return proxy(wrapped, result, shared, parentOfChild);
        }
      }
      return result;
    }

    private Object closeConnection(Method method, Object[] args) throws Throwable {
      try {
        return call(method, args);
      } finally {
        if (shared.sessionClosed.compareAndSet(false, true)) {
          shared.session.close();
        }
      }
    }

    private Object setClientInfo(Object[] args) throws SQLException {
      if (((Connection) delegate).isClosed()) {
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

    private void checkOpen() throws SQLException {
      if (((Connection) delegate).isClosed()) {
        throw new SQLException("The connection is closed.", "08003");
      }
    }

    /** Refuses a default schema that is not a readable project, instead of failing later. */
    private void requireProject(String project) throws SQLException {
      if (project == null) {
        return;
      }
      try {
        CalciteConnection calcite = ((Connection) delegate).unwrap(CalciteConnection.class);
        if (calcite.getRootSchema().subSchemas().get(project) == null) {
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
}
