package io.github.wandbjdbc.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wandbjdbc.demo.SqlExample;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every file of {@code sql-examples/} runs against the sample project (its dates moved so that
 * "the last 7 days" has runs) and returns rows. Examples that read only runs, sweeps and
 * artifacts also give the same rows with {@code pushdown=false}; the stream tables' joins read
 * every run's stream that way, and are compared in {@link OtherTablesDifferentialTest} instead.
 */
class SqlExamplesTest {
  @RegisterExtension
  static final TestServerExtension SERVER = new TestServerExtension(b -> b.recentSampleData(true));

  private static final Pattern STREAM_TABLES =
      Pattern.compile("\\b(history|system_metrics|files|lineage)\\b");

  private static final List<SqlExample> EXAMPLES = SqlExample.all(SqlExample.DEFAULT_DIR);

  @Test
  void thereAreAtLeastTwelveExamplesEachWithACommentOnTop() {
    assertTrue(EXAMPLES.size() >= 12, EXAMPLES.size() + " examples");
    for (SqlExample e : EXAMPLES) {
      assertTrue(e.comment().length() > 20, e.name() + " says what it is for");
      assertFalse(e.sql().isBlank(), e.name());
    }
  }

  @TestFactory
  Stream<DynamicTest> everyExampleReturnsRows() {
    return EXAMPLES.stream().map(e -> DynamicTest.dynamicTest(e.name(), () -> {
      List<List<Object>> rows;
      try (Connection c = SERVER.connect()) {
        rows = SqlRows.query(c, e.sql());
      }
      assertFalse(rows.isEmpty(), e.name() + " returns rows");
      if (!STREAM_TABLES.matcher(e.sql().toLowerCase(Locale.ROOT)).find()) {
        try (Connection c = SERVER.connect("pushdown", "false")) {
          assertEquals(SqlRows.sorted(rows), SqlRows.sorted(SqlRows.query(c, e.sql())),
              e.name() + " gives the same rows with pushdown=false");
        }
      }
    }));
  }
}
