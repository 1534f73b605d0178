package io.github.wandbjdbc.pushdown;

import java.util.Optional;

/**
 * SQL LIKE patterns in the syntax of W&B's {@code pattern} argument (MySQL LIKE: {@code %},
 * {@code _}, backslash escapes). Whether the server compares case-insensitively does not matter:
 * the scan's rows are filtered again by the exact SQL predicate.
 */
final class MySqlLike {
  private MySqlLike() {}

  /** A pattern matching exactly {@code value}. */
  static String literal(String value) {
    StringBuilder out = new StringBuilder();
    for (char c : value.toCharArray()) {
      appendLiteral(out, c);
    }
    return out.toString();
  }

  /**
   * The same pattern for MySQL, or empty when it cannot be translated (a malformed escape: then
   * Calcite reports the error and the scan reads everything).
   */
  static Optional<String> fromSqlLike(String pattern, String escape) {
    if (escape != null && escape.length() != 1) {
      return Optional.empty();
    }
    Character esc = escape == null ? null : escape.charAt(0);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (esc != null && c == esc) {
        if (i + 1 >= pattern.length()) {
          return Optional.empty();
        }
        appendLiteral(out, pattern.charAt(++i));
      } else if (c == '%' || c == '_') {
        out.append(c);
      } else {
        appendLiteral(out, c);
      }
    }
    return Optional.of(out.toString());
  }

  private static void appendLiteral(StringBuilder out, char c) {
    if (c == '%' || c == '_' || c == '\\') {
      out.append('\\');
    }
    out.append(c);
  }
}
