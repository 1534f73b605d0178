package io.github.wandbjdbc.jdbc;

import io.github.wandbjdbc.calcite.common.WandbSession;
import io.github.wandbjdbc.client.ApiKey;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Statement;
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
 * ({@link WallClockGetters}, {@link WallClockSetters}). A proxy covers every JDBC method, present
 * and future, without delegation code.
 *
 * <p>{@link ProxyHandler} is the path every call takes; {@link ConnectionHandler},
 * {@link StatementHandler}, {@link ResultSetHandler} and {@link MetaDataHandler} hold the calls
 * each kind answers itself.
 */
final class JdbcProxies {
  private JdbcProxies() {}

  /** What all proxies of one connection share. */
  static final class Shared {
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

  /**
   * A proxy of {@code type} over Calcite's {@code delegate}.
   *
   * @param parent the statement proxy of a result set, or null
   */
  static Object proxy(Class<?> type, Object delegate, Shared shared, Object parent) {
    ProxyHandler<?> handler;
    if (type == Connection.class) {
      handler = new ConnectionHandler((Connection) delegate, shared);
    } else if (type == ResultSet.class) {
      handler = new ResultSetHandler((ResultSet) delegate, shared, parent);
    } else if (type == DatabaseMetaData.class) {
      handler = new MetaDataHandler((DatabaseMetaData) delegate, shared);
    } else {
      handler = new StatementHandler(type, (Statement) delegate, shared);
    }
    return Proxy.newProxyInstance(JdbcProxies.class.getClassLoader(), new Class<?>[] {type},
        handler);
  }
}
