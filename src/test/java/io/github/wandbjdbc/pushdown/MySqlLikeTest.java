package io.github.wandbjdbc.pushdown;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import java.util.Optional;

class MySqlLikeTest {
  @Test
  void literalsEscapeWildcardsAndBackslashes() {
    assertEquals("a\\_b\\%c\\\\d", MySqlLike.literal("a_b%c\\d"));
    assertEquals("plain.txt", MySqlLike.literal("plain.txt"));
  }

  @Test
  void sqlWildcardsStayAndEscapedOnesBecomeLiterals() {
    assertEquals(Optional.of("%.json"), MySqlLike.fromSqlLike("%.json", null));
    assertEquals(Optional.of("a\\%_"), MySqlLike.fromSqlLike("a#%_", "#"));
    assertEquals(Optional.of("a##"), MySqlLike.fromSqlLike("a####", "#").map(s -> s.replace("\\", "")));
  }

  @Test
  void malformedEscapesAreNotTranslated() {
    assertEquals(Optional.empty(), MySqlLike.fromSqlLike("abc#", "#"));
    assertEquals(Optional.empty(), MySqlLike.fromSqlLike("abc", "##"));
  }
}
