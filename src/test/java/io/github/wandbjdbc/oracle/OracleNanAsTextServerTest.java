package io.github.wandbjdbc.oracle;

import io.github.wandbjdbc.testserver.semantics.NanForm;

import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

/**
 * The corpus agrees with PostgreSQL when the driver reads a server that stores NaN and ±Infinity as
 * the strings "NaN", "Infinity" and "-Infinity" and ranks NaN below every number (MongoDB's order),
 * forms W&B's tools have met (docs/WIRE.md, W&B's JSON). PostgreSQL holds the same values as
 * doubles: the README reads that text as numbers.
 */
class OracleNanAsTextServerTest extends OracleCases {
  @RegisterExtension
  static final OracleDatabase ORACLE = new OracleDatabase(
      b -> b.nanBelowNumbers(true).nanServedAs(NanForm.STRING), "oracle_nan_text");

  OracleNanAsTextServerTest() {
    super(ORACLE, List.of(Map.of("pushdown", "true")));
  }
}
