package io.github.wandbjdbc.support;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Malformed and hostile SQL for the bad-input corpus: hand-written seeds plus inputs generated
 * from valid queries over the real tables with a fixed {@link Random}, so every run tries the
 * same statements.
 */
final class SqlCorpus {
  /** One statement; {@code ordered} when its rows must also match in order (a total ORDER BY). */
  record SqlInput(String label, String sql, boolean ordered) {}

  /** What the generated queries refer to in the project they run on. */
  record Target(String runId, String configColumn, String summaryColumn) {}

  private static final String[] TABLES =
      {"runs", "history", "system_metrics", "files", "artifacts", "lineage", "sweeps", "projects"};
  private static final String[] COLUMNS = {"run_id", "state", "display_name", "created_at", "tags",
      "step", "logged_at", "name", "size_bytes", "artifact_id", "version_index", "sweep_id",
      "project", "config", "summary", "history_line_count", "direction", "row"};
  private static final String[] LITERALS = {"1", "-1", "0", "'finished'", "''", "TRUE", "NULL",
      "TIMESTAMP '2024-01-01 00:00:00'", "DATE '2020-13-45'", "1e400", "X'00ff'",
      "INTERVAL '7' DAY", "ARRAY['a']", "'2024-01-01'", "CAST(NULL AS INTEGER)", "0.1",
      "99999999999999999999999999999999999999", "'\u00e9\u6f22\ud83d\ude00'", "?"};
  private static final String[] OPERATORS =
      {"=", "<>", "<", ">=", "LIKE", "IS", "IN", "BETWEEN", "||", "+", "AND", "NOT"};
  private static final String[] TAILS = {" LIMIT -1", " OFFSET 'a'", " FETCH NEXT -5 ROWS ONLY",
      " LIMIT 99999999999999999999", " ORDER BY 99", " GROUP BY 1", " HAVING", " UNION SELECT 1",
      " UNION ALL SELECT run_id FROM runs", " LIMIT 0", " OFFSET 100000", " FOR UPDATE",
      " WHERE", " ;", "; DROP TABLE runs", " --", " /*", " LIMIT 1 OFFSET -1", " ORDER BY",
      " LIMIT ?", " ORDER BY NULL", " ORDER BY 1 DESC NULLS FIRST"};
  private static final String[] JUNK_TOKENS = {"SELECT", "FROM", "WHERE", ",", "(", ")", "'",
      "\"", "*", ";", "JOIN", "ON", "GROUP", "BY", "??", "@", "$1", "`", "\\", "\u0000", "#",
      "ORDER", "LIMIT", "UNION", "NULL", "..", "::", "[", "]", "{", "}", "\ud83d\udca5"};

  private SqlCorpus() {}

  /** Valid queries over every table; the seeds of the generated inputs. */
  static List<SqlInput> validQueries(Target t) {
    String c = "\"" + t.configColumn() + "\"";
    String s = "\"" + t.summaryColumn() + "\"";
    String r = "'" + t.runId() + "'";
    return List.of(
        new SqlInput("valid runs", "SELECT run_id, state, display_name FROM runs ORDER BY run_id"
            + " LIMIT 5", true),
        new SqlInput("valid config", "SELECT run_id, " + c + ", " + s + " FROM runs WHERE " + c
            + " IS NOT NULL ORDER BY run_id", true),
        new SqlInput("valid group", "SELECT state, COUNT(*) FROM runs GROUP BY state", false),
        new SqlInput("valid count", "SELECT COUNT(*) FROM runs WHERE state = 'finished'", false),
        new SqlInput("valid created", "SELECT run_id, created_at FROM runs WHERE created_at >"
            + " TIMESTAMP '2000-01-01 00:00:00' ORDER BY run_id LIMIT 3", true),
        new SqlInput("valid history", "SELECT step, run_id FROM history WHERE run_id = " + r
            + " ORDER BY step LIMIT 5", true),
        new SqlInput("valid system_metrics", "SELECT COUNT(*) FROM system_metrics WHERE run_id = "
            + r, false),
        new SqlInput("valid files", "SELECT name, size_bytes FROM files WHERE run_id = " + r,
            false),
        new SqlInput("valid artifacts", "SELECT artifact_id, type, collection, version FROM"
            + " artifacts", false),
        new SqlInput("valid lineage", "SELECT run_id, direction, artifact_id FROM lineage WHERE"
            + " run_id = " + r, false),
        new SqlInput("valid sweeps", "SELECT sweep_id, state FROM sweeps", false),
        new SqlInput("valid projects", "SELECT project, entity FROM projects", false),
        new SqlInput("valid join", "SELECT r.run_id, COUNT(h.step) FROM runs r JOIN history h ON"
            + " h.run_id = r.run_id WHERE r.run_id = " + r + " GROUP BY r.run_id", false),
        new SqlInput("valid summary order", "SELECT run_id FROM runs WHERE " + s + " > 0.5"
            + " ORDER BY " + s + " DESC, run_id LIMIT 4", true),
        new SqlInput("valid tags", "SELECT run_id, tags FROM runs WHERE ARRAY_CONTAINS(tags,"
            + " 'baseline')", false),
        new SqlInput("valid like", "SELECT display_name, run_id FROM runs WHERE display_name LIKE"
            + " '%a%' ORDER BY display_name, run_id", true));
  }

  static List<SqlInput> generate(Random random, Target target) {
    List<SqlInput> out = new ArrayList<>();
    List<SqlInput> valid = validQueries(target);
    out.addAll(valid);
    handWrittenSyntaxErrors(out);
    typeErrors(out, target);
    hugeLiterals(out);
    deepNesting(out);
    hostileIdentifiers(out, random);
    writes(out);
    unknownNames(out, random);
    for (SqlInput v : valid) {
      List<String> tokens = tokens(v.sql());
      for (int i = 0; i < 3; i++) {
        int cut = 1 + random.nextInt(Math.max(1, tokens.size() - 1));
        out.add(new SqlInput("truncated " + v.label() + " at token " + cut,
            String.join(" ", tokens.subList(0, cut)), false));
      }
      for (int i = 0; i < 3; i++) {
        List<String> copy = new ArrayList<>(tokens);
        copy.add(random.nextInt(copy.size() + 1), pick(random, JUNK_TOKENS));
        out.add(new SqlInput("stray token in " + v.label(), String.join(" ", copy), false));
      }
      for (int i = 0; i < 2; i++) {
        String sql = v.sql();
        int at = random.nextInt(sql.length() + 1);
        String unbalanced = pick(random, new String[] {"(", ")", "'", "\"", "((", "))"});
        out.add(new SqlInput("unbalanced " + unbalanced + " in " + v.label(),
            sql.substring(0, at) + unbalanced + sql.substring(at), false));
      }
      for (int i = 0; i < 3; i++) {
        List<String> copy = new ArrayList<>(tokens);
        int a = random.nextInt(copy.size());
        int b = random.nextInt(copy.size());
        String tmp = copy.get(a);
        copy.set(a, copy.get(b));
        copy.set(b, tmp);
        if (random.nextBoolean()) {
          java.util.Collections.shuffle(copy, random);
        }
        out.add(new SqlInput("shuffled " + v.label(), String.join(" ", copy), false));
      }
      for (int i = 0; i < 8; i++) {
        out.add(mutate(random, v));
      }
    }
    return out;
  }

  /** One change to a valid query: a column, table, literal, operator or an appended clause. */
  private static SqlInput mutate(Random random, SqlInput v) {
    String sql = v.sql();
    return switch (random.nextInt(5)) {
      case 0 -> replaceOne(random, v, "column", Pattern.compile("\\b(run_id|state|step|name"
          + "|display_name|created_at|project|sweep_id|artifact_id|direction|tags)\\b"),
          pick(random, COLUMNS));
      case 1 -> replaceOne(random, v, "table", Pattern.compile("\\b(runs|history|system_metrics"
          + "|files|artifacts|lineage|sweeps|projects)\\b"), pick(random, TABLES));
      case 2 -> replaceOne(random, v, "literal", Pattern.compile("'[^']*'|\\b\\d+(\\.\\d+)?\\b"),
          pick(random, LITERALS));
      case 3 -> replaceOne(random, v, "operator", Pattern.compile("(?<=\\s)(=|>|<|LIKE|IS NOT"
          + "|AND)(?=\\s)"), pick(random, OPERATORS));
      default -> new SqlInput("tail on " + v.label(), sql + pick(random, TAILS), false);
    };
  }

  private static SqlInput replaceOne(Random random, SqlInput v, String what, Pattern pattern,
      String replacement) {
    Matcher m = pattern.matcher(v.sql());
    List<int[]> spans = new ArrayList<>();
    while (m.find()) {
      spans.add(new int[] {m.start(), m.end()});
    }
    if (spans.isEmpty()) {
      return new SqlInput("junk after " + v.label(), v.sql() + " " + replacement, false);
    }
    int[] span = spans.get(random.nextInt(spans.size()));
    String sql = v.sql().substring(0, span[0]) + replacement + v.sql().substring(span[1]);
    return new SqlInput(what + " -> " + replacement + " in " + v.label(), sql, false);
  }

  private static void handWrittenSyntaxErrors(List<SqlInput> out) {
    for (String sql : new String[] {"", " ", ";", "SELECT", "SELECT FROM runs", "SELECT * FROM",
        "SELECT * FORM runs", "SELEC * FROM runs", "SELECT * FROM runs WHERE",
        "SELECT * FROM runs WHERE state =", "SELECT * FROM runs ORDER", "SELECT (1", "SELECT 1)",
        "SELECT 'abc", "SELECT \"abc", "SELECT * FROM runs; SELECT 1", "SELECT 1;;",
        "SELECT * FROM runs WHERE (state = 'x'", "SELECT ,,, FROM runs", "SELECT * * FROM runs",
        "SELECT 1 FROM runs GROUP", "SELECT 1 FROM runs LIMIT", "SELECT 1 FROM runs LIMIT a",
        "SELECT CASE FROM runs", "SELECT CASE WHEN THEN END", "WITH t AS SELECT 1",
        "VALUES", "VALUES ()", "SELECT * FROM (SELECT 1", "/* unterminated comment",
        "-- only a comment", "SELECT 1 -- ok\n FROM", "SELECT ``", "SELECT [run_id] FROM runs",
        "SELECT $1", "SELECT @x", "SELECT * FROM runs WHERE state == 'x'",
        "SELECT * FROM runs WHERE state != 'x' LIMIT 1", "EXPLAIN", "EXPLAIN PLAN FOR",
        "SHOW TABLES", "DESCRIBE runs", "USE \"bert-finetune\"", "SET x = 1", "CALL f()",
        "SELECT \u0000", "SELECT 1 \u0000 FROM runs", "SELECT 'a' 'b' 'c' FROM",
        "\ufeffSELECT 1", "SELECT\u00a01", "SELECT 1e", "SELECT 1.2.3", "SELECT 0x",
        "SELECT TIMESTAMP", "SELECT INTERVAL", "SELECT ARRAY[", "SELECT MAP[1]",
        "SELECT * FROM runs r JOIN", "SELECT * FROM runs NATURAL JOIN", "TABLE", "(",
        ")", "'", "\"", "SELECT 1 UNION", "SELECT 1 EXCEPT SELECT", "SELECT ?",
        "SELECT * FROM runs WHERE run_id IN ()", "SELECT * FROM runs WHERE run_id IN (SELECT)"}) {
      out.add(new SqlInput("syntax: " + sql, sql, false));
    }
  }

  private static void typeErrors(List<SqlInput> out, Target t) {
    String c = "\"" + t.configColumn() + "\"";
    for (String sql : new String[] {"SELECT 'abc' + 1", "SELECT 1 + TRUE",
        "SELECT run_id FROM runs WHERE created_at = TRUE",
        "SELECT run_id FROM runs WHERE created_at > 'yesterday'",
        "SELECT CAST('garbage' AS INTEGER)", "SELECT CAST('garbage' AS TIMESTAMP)",
        "SELECT CAST('2024-02-30' AS DATE)", "SELECT CAST(1e400 AS DOUBLE)",
        "SELECT CAST(X'ff' AS INTEGER)", "SELECT CAST(run_id AS INTEGER) FROM runs",
        "SELECT SUBSTRING()", "SELECT SUBSTRING('a', 1, 2, 3)", "SELECT ABS('x')",
        "SELECT ABS(1, 2)", "SELECT COUNT(*, *) FROM runs", "SELECT SUM(run_id) FROM runs",
        "SELECT AVG(tags) FROM runs", "SELECT tags + 1 FROM runs",
        "SELECT run_id FROM runs WHERE tags = 'x'", "SELECT run_id FROM runs WHERE state > 1",
        "SELECT run_id FROM runs WHERE " + c + " = 'not a number' LIMIT 1",
        "SELECT run_id FROM runs WHERE " + c + " LIKE 1",
        "SELECT 1 / 0", "SELECT MOD(1, 0)", "SELECT CAST(-1 AS TINYINT) * 1000",
        "SELECT CAST(2147483647 AS INTEGER) + 1", "SELECT 9223372036854775807 + 1",
        "SELECT run_id FROM runs WHERE config > 1", "SELECT JSON_VALUE(config, '$$$') FROM runs",
        "SELECT JSON_VALUE(config, 'strict $.nope') FROM runs",
        "SELECT ELEMENT(tags) FROM runs", "SELECT tags[0] FROM runs", "SELECT tags['x'] FROM runs",
        "SELECT CARDINALITY(state) FROM runs", "SELECT run_id FROM runs WHERE run_id BETWEEN 1",
        "SELECT LN(-1)", "SELECT SQRT(-1)", "SELECT POWER(10, 400)", "SELECT CHAR_LENGTH(1, 2)",
        "SELECT NULLIF()", "SELECT COALESCE()", "SELECT CURRENT_TIMESTAMP + 1",
        "SELECT DATE '2024-01-01' - TIMESTAMP '2024-01-01 00:00:00'",
        "SELECT run_id FROM runs WHERE created_at BETWEEN TRUE AND 'x'",
        "SELECT CAST(created_at AS BOOLEAN) FROM runs", "SELECT 'a' < 1"}) {
      out.add(new SqlInput("type: " + sql, sql, false));
    }
  }

  private static void hugeLiterals(List<SqlInput> out) {
    String huge = "x".repeat(100_000);
    String digits = "9".repeat(500);
    out.add(new SqlInput("100,000-character string literal", "SELECT '" + huge + "'", false));
    out.add(new SqlInput("100,000-character string filter", "SELECT run_id FROM runs WHERE"
        + " display_name = '" + huge + "'", false));
    out.add(new SqlInput("100,000-character LIKE pattern", "SELECT run_id FROM runs WHERE"
        + " display_name LIKE '%" + huge + "%'", false));
    out.add(new SqlInput("100,000-character identifier", "SELECT \"" + huge + "\" FROM runs",
        false));
    out.add(new SqlInput("500-digit integer", "SELECT " + digits, false));
    out.add(new SqlInput("500-digit filter", "SELECT run_id FROM runs WHERE history_line_count > "
        + digits, false));
    out.add(new SqlInput("500-digit decimal", "SELECT 0." + digits, false));
    out.add(new SqlInput("500-digit negative LIMIT", "SELECT 1 LIMIT -" + digits, false));
    out.add(new SqlInput("500-digit LIMIT", "SELECT run_id FROM runs LIMIT " + digits, false));
    out.add(new SqlInput("1e400", "SELECT 1e400", false));
    out.add(new SqlInput("-1e400 filter", "SELECT run_id FROM runs WHERE history_line_count"
        + " > -1e400", false));
    out.add(new SqlInput("1e-400", "SELECT 1e-400", false));
    out.add(new SqlInput("1e400 summary filter", "SELECT COUNT(*) FROM runs WHERE"
        + " history_line_count < 1e400", false));
    out.add(new SqlInput("IN list of 5,000", "SELECT run_id FROM runs WHERE run_id IN ("
        + String.join(",", java.util.Collections.nCopies(5_000, "'x'")) + ")", false));
    out.add(new SqlInput("5,000 ORs", "SELECT run_id FROM runs WHERE "
        + String.join(" OR ", java.util.Collections.nCopies(5_000, "state = 'x'")), false));
    out.add(new SqlInput("100,000 spaces", "SELECT" + " ".repeat(100_000) + "1", false));
  }

  private static void deepNesting(List<SqlInput> out) {
    for (int depth : new int[] {50, 200}) {
      out.add(new SqlInput(depth + " nested parentheses", "SELECT " + "(".repeat(depth) + "1"
          + ")".repeat(depth), false));
      out.add(new SqlInput(depth + " unbalanced parentheses", "SELECT " + "(".repeat(depth) + "1"
          + ")".repeat(depth - 1), false));
      StringBuilder sub = new StringBuilder("SELECT run_id FROM runs");
      for (int i = 0; i < depth; i++) {
        sub.insert(0, "SELECT run_id FROM (").append(") t").append(i);
      }
      out.add(new SqlInput(depth + " nested subqueries", sub + " ORDER BY run_id LIMIT 2", true));
      StringBuilder cases = new StringBuilder("state");
      for (int i = 0; i < depth; i++) {
        cases.insert(0, "CASE WHEN run_id = 'x" + i + "' THEN 'y' ELSE ").append(" END");
      }
      out.add(new SqlInput(depth + " nested CASE", "SELECT run_id, " + cases + " FROM runs"
          + " ORDER BY run_id LIMIT 3", true));
      out.add(new SqlInput(depth + " nested functions", "SELECT " + "ABS(".repeat(depth) + "-1"
          + ")".repeat(depth), false));
      out.add(new SqlInput(depth + " NOTs", "SELECT COUNT(*) FROM runs WHERE "
          + "NOT (".repeat(depth) + "state = 'finished'" + ")".repeat(depth), false));
    }
    out.add(new SqlInput("5,000 nested parentheses", "SELECT " + "(".repeat(5_000) + "1"
        + ")".repeat(5_000), false));
  }

  private static void hostileIdentifiers(List<SqlInput> out, Random random) {
    String[] names = {"\"\"", "\"\"\"\"", "\"a\"\"b\"", "\"\u0000\"", "\"run_id\u0000\"",
        "\"\ud83d\ude00\"", "\"\u6f22\u5b57\"", "\"\u202eid_nur\"", "\"\\\"", "\"'\"",
        "\"config.\"", "\"config.\u0000\"", "\"summary.\"", "\"summary.../..\"",
        "\"config.lr\"\"\"", "\"RUN_ID\"", "\"run_id \"", "\" run_id\"", "\"\t\"",
        "\"\ud800\"", "\"a\nb\"", "\"" + "\u00e9".repeat(300) + "\""};
    for (String name : names) {
      out.add(new SqlInput("identifier " + name, "SELECT " + name + " FROM runs LIMIT 1", false));
    }
    for (String schema : new String[] {"\"bert-finetune\u0000\"", "\"\ud83d\ude00\"",
        "\"../resnet-sweep\"", "\"BERT-FINETUNE\"", "\"\"", "\"demo-team\""}) {
      out.add(new SqlInput("schema " + schema, "SELECT COUNT(*) FROM " + schema + ".runs", false));
    }
    for (int i = 0; i < 8; i++) {
      StringBuilder name = new StringBuilder();
      int length = 1 + random.nextInt(40);
      for (int j = 0; j < length; j++) {
        name.appendCodePoint(random.nextBoolean() ? 1 + random.nextInt(0x2FF)
            : 0x1F300 + random.nextInt(0x300));
      }
      String quoted = "\"" + name.toString().replace("\"", "\"\"") + "\"";
      out.add(new SqlInput("random identifier #" + i, "SELECT " + quoted + " FROM runs", false));
    }
  }

  private static void writes(List<SqlInput> out) {
    for (String sql : new String[] {"INSERT INTO runs (run_id) VALUES ('x')",
        "INSERT INTO runs SELECT * FROM runs", "UPDATE runs SET state = 'x'",
        "UPDATE runs SET state = 'x' WHERE 1 = 0", "DELETE FROM runs", "DELETE FROM history",
        "MERGE INTO runs r USING runs s ON r.run_id = s.run_id WHEN MATCHED THEN DELETE",
        "CREATE TABLE t (a INT)", "CREATE VIEW v AS SELECT 1", "CREATE SCHEMA s",
        "DROP TABLE runs", "DROP SCHEMA \"bert-finetune\"", "DROP VIEW v",
        "ALTER TABLE runs ADD c INT", "TRUNCATE TABLE runs", "  /* c */ delete from runs",
        "(DELETE FROM runs)", "GRANT SELECT ON runs TO x", "CREATE FUNCTION f AS 'java.lang.Runtime'",
        "UPSERT INTO runs VALUES ('x')", "insert\tinto files values (1)",
        "WITH t AS (SELECT 1) DELETE FROM runs", "-- x\nDROP TABLE runs",
        "CREATE TABLE t AS SELECT * FROM runs", "INSERT INTO \"bert-finetune\".runs VALUES (1)"}) {
      out.add(new SqlInput("write: " + sql, sql, false));
    }
  }

  private static void unknownNames(List<SqlInput> out, Random random) {
    for (String sql : new String[] {"SELECT * FROM nope", "SELECT * FROM runs2",
        "SELECT * FROM \"nope\".runs", "SELECT * FROM nope.nope.runs", "SELECT nope FROM runs",
        "SELECT \"config.nope\" FROM runs", "SELECT \"summary.nope\" FROM runs",
        "SELECT NOPE(1)", "SELECT run_id FROM runs WHERE NOPE(state)", "SELECT r.nope FROM runs r",
        "SELECT x.run_id FROM runs r", "SELECT * FROM runs JOIN nope ON true",
        "SELECT \"history\".x FROM history", "SELECT * FROM metadata.TABLES",
        "SELECT * FROM \"metadata\".\"COLUMNS\" WHERE false", "SELECT * FROM INFORMATION_SCHEMA.TABLES",
        "SELECT * FROM pg_catalog.pg_tables", "SELECT * FROM TABLE(nope())",
        "SELECT * FROM runs FOR SYSTEM_TIME AS OF TIMESTAMP '2020-01-01 00:00:00'"}) {
      out.add(new SqlInput("unknown: " + sql, sql, false));
    }
    for (int i = 0; i < 12; i++) {
      String name = "x" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
      out.add(new SqlInput("unknown table " + name, "SELECT * FROM " + name, false));
      out.add(new SqlInput("unknown column " + name, "SELECT " + name + " FROM "
          + pick(random, TABLES), false));
    }
  }

  static List<String> tokens(String sql) {
    return new ArrayList<>(Arrays.asList(sql.split("\\s+")));
  }

  static String pick(Random random, String[] from) {
    return from[random.nextInt(from.length)];
  }
}
