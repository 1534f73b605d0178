package io.github.wandbjdbc.oracle;

import io.github.wandbjdbc.jdbc.TestServerExtension;
import io.github.wandbjdbc.testserver.NanForm;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

/**
 * The corpus agrees with PostgreSQL when the driver reads a server that stores NaN and ±Infinity
 * as null, as W&B has been seen to (fact sheet §5.5). PostgreSQL holds the nulls too.
 */
class OracleNanAsNullServerTest extends OracleCases {
  @RegisterExtension
  @Order(1)
  static final TestServerExtension SERVER = new TestServerExtension(b -> b
      .hostileProject(true).nanServedAs(NanForm.NULL));

  @RegisterExtension
  @Order(2)
  static final OracleDatabase ORACLE = new OracleDatabase(SERVER, "oracle_nan_null");

  @Override
  TestServerExtension server() {
    return SERVER;
  }

  @Override
  OracleDatabase oracle() {
    return ORACLE;
  }

  @Override
  List<Map<String, String>> configurations() {
    return List.of(Map.of("pushdown", "true"));
  }
}
