package io.github.wandbjdbc.oracle;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The corpus cases where the driver's answer differs from PostgreSQL's on purpose, each with
 * the reason (the README's "SQL semantics" says the same). A case is listed by its exact text.
 */
final class OracleAllowlist {
  private static final Map<String, String> REASONS = new LinkedHashMap<>();

  static {
    String overflow = "PostgreSQL raises 22003 when arithmetic on doubles overflows or"
        + " underflows (Double.MIN_VALUE / 2, MAX + MAX); the driver computes as Java does,"
        + " IEEE 754: 0, ±Infinity or NaN";
    REASONS.put("SELECT run_id, \"summary.x\" + 1, \"summary.x\" / 2 FROM runs WHERE"
        + " \"summary.x\" BETWEEN -1e6 AND 1e6", overflow);
    REASONS.put("SELECT SUM(\"summary.x\"), AVG(\"summary.y\") FROM runs", overflow);
    REASONS.put("SELECT run_id FROM runs WHERE \"summary.n\" = 9.007199254740993E15",
        "a literal with an exponent is DOUBLE in the driver (SQL's approximate literal) and"
            + " NUMERIC in PostgreSQL, so a BIGINT beyond 2^53 compares in double precision in"
            + " the driver (2^53 and 2^53 + 1 both match) and exactly in PostgreSQL");
    REASONS.put("SELECT run_id FROM runs WHERE created_at >= '2024-01-01 01:00:00+01:00'",
        "a zone in text read as a TIMESTAMP is converted to UTC, the zone of W&B's timestamps;"
            + " PostgreSQL drops it from a TIMESTAMP WITHOUT TIME ZONE");
    REASONS.put("SELECT PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY \"summary.x\") FROM runs"
        + " WHERE \"summary.x\" BETWEEN -10 AND 10", "Calcite has no implementation of"
            + " PERCENTILE_DISC/PERCENTILE_CONT: the driver refuses it with 0A000");
    REASONS.put("SELECT POSITION('b' IN '🚀b'), SUBSTRING('🚀ab' FROM 2 FOR 1)",
        "SUBSTRING, POSITION, OVERLAY, LEFT and RIGHT count UTF-16 units (Calcite's, Java's"
            + " String), so a character beyond the BMP counts twice; PostgreSQL counts code points");
    REASONS.put("SELECT UPPER('straße é'), LOWER('ÉΣA')", "UPPER and LOWER map every letter by"
        + " Java's Unicode rules; PostgreSQL under the C locale maps ASCII letters only");
  }

  private OracleAllowlist() {}

  static Optional<String> reason(String sql) {
    return Optional.ofNullable(REASONS.get(sql));
  }

  static Map<String, String> all() {
    return Map.copyOf(REASONS);
  }
}
