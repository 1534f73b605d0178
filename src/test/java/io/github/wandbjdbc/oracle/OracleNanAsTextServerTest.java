package io.github.wandbjdbc.oracle;

import io.github.wandbjdbc.jdbc.TestServerExtension;
import io.github.wandbjdbc.testserver.NanForm;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

/**
 * The corpus agrees with PostgreSQL when the driver reads a server that stores NaN and ±Infinity
 * as the strings "NaN", "Infinity" and "-Infinity" and ranks NaN below every number (MongoDB's
 * order), forms W&B's tools have met (fact sheet §5.5). PostgreSQL holds the same values as
 * doubles: the README reads that text as numbers.
 */
class OracleNanAsTextServerTest extends OracleCases {
  @RegisterExtension
  @Order(1)
  static final TestServerExtension SERVER = new TestServerExtension(b -> b
      .hostileProject(true).nanBelowNumbers(true).nanServedAs(NanForm.STRING));

  @RegisterExtension
  @Order(2)
  static final OracleDatabase ORACLE = new OracleDatabase(SERVER, "oracle_nan_text");

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
