package io.github.wandbjdbc.pushdown;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a SQL LIKE pattern into a W&B {@code $regex} that matches a superset of it: the longest
 * run of literal characters, regex metacharacters escaped. W&B's {@code $regex} finds a match
 * anywhere in the value (it has no anchors), so every value the LIKE matches contains that run;
 * the exact LIKE stays in Calcite. Using only literal text avoids relying on how the server's
 * regex engine treats {@code .} and newlines.
 */
public final class LikePatterns {
  private static final String METACHARACTERS = "\\.^$|?*+()[]{}";

  private LikePatterns() {}

  /**
   * The regex, or empty when the pattern has no literal text (e.g. {@code '%'}), which would
   * constrain nothing.
   *
   * @param pattern the LIKE pattern
   * @param escape the ESCAPE character, or null for none
   */
  public static Optional<String> supersetRegex(String pattern, Character escape) {
    List<StringBuilder> literals = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (escape != null && c == escape && i + 1 < pattern.length()) {
        current.append(pattern.charAt(++i));
      } else if (c == '%' || c == '_') {
        literals.add(current);
        current = new StringBuilder();
      } else {
        current.append(c);
      }
    }
    literals.add(current);
    StringBuilder longest = new StringBuilder();
    for (StringBuilder s : literals) {
      if (s.length() > longest.length()) {
        longest = s;
      }
    }
    return longest.length() == 0 ? Optional.empty() : Optional.of(escapeRegex(longest));
  }

  static String escapeRegex(CharSequence literal) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < literal.length(); i++) {
      char c = literal.charAt(i);
      if (METACHARACTERS.indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }
}
