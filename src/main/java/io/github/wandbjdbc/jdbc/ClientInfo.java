package io.github.wandbjdbc.jdbc;

import java.sql.ClientInfoStatus;
import java.sql.SQLClientInfoException;
import java.util.Map;
import java.util.Properties;

/**
 * A connection's client info ({@code ApplicationName} and the like), kept in the driver: W&B has
 * no session to report it to. Tools such as DBeaver set it right after connecting; Calcite
 * refuses every name, which JDBC reserves for failures, not for names a database ignores.
 */
final class ClientInfo {
  private final Properties values = new Properties();

  synchronized void set(String name, String value) {
    if (value == null) {
      values.remove(name);
    } else {
      values.setProperty(name, value);
    }
  }

  synchronized void setAll(Properties properties) {
    values.clear();
    if (properties != null) {
      properties.stringPropertyNames().forEach(n -> values.setProperty(n, properties.getProperty(n)));
    }
  }

  synchronized String get(String name) {
    return values.getProperty(name);
  }

  synchronized Properties all() {
    Properties copy = new Properties();
    copy.putAll(values);
    return copy;
  }

  /** The exception {@code setClientInfo} must throw on a closed connection. */
  static SQLClientInfoException closed(Map<String, ClientInfoStatus> failed) {
    return new SQLClientInfoException("The connection is closed.", "08003", 0, failed);
  }
}
