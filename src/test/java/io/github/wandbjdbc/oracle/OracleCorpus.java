package io.github.wandbjdbc.oracle;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The queries the driver and PostgreSQL must answer alike. Most run on the project of hostile
 * values ({@code hostile-values}, the connection's default schema); some on the sample projects,
 * named. Where the two dialects spell a query differently, the case carries PostgreSQL's text.
 * A case is {@code ordered} when its ORDER BY is total: its rows must come in the same order;
 * otherwise they are compared as multisets.
 */
final class OracleCorpus {
  record Case(String sql, String postgres, List<Object> parameters, boolean ordered) {
    Case {
      postgres = postgres == null ? sql : postgres;
      parameters = List.copyOf(parameters);
    }

    @Override
    public String toString() {
      return sql + (parameters.isEmpty() ? "" : " " + parameters);
    }
  }

  private final Set<Case> cases = new LinkedHashSet<>();

  private OracleCorpus() {}

  static List<Case> all() {
    OracleCorpus c = new OracleCorpus();
    c.doubles();
    c.nullLogic();
    c.orderings();
    c.aggregates();
    c.strings();
    c.integers();
    c.timestamps();
    c.booleansAndMixed();
    c.structure();
    c.arrays();
    c.history();
    c.sampleProjects();
    return List.copyOf(c.cases);
  }

  private void rows(String sql) {
    cases.add(new Case(sql, null, List.of(), false));
  }

  private void rows(String sql, String postgres) {
    cases.add(new Case(sql, postgres, List.of(), false));
  }

  private void ordered(String sql) {
    cases.add(new Case(sql, null, List.of(), true));
  }

  private void ordered(String sql, String postgres) {
    cases.add(new Case(sql, postgres, List.of(), true));
  }

  private void withParameters(String sql, Object... parameters) {
    cases.add(new Case(sql, null, List.of(parameters), false));
  }

  static final String NAN = "CAST('NaN' AS DOUBLE PRECISION)";
  static final String INF = "CAST('Infinity' AS DOUBLE PRECISION)";
  static final String NEG_INF = "CAST('-Infinity' AS DOUBLE PRECISION)";

  // ---- floating point: NaN, infinities, signed zeros, the ends of the range ------------------

  private void doubles() {
    String[] columns = {"\"summary.x\"", "\"summary.y\"", "\"config.lr\"", "\"summary.val/loss\""};
    String[] literals = {"0", "-0.0", "0.5", "1e300", "-1e300", NAN, INF, NEG_INF,
        "1.7976931348623157E308", "-1.7976931348623157E308", "4.9E-324"};
    String[] ops = {"=", "<>", "<", "<=", ">", ">="};
    for (int c = 0; c < columns.length; c++) {
      for (int o = 0; o < ops.length; o++) {
        for (int l = 0; l < literals.length; l++) {
          // Every operator meets every literal on the first column; the others take a third.
          if (c == 0 || (c + o + l) % 3 == 0) {
            rows("SELECT run_id FROM runs WHERE " + columns[c] + " " + ops[o] + " " + literals[l]);
          }
        }
      }
      String x = columns[c];
      rows("SELECT run_id FROM runs WHERE NOT (" + x + " < 0.5)");
      rows("SELECT run_id FROM runs WHERE NOT (" + x + " >= 0.5)");
      rows("SELECT run_id FROM runs WHERE " + x + " BETWEEN -1 AND 1");
      rows("SELECT run_id FROM runs WHERE " + x + " NOT BETWEEN -1 AND 1");
      rows("SELECT run_id FROM runs WHERE " + x + " BETWEEN 1 AND " + INF);
      rows("SELECT run_id FROM runs WHERE " + x + " IN (0, 0.5, " + NAN + ")");
      rows("SELECT run_id FROM runs WHERE " + x + " NOT IN (0, " + NAN + ")");
      rows("SELECT run_id FROM runs WHERE " + x + " IS DISTINCT FROM " + NAN);
      rows("SELECT run_id FROM runs WHERE " + x + " > 0 OR " + x + " <= 0");
      rows("SELECT run_id, CASE WHEN " + x + " > 1 THEN 'big' WHEN " + x + " <= 1 THEN 'small'"
          + " ELSE 'none' END FROM runs");
    }
    rows("SELECT run_id FROM runs WHERE \"summary.x\" = \"summary.y\"");
    rows("SELECT run_id FROM runs WHERE \"summary.x\" < \"summary.y\"");
    rows("SELECT run_id FROM runs WHERE \"summary.x\" >= \"config.lr\"");
    rows("SELECT run_id FROM runs WHERE \"summary.x\" = -\"summary.x\"");
    rows("SELECT run_id, -\"summary.x\", \"summary.x\" * 0 FROM runs WHERE \"summary.x\" > -1"
        + " AND \"summary.x\" < 1");
    rows("SELECT run_id, ABS(\"summary.x\"), FLOOR(\"summary.y\"), CEIL(\"summary.y\") FROM runs");
    rows("SELECT run_id, \"summary.x\" + 1, \"summary.x\" / 2 FROM runs WHERE \"summary.x\""
        + " BETWEEN -1e6 AND 1e6");
    rows("SELECT " + NAN + " = " + NAN + ", " + NAN + " > " + INF + ", CAST(-0.0 AS DOUBLE"
        + " PRECISION) = 0, " + NEG_INF + " < -1.7976931348623157E308");
    withParameters("SELECT run_id FROM runs WHERE \"summary.x\" > ?", 0.25);
    withParameters("SELECT run_id FROM runs WHERE \"summary.x\" = ?", Double.NaN);
    withParameters("SELECT run_id FROM runs WHERE \"summary.x\" < ?", Double.POSITIVE_INFINITY);
    withParameters("SELECT run_id FROM runs WHERE \"summary.x\" <> ?", -0.0);
    withParameters("SELECT run_id FROM runs WHERE \"config.lr\" BETWEEN ? AND ?", -1.0, 1.0);
  }

  // ---- NULL and missing keys -------------------------------------------------------------------

  private void nullLogic() {
    for (String c : new String[] {"\"summary.x\"", "\"summary.n\"", "\"summary.s\"",
        "\"summary.flag\"", "\"config.opt\"", "display_name", "group_name", "heartbeat_at",
        "host", "\"summary.mixed\""}) {
      rows("SELECT run_id FROM runs WHERE " + c + " IS NULL");
      rows("SELECT run_id FROM runs WHERE " + c + " IS NOT NULL");
      rows("SELECT COUNT(" + c + "), COUNT(*) FROM runs");
    }
    rows("SELECT run_id FROM runs WHERE \"summary.x\" <> 0.5");
    rows("SELECT run_id FROM runs WHERE NOT (\"summary.x\" = 0.5)");
    rows("SELECT run_id FROM runs WHERE \"summary.n\" NOT IN (0, 1)");
    rows("SELECT run_id FROM runs WHERE \"summary.n\" NOT IN (0, NULL)");
    rows("SELECT run_id FROM runs WHERE \"summary.n\" IN (0, NULL)");
    rows("SELECT run_id FROM runs WHERE \"summary.s\" <> 'a'");
    rows("SELECT run_id FROM runs WHERE \"summary.s\" NOT IN ('a', 'A')");
    rows("SELECT run_id FROM runs WHERE \"summary.flag\" IS NOT TRUE");
    rows("SELECT run_id FROM runs WHERE \"summary.flag\" IS NOT FALSE");
    rows("SELECT run_id FROM runs WHERE \"summary.flag\" IS UNKNOWN");
    rows("SELECT run_id FROM runs WHERE \"summary.flag\" <> TRUE");
    rows("SELECT run_id FROM runs WHERE \"summary.x\" IS NULL OR \"summary.x\" > 1");
    rows("SELECT run_id FROM runs WHERE \"summary.x\" IS NULL AND \"summary.y\" IS NOT NULL");
    rows("SELECT run_id, COALESCE(\"summary.x\", -1), NULLIF(\"summary.n\", 0) FROM runs");
    rows("SELECT run_id, COALESCE(\"summary.s\", display_name, 'none') FROM runs");
    rows("SELECT run_id FROM runs WHERE (\"summary.x\" > 0) IS NOT TRUE");
    rows("SELECT run_id FROM runs WHERE \"summary.x\" IS NOT DISTINCT FROM NULL");
    rows("SELECT run_id FROM runs WHERE \"summary.n\" IS DISTINCT FROM 0");
    rows("SELECT run_id FROM runs WHERE \"summary.val/loss\" IS NULL");
  }

  // ---- every ORDER BY form -------------------------------------------------------------------

  private void orderings() {
    String[] keys = {"\"summary.x\"", "\"summary.y\"", "\"summary.n\"", "\"summary.s\"",
        "\"config.lr\"", "\"config.depth\"", "created_at", "heartbeat_at", "display_name",
        "\"summary.flag\"", "state"};
    String[] directions = {"", " DESC", " NULLS FIRST", " DESC NULLS LAST", " ASC NULLS LAST",
        " DESC NULLS FIRST"};
    for (int k = 0; k < keys.length; k++) {
      for (int d = 0; d < directions.length; d++) {
        if ((k + d) % 2 == 0 || k < 2) {
          ordered("SELECT " + keys[k] + ", run_id FROM runs ORDER BY " + keys[k] + directions[d]
              + ", run_id");
        }
      }
      ordered("SELECT run_id FROM runs ORDER BY " + keys[k] + ", run_id LIMIT 5");
      ordered("SELECT run_id FROM runs ORDER BY " + keys[k] + " DESC, run_id LIMIT 7 OFFSET 10");
    }
    ordered("SELECT \"summary.x\", \"summary.y\", run_id FROM runs ORDER BY \"summary.x\","
        + " \"summary.y\" DESC, run_id");
    ordered("SELECT run_id FROM runs WHERE \"summary.x\" > 0 ORDER BY \"summary.x\" DESC, run_id"
        + " LIMIT 3");
    ordered("SELECT run_id FROM runs WHERE state = 'finished' ORDER BY \"summary.x\", run_id"
        + " LIMIT 4");
    ordered("SELECT run_id FROM runs ORDER BY \"summary.x\" NULLS FIRST, run_id OFFSET 60");
    ordered("SELECT run_id FROM runs ORDER BY ABS(\"summary.y\"), run_id");
    ordered("SELECT run_id, \"summary.x\" FROM runs ORDER BY 2 DESC, 1 FETCH FIRST 9 ROWS ONLY");
    ordered("SELECT run_id FROM runs ORDER BY CHAR_LENGTH(\"summary.s\"), run_id");
    ordered("SELECT \"summary.s\" FROM runs WHERE \"summary.s\" IS NOT NULL GROUP BY"
        + " \"summary.s\" ORDER BY \"summary.s\"");
    ordered("SELECT \"summary.x\" FROM runs GROUP BY \"summary.x\" ORDER BY \"summary.x\"");
  }

  // ---- aggregates, GROUP BY, HAVING, DISTINCT ----------------------------------------------------

  private void aggregates() {
    for (String c : new String[] {"\"summary.x\"", "\"summary.y\"", "\"config.lr\"",
        "\"summary.val/loss\""}) {
      rows("SELECT MIN(" + c + "), MAX(" + c + "), COUNT(" + c + "), COUNT(DISTINCT " + c + ")"
          + " FROM runs");
      rows("SELECT state, MIN(" + c + "), MAX(" + c + ") FROM runs GROUP BY state");
      rows("SELECT " + c + ", COUNT(*) FROM runs GROUP BY " + c);
      rows("SELECT DISTINCT " + c + " FROM runs");
      rows("SELECT MAX(" + c + ") FROM runs WHERE " + c + " < " + INF);
    }
    rows("SELECT MIN(\"summary.n\"), MAX(\"summary.n\"), COUNT(DISTINCT \"summary.n\") FROM runs");
    rows("SELECT MIN(\"summary.s\"), MAX(\"summary.s\") FROM runs");
    rows("SELECT job_type, MIN(\"summary.s\"), MAX(\"summary.t\") FROM runs GROUP BY job_type");
    rows("SELECT MIN(created_at), MAX(created_at), MIN(heartbeat_at) FROM runs");
    rows("SELECT MIN(\"summary.flag\"), MAX(\"summary.flag\") FROM runs",
        "SELECT bool_and(\"summary.flag\"), bool_or(\"summary.flag\") FROM runs");
    rows("SELECT SUM(\"summary.x\") FROM runs WHERE \"summary.x\" BETWEEN -10 AND 10");
    rows("SELECT AVG(\"summary.x\") FROM runs WHERE \"summary.x\" BETWEEN -10 AND 10");
    rows("SELECT SUM(\"summary.x\"), AVG(\"summary.y\") FROM runs");
    rows("SELECT state, COUNT(*) FROM runs GROUP BY state HAVING COUNT(*) > 5");
    rows("SELECT state, COUNT(*) FROM runs GROUP BY state HAVING MAX(\"summary.x\") > 1");
    rows("SELECT job_type, state, COUNT(*) FROM runs GROUP BY job_type, state");
    rows("SELECT COUNT(*) FILTER (WHERE \"summary.x\" > 0), COUNT(*) FILTER (WHERE"
        + " \"summary.x\" <= 0) FROM runs");
    rows("SELECT DISTINCT state FROM runs");
    rows("SELECT DISTINCT \"summary.x\", \"summary.flag\" FROM runs");
    rows("SELECT COUNT(DISTINCT state), COUNT(DISTINCT \"summary.s\") FROM runs");
    rows("SELECT \"summary.flag\", COUNT(*) FROM runs GROUP BY \"summary.flag\"");
    rows("SELECT \"config.nested.deep\", SUM(\"config.depth\" / 1000000000), COUNT(*) FROM runs"
        + " GROUP BY \"config.nested.deep\"");
    rows("SELECT job_type, COUNT(*) FROM runs GROUP BY ROLLUP(job_type)");
    rows("SELECT \"summary.x\" FROM runs GROUP BY \"summary.x\" HAVING COUNT(*) > 1");
    rows("SELECT PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY \"summary.x\") FROM runs"
        + " WHERE \"summary.x\" BETWEEN -10 AND 10");
  }

  // ---- strings and Unicode -----------------------------------------------------------------------

  private void strings() {
    String[] literals = {"''", "' '", "'a'", "'A'", "'é'", "'ж'", "'日本語'", "'🚀'", "'emoji-🚀'",
        "'\uFFFD'", "'\uE000x'", "'𝔸'", "'zebra'", "'значение'", "'it''s'"};
    for (String l : literals) {
      rows("SELECT run_id FROM runs WHERE \"summary.s\" = " + l);
      rows("SELECT run_id FROM runs WHERE \"summary.s\" < " + l);
    }
    rows("SELECT run_id FROM runs WHERE display_name = 'значение'");
    rows("SELECT run_id FROM runs WHERE display_name >= 'z'");
    rows("SELECT run_id FROM runs WHERE \"summary.s\" > \"summary.t\"");
    for (String p : new String[] {"'a%'", "'%a%'", "'_'", "'%\\%%' ESCAPE '\\'",
        "'a!_b' ESCAPE '!'", "'%🚀'", "'%é%'", "'%'", "''", "'A%'", "'%''%'"}) {
      rows("SELECT run_id FROM runs WHERE \"summary.s\" LIKE " + p);
    }
    rows("SELECT run_id FROM runs WHERE \"summary.s\" NOT LIKE 'a%'");
    rows("SELECT run_id FROM runs WHERE display_name LIKE 'run-%'");
    rows("SELECT run_id, CHAR_LENGTH(\"summary.s\"), CHARACTER_LENGTH(\"summary.t\") FROM runs");
    rows("SELECT CHAR_LENGTH('emoji-🚀'), CHAR_LENGTH('𝔸𝔸'), CHAR_LENGTH('')");
    rows("SELECT POSITION('b' IN '🚀b'), SUBSTRING('🚀ab' FROM 2 FOR 1)");
    rows("SELECT UPPER('straße é'), LOWER('ÉΣA')");
    rows("SELECT run_id, \"summary.s\" || '|' || COALESCE(\"summary.t\", '-') FROM runs");
    rows("SELECT run_id, TRIM(\"summary.s\") FROM runs WHERE \"summary.s\" LIKE '% %'"
        + " OR \"summary.s\" = ' '");
    rows("SELECT run_id, CASE WHEN state = 'finished' THEN 'long' ELSE 'short' END || '|'"
        + " FROM runs");
    rows("SELECT x || '|' FROM (VALUES ('a'), ('bcd'), ('')) AS t(x)");
    rows("SELECT 'a' UNION SELECT 'bcd' UNION SELECT ''");
    rows("SELECT run_id FROM runs WHERE \"summary.s\" IN ('a', 'é', '🚀', '')");
    rows("SELECT run_id, POSITION('b' IN \"summary.s\") FROM runs WHERE \"summary.s\" IS NOT NULL");
    ordered("SELECT \"summary.s\", run_id FROM runs ORDER BY \"summary.s\" DESC NULLS LAST,"
        + " run_id");
    ordered("SELECT DISTINCT \"summary.s\" FROM runs WHERE \"summary.s\" > 'Z' ORDER BY 1");
    rows("SELECT run_id FROM runs WHERE state = 'Finished'");
    rows("SELECT run_id FROM runs WHERE state IN ('finished', 'CRASHED')");
    rows("SELECT run_id FROM runs WHERE state <> 'finished'");
    rows("SELECT run_id FROM runs WHERE job_type = 'train'");
    rows("SELECT run_id FROM runs WHERE \"config.opt\" = 'adam'");
    rows("SELECT run_id FROM runs WHERE \"config.opt\" > 'a'");
    rows("SELECT run_id FROM runs WHERE notes LIKE '%''quotes''%'");
  }

  // ---- integers at the ends of int64 and beyond 2^53 -------------------------------------------

  private void integers() {
    for (String l : new String[] {"9007199254740992", "9007199254740993", "-9007199254740993",
        "9223372036854775807", "-9223372036854775808", "0", "42", "3000000000"}) {
      rows("SELECT run_id FROM runs WHERE \"summary.n\" = " + l);
      rows("SELECT run_id FROM runs WHERE \"summary.n\" > " + l);
    }
    rows("SELECT run_id FROM runs WHERE \"summary.n\" = 9.007199254740993E15");
    rows("SELECT run_id FROM runs WHERE \"summary.n\" < 1e19");
    rows("SELECT run_id FROM runs WHERE \"summary.n\" BETWEEN -1 AND 1");
    rows("SELECT run_id FROM runs WHERE \"config.depth\" IN (42, 0, 9223372036854775807)");
    rows("SELECT run_id, \"summary.n\" / 2, MOD(\"summary.n\", 7) FROM runs"
        + " WHERE \"summary.n\" BETWEEN -100 AND 100");
    rows("SELECT run_id, 7 / 2, -7 / 2, CAST(\"summary.n\" AS DOUBLE PRECISION) FROM runs");
    rows("SELECT run_id FROM runs WHERE \"summary.n\" = \"config.depth\"");
    rows("SELECT \"summary.n\", COUNT(*) FROM runs GROUP BY \"summary.n\"");
    rows("SELECT run_id FROM runs WHERE history_line_count > 0");
    withParameters("SELECT run_id FROM runs WHERE \"summary.n\" >= ?", 9_007_199_254_740_993L);
  }

  // ---- timestamps and dates ----------------------------------------------------------------------

  private void timestamps() {
    for (String t : new String[] {"TIMESTAMP '1970-01-01 00:00:00'",
        "TIMESTAMP '2024-03-10 02:30:00'", "TIMESTAMP '2024-11-03 01:30:00'",
        "TIMESTAMP '2023-05-05 05:05:05.123'", "TIMESTAMP '1969-12-31 23:59:59.999'",
        "'2024-01-01T00:00:00'", "'2024-03-10 02:30:00'", "'2024-01-01'"}) {
      rows("SELECT run_id FROM runs WHERE created_at = " + t);
      rows("SELECT run_id FROM runs WHERE created_at > " + t);
      rows("SELECT run_id FROM runs WHERE created_at <= " + t);
    }
    rows("SELECT run_id FROM runs WHERE created_at > 'not a time'");
    rows("SELECT run_id FROM runs WHERE created_at > '2024-01-01T00:00:00Z'");
    rows("SELECT run_id FROM runs WHERE created_at >= '2024-01-01 01:00:00+01:00'");
    rows("SELECT run_id FROM runs WHERE created_at BETWEEN TIMESTAMP '2024-01-01 00:00:00'"
        + " AND TIMESTAMP '2024-12-31 23:59:59'");
    rows("SELECT run_id FROM runs WHERE created_at < TIMESTAMP '1970-01-01 00:00:00'"
        + " OR created_at >= TIMESTAMP '2038-01-01 00:00:00'");
    rows("SELECT run_id, created_at, heartbeat_at FROM runs");
    rows("SELECT run_id, CAST(created_at AS DATE) FROM runs");
    rows("SELECT run_id FROM runs WHERE CAST(created_at AS DATE) = DATE '2024-03-10'");
    rows("SELECT run_id FROM runs WHERE CAST(created_at AS DATE) < DATE '1970-01-01'");
    rows("SELECT run_id, EXTRACT(YEAR FROM created_at), EXTRACT(MONTH FROM created_at),"
        + " EXTRACT(HOUR FROM created_at) FROM runs");
    rows("SELECT run_id, created_at + INTERVAL '1' HOUR, created_at - INTERVAL '2' DAY FROM runs");
    rows("SELECT run_id FROM runs WHERE heartbeat_at > created_at + INTERVAL '1' MINUTE");
    rows("SELECT run_id FROM runs WHERE heartbeat_at IS NULL OR heartbeat_at < created_at");
    rows("SELECT CAST(created_at AS DATE), COUNT(*) FROM runs GROUP BY CAST(created_at AS DATE)");
    rows("SELECT EXTRACT(YEAR FROM created_at) AS y, COUNT(*) FROM runs GROUP BY"
        + " EXTRACT(YEAR FROM created_at)");
    rows("SELECT DATE '2024-03-10', TIMESTAMP '2024-03-10 02:30:00.250', TIMESTAMP"
        + " '1969-07-20 20:17:40'");
    withParameters("SELECT run_id FROM runs WHERE created_at = ?",
        LocalDateTime.parse("2024-03-10T02:30:00"));
    withParameters("SELECT run_id FROM runs WHERE created_at < ?",
        LocalDateTime.parse("1970-01-01T00:00:00"));
    withParameters("SELECT run_id FROM runs WHERE created_at BETWEEN ? AND ?",
        LocalDateTime.parse("2024-11-03T01:00:00"), LocalDateTime.parse("2024-11-03T02:00:00"));
  }

  // ---- booleans and keys of several types --------------------------------------------------------

  private void booleansAndMixed() {
    rows("SELECT run_id FROM runs WHERE \"summary.flag\"");
    rows("SELECT run_id FROM runs WHERE NOT \"summary.flag\"");
    rows("SELECT run_id FROM runs WHERE \"summary.flag\" = FALSE OR \"summary.flag\" IS NULL");
    rows("SELECT run_id FROM runs WHERE \"summary.flag\" AND \"summary.x\" > 0");
    rows("SELECT run_id FROM runs WHERE \"summary.flag\" OR \"summary.x\" > 0");
    rows("SELECT run_id, \"summary.mixed\" FROM runs");
    rows("SELECT run_id FROM runs WHERE \"summary.mixed\" = '\"1\"'");
    rows("SELECT run_id FROM runs WHERE \"summary.mixed\" = '1'");
    rows("SELECT run_id FROM runs WHERE \"summary.mixed\" = '\"NaN\"'");
    rows("SELECT \"summary.mixed\", COUNT(*) FROM runs GROUP BY \"summary.mixed\"");
    rows("SELECT run_id, \"config.opt\" FROM runs WHERE \"config.opt\" IN ('adam', 'sgd')");
  }

  // ---- subqueries, set operations, joins, windows ------------------------------------------------

  private void structure() {
    rows("SELECT run_id FROM runs WHERE \"summary.x\" > (SELECT MIN(\"summary.y\") FROM runs)");
    rows("SELECT run_id FROM runs WHERE \"summary.x\" IN (SELECT \"summary.y\" FROM runs)");
    rows("SELECT run_id FROM runs WHERE \"summary.x\" NOT IN (SELECT \"summary.y\" FROM runs"
        + " WHERE \"summary.y\" IS NOT NULL)");
    rows("SELECT run_id FROM runs r WHERE EXISTS (SELECT 1 FROM runs o WHERE o.\"summary.y\""
        + " = r.\"summary.x\" AND o.run_id <> r.run_id)");
    rows("SELECT run_id FROM runs WHERE \"summary.n\" = (SELECT MAX(\"summary.n\") FROM runs)");
    rows("SELECT \"summary.x\" FROM runs UNION SELECT \"summary.y\" FROM runs");
    rows("SELECT \"summary.x\" FROM runs UNION ALL SELECT \"summary.y\" FROM runs");
    rows("SELECT \"summary.x\" FROM runs INTERSECT SELECT \"summary.y\" FROM runs");
    rows("SELECT \"summary.x\" FROM runs EXCEPT SELECT \"summary.y\" FROM runs");
    rows("SELECT state FROM runs EXCEPT SELECT 'finished'");
    rows("SELECT \"summary.s\" FROM runs INTERSECT SELECT \"summary.t\" FROM runs");
    rows("SELECT a.run_id, b.run_id FROM runs a JOIN runs b ON a.\"summary.x\" = b.\"summary.y\"");
    rows("SELECT a.run_id, b.run_id FROM runs a JOIN runs b ON a.\"summary.x\" < b.\"summary.y\""
        + " AND a.\"summary.n\" = 0");
    rows("SELECT a.run_id, b.run_id FROM runs a LEFT JOIN runs b ON a.\"summary.s\" ="
        + " b.\"summary.t\" AND a.run_id <> b.run_id");
    rows("SELECT a.run_id, COUNT(b.run_id) FROM runs a LEFT JOIN runs b ON a.state = b.state"
        + " GROUP BY a.run_id");
    rows("SELECT r.run_id, b.run_id FROM runs r JOIN \"bert-finetune\".runs b ON r.job_type ="
        + " b.job_type WHERE r.\"summary.n\" = 0");
    rows("SELECT run_id, ROW_NUMBER() OVER (ORDER BY \"summary.x\", run_id) FROM runs");
    rows("SELECT run_id, RANK() OVER (ORDER BY \"summary.x\") FROM runs");
    rows("SELECT run_id, DENSE_RANK() OVER (ORDER BY \"summary.x\" DESC NULLS LAST) FROM runs");
    rows("SELECT run_id, RANK() OVER (PARTITION BY \"summary.x\" ORDER BY run_id) FROM runs");
    rows("SELECT run_id, COUNT(*) OVER (PARTITION BY state) FROM runs");
    rows("SELECT run_id, SUM(\"summary.n\" / 1000000) OVER (PARTITION BY job_type ORDER BY"
        + " run_id) FROM runs WHERE \"summary.n\" BETWEEN -100 AND 100000000000");
    rows("SELECT run_id, LAG(run_id) OVER (ORDER BY created_at, run_id),"
        + " LEAD(\"summary.s\") OVER (ORDER BY run_id) FROM runs");
    rows("SELECT run_id, RANK() OVER (ORDER BY \"summary.s\") FROM runs");
    rows("SELECT run_id, MAX(\"summary.x\") OVER (PARTITION BY job_type) FROM runs");
    rows("SELECT run_id, MIN(\"summary.s\") OVER (PARTITION BY job_type) FROM runs");
    rows("SELECT t.v, COUNT(*) FROM (SELECT \"summary.x\" AS v FROM runs UNION ALL SELECT"
        + " \"summary.y\" FROM runs) t GROUP BY t.v");
    rows("SELECT x FROM (VALUES (CAST(0.0 AS DOUBLE PRECISION)), (CAST(-0.0 AS DOUBLE"
        + " PRECISION)), (" + NAN + "), (" + NAN + ")) t(x) GROUP BY x");
    rows("SELECT DISTINCT x FROM (VALUES (CAST(0.0 AS DOUBLE PRECISION)), (CAST(-0.0 AS DOUBLE"
        + " PRECISION))) t(x)");
    rows("SELECT COUNT(*) FROM (SELECT DISTINCT \"summary.x\" FROM runs) t");
    ordered("SELECT v FROM (SELECT \"summary.x\" AS v FROM runs WHERE \"summary.x\" IS NOT NULL"
        + " UNION SELECT " + NAN + ") t ORDER BY v DESC");
  }

  // ---- arrays ------------------------------------------------------------------------------------

  private void arrays() {
    for (String tag : new String[] {"'a'", "'A'", "'🚀'", "'tag with space'", "''", "'é'"}) {
      rows("SELECT run_id FROM runs WHERE ARRAY_CONTAINS(tags, " + tag + ")",
          "SELECT run_id FROM runs WHERE " + tag + " = ANY(tags)");
    }
    rows("SELECT run_id FROM runs WHERE NOT ARRAY_CONTAINS(tags, 'a')",
        "SELECT run_id FROM runs WHERE NOT ('a' = ANY(tags))");
    rows("SELECT run_id FROM runs WHERE 'b' MEMBER OF tags",
        "SELECT run_id FROM runs WHERE 'b' = ANY(tags)");
    rows("SELECT run_id, CARDINALITY(tags) FROM runs");
    rows("SELECT run_id, tags FROM runs WHERE CARDINALITY(tags) > 1");
    rows("SELECT run_id, tags[1] FROM runs WHERE CARDINALITY(tags) >= 1");
    rows("SELECT t.tag, COUNT(*) FROM runs r CROSS JOIN UNNEST(r.tags) AS t(tag) GROUP BY t.tag");
    cases.add(new Case("SELECT run_id FROM runs WHERE ARRAY_CONTAINS(tags, ?)",
        "SELECT run_id FROM runs WHERE ? = ANY(tags)", List.of("a"), false));
  }

  // ---- history -----------------------------------------------------------------------------------

  private void history() {
    rows("SELECT run_id, COUNT(*), MIN(step), MAX(step) FROM history GROUP BY run_id");
    rows("SELECT run_id, step, loss FROM history WHERE loss > 1");
    rows("SELECT run_id, step FROM history WHERE loss = " + NAN);
    rows("SELECT run_id, step FROM history WHERE NOT (loss < 0.5)");
    rows("SELECT run_id, step, runtime_seconds FROM history");
    rows("SELECT run_id, step FROM history WHERE runtime_seconds > 10");
    rows("SELECT run_id, step, logged_at FROM history WHERE step BETWEEN 20 AND 50");
    rows("SELECT run_id, MIN(loss), MAX(loss), COUNT(acc) FROM history GROUP BY run_id");
    rows("SELECT run_id, step, note FROM history WHERE note LIKE '%🚀%' OR note = ''");
    rows("SELECT epoch, COUNT(*) FROM history GROUP BY epoch");
    rows("SELECT h.run_id, h.step, r.state FROM history h JOIN runs r ON r.run_id = h.run_id"
        + " WHERE r.state = 'finished' AND h.loss IS NOT NULL");
    rows("SELECT r.run_id, MAX(h.step) FROM runs r LEFT JOIN history h ON h.run_id = r.run_id"
        + " GROUP BY r.run_id");
    ordered("SELECT run_id, step, loss FROM history ORDER BY loss DESC NULLS LAST, run_id, step"
        + " LIMIT 20");
    ordered("SELECT step, acc FROM history WHERE run_id = 'h004' ORDER BY step");
    withParameters("SELECT step, loss FROM history WHERE run_id = ? AND step >= ?", "h008", 30L);
    rows("SELECT run_id, step FROM \"bert-finetune\".history WHERE step < 3");
    rows("SELECT COUNT(*), COUNT(DISTINCT run_id) FROM \"bert-finetune\".history");
  }

  // ---- the sample projects: what a W&B user meets on day one --------------------------------------

  private void sampleProjects() {
    String r = "\"resnet-sweep\".runs";
    rows("SELECT MAX(\"summary.loss\"), MIN(\"summary.loss\"), COUNT(\"summary.loss\") FROM " + r);
    rows("SELECT COUNT(*) FROM " + r + " WHERE \"summary.loss\" = " + NAN);
    rows("SELECT COUNT(*) FROM " + r + " WHERE \"summary.loss\" > 1e300");
    rows("SELECT COUNT(*) FROM " + r + " WHERE NOT (\"summary.loss\" < 0.5)");
    rows("SELECT COUNT(*) FROM " + r + " WHERE \"summary.loss\" NOT BETWEEN 0.2 AND 0.4");
    rows("SELECT MIN(\"summary.val/loss\"), MAX(\"summary.val/loss\") FROM " + r);
    rows("SELECT state, COUNT(*), MAX(\"summary.acc\") FROM " + r + " GROUP BY state");
    rows("SELECT \"config.optimizer\", AVG(\"summary.acc\"), MAX(\"summary.val/acc\") FROM " + r
        + " GROUP BY \"config.optimizer\"");
    ordered("SELECT run_id, \"summary.loss\" FROM " + r + " ORDER BY \"summary.loss\" DESC,"
        + " run_id LIMIT 10");
    ordered("SELECT run_id, \"summary.val/loss\" FROM " + r + " ORDER BY \"summary.val/loss\","
        + " run_id LIMIT 10");
    ordered("SELECT run_id, \"config.lr\", \"summary.loss\" FROM " + r + " WHERE state ="
        + " 'finished' AND \"config.lr\" > 0.001 ORDER BY \"summary.loss\", run_id LIMIT 10");
    rows("SELECT run_id FROM " + r + " WHERE \"config.batch_size\" = 64 AND \"config.augment\"");
    rows("SELECT run_id FROM " + r + " WHERE \"config.seed\" > 2147483647");
    rows("SELECT run_id FROM " + r + " WHERE sweep_id IS NULL AND \"summary.best_epoch\" >= 5");
    rows("SELECT run_id FROM " + r + " WHERE created_at > TIMESTAMP '2025-06-01 00:00:00'");
    rows("SELECT COUNT(*) FROM " + r + " WHERE created_at > '2025-06-01T00:00:00'");
    rows("SELECT COUNT(*) FROM " + r + " WHERE ARRAY_CONTAINS(tags, 'baseline')",
        "SELECT COUNT(*) FROM " + r + " WHERE 'baseline' = ANY(tags)");
    rows("SELECT COUNT(*) FROM " + r + " WHERE display_name LIKE 'swift-%'");
    rows("SELECT \"summary.loss\", COUNT(*) FROM " + r + " WHERE \"summary.loss\" > 0.8 GROUP BY"
        + " \"summary.loss\"");
    rows("SELECT COUNT(*) FROM " + r + " WHERE \"summary.val/loss\" <> 0.5");
    rows("SELECT COUNT(*) FROM " + r + " WHERE \"config.weight_decay\" IS NULL");
    rows("SELECT b.run_id, b.\"summary.eval/f1\" FROM \"bert-finetune\".runs b WHERE b.state ="
        + " 'finished'");
    rows("SELECT \"config.task\", COUNT(*), MAX(\"summary.eval/f1\") FROM \"bert-finetune\".runs"
        + " GROUP BY \"config.task\"");
  }

  /** The texts of every case, for the size of the corpus in the note. */
  static List<String> texts() {
    List<String> out = new ArrayList<>();
    all().forEach(c -> out.add(c.sql()));
    return out;
  }
}
