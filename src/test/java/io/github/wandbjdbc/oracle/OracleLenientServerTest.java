package io.github.wandbjdbc.oracle;

import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

/**
 * The corpus agrees with PostgreSQL when the driver reads a server as lenient as W&B might be where
 * its documentation is silent (docs/WIRE.md, "Where W&B's documentation is silent"): strings
 * compared case-insensitively, keys a run lacks matching no operator, NaN ranked above every
 * number, cursors valid only with the filter and order they were issued for, and the last run of
 * each page repeated at the top of the next; 29 runs a page (three pages of the hostile project).
 */
class OracleLenientServerTest extends OracleCases {
  @RegisterExtension
  static final OracleDatabase ORACLE = new OracleDatabase(b -> b.caseInsensitiveStrings(true)
      .missingKeysMatchNothing(true).nanAboveNumbers(true).cursorsBoundToQuery(true)
      .repeatLastRunOfEachPage(true), "oracle_lenient");

  OracleLenientServerTest() {
    super(ORACLE, List.of(Map.of("pushdown", "true", "pageSize", "29")));
  }
}
