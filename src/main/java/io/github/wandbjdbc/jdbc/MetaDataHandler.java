package io.github.wandbjdbc.jdbc;

import java.sql.DatabaseMetaData;
import java.util.Map;

/**
 * The calls a metadata proxy answers itself, apart from Calcite's metadata: the database is
 * read-only. (Its connection is the connection proxy, as every kind's; see {@link ProxyHandler}.)
 */
final class MetaDataHandler extends ProxyHandler<MetaDataHandler> {
  private static final Map<String, Answer<MetaDataHandler>> ANSWERS = Map.of(
      "isReadOnly", (handler, call) -> true);

  MetaDataHandler(DatabaseMetaData metaData, JdbcProxies.Shared shared) {
    super(DatabaseMetaData.class, metaData, shared, ANSWERS);
  }
}
