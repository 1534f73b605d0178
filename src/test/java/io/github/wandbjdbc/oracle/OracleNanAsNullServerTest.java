package io.github.wandbjdbc.oracle;

import io.github.wandbjdbc.testserver.semantics.NanForm;

import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

/**
 * The corpus agrees with PostgreSQL when the driver reads a server that stores NaN and ±Infinity
 * as null, as W&B has been seen to (docs/WIRE.md, W&B's JSON). PostgreSQL holds the nulls too.
 */
class OracleNanAsNullServerTest extends OracleCases {
  @RegisterExtension
  static final OracleDatabase ORACLE =
      new OracleDatabase(b -> b.nanServedAs(NanForm.NULL), "oracle_nan_null");

  OracleNanAsNullServerTest() {
    super(ORACLE, List.of(Map.of("pushdown", "true")));
  }
}
