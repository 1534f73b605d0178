package io.github.wandbjdbc.jdbc;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses statements that would change data or schema, before Calcite sees them: the driver only
 * reads W&B and sends only GraphQL queries (docs/WIRE.md, HTTP), and the user deserves a clear
 * answer rather than a planner error.
 */
final class ReadOnlyGuard {
  private static final Set<String> WRITING_VERBS = Set.of("INSERT", "UPDATE", "DELETE", "MERGE",
      "UPSERT", "CREATE", "DROP", "ALTER", "TRUNCATE", "GRANT", "REVOKE", "RENAME", "REPLACE");

  private ReadOnlyGuard() {}

  static void check(String sql) throws SQLException {
    String verb = firstWord(sql);
    if (WRITING_VERBS.contains(verb)) {
      throw new SQLException("wandb-jdbc is read-only: " + verb + " statements are not supported."
          + " W&B data can be queried with SELECT; change it in W&B itself.", SqlStates.READ_ONLY);
    }
  }

  /** The first keyword, after blanks, comments and opening parentheses. */
  static String firstWord(String sql) {
    if (sql == null) {
      return "";
    }
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c) || c == '(') {
        i++;
      } else if (sql.startsWith("--", i)) {
        int end = sql.indexOf('\n', i);
        i = end < 0 ? n : end + 1;
      } else if (sql.startsWith("/*", i)) {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else {
        break;
      }
    }
    int start = i;
    while (i < n && Character.isLetter(sql.charAt(i))) {
      i++;
    }
    return sql.substring(start, i).toUpperCase(Locale.ROOT);
  }
}
