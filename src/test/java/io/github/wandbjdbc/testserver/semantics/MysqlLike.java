package io.github.wandbjdbc.testserver.semantics;

import java.util.regex.Pattern;

/** MySQL LIKE, as W&B's {@code files(pattern:)} takes it: {@code %}, {@code _}, {@code \} escapes. */
public final class MysqlLike {

  private MysqlLike() {
  }

  public static Pattern compile(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
      } else if (c == '%') {
        regex.append(".*");
      } else if (c == '_') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }
}
