package io.github.wandbjdbc.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wandbjdbc.demo.SqlExample;
import io.github.wandbjdbc.support.SqlExampleExpectations;
import io.github.wandbjdbc.support.SqlRows;
import io.github.wandbjdbc.support.TestServerExtension;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every file of {@code sql-examples/} runs against the sample project (its dates moved so that
 * "the last 7 days" has runs) and returns rows. Examples that read only runs, sweeps and
 * artifacts also give the same rows with {@code pushdown=false}; the stream tables' joins read
 * every run's stream that way, so those examples are checked instead against the rows the
 * served data says they must return ({@link SqlExampleExpectations}).
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

  /**
   * Each example returns rows: for one that reads a stream table, the rows computed from the
   * served data; for the others, the same rows as with {@code pushdown=false}.
   */
  @TestFactory
  Stream<DynamicTest> everyExampleReturnsItsRows() {
    Map<String, Supplier<List<List<Object>>>> expectations = new SqlExampleExpectations(
        SERVER.server().data().project(TestServerExtension.ENTITY,
            TestServerExtension.BIG_PROJECT)).all();
    assertEquals(EXAMPLES.stream().filter(SqlExamplesTest::readsAStream).map(SqlExample::name)
        .collect(Collectors.toSet()), expectations.keySet(),
        "every example that reads a stream table has its expected rows");
    return EXAMPLES.stream().map(e -> DynamicTest.dynamicTest(e.name(), () -> {
      List<List<Object>> rows;
      try (Connection c = SERVER.connect()) {
        rows = SqlRows.query(c, e.sql());
      }
      assertFalse(rows.isEmpty(), e.name() + " returns rows");
      if (readsAStream(e)) {
        assertSameRows(expectations.get(e.name()).get(), rows, e.name());
      } else {
        try (Connection c = SERVER.connect("pushdown", "false")) {
          assertEquals(SqlRows.sorted(rows), SqlRows.sorted(SqlRows.query(c, e.sql())),
              e.name() + " gives the same rows with pushdown=false");
        }
      }
    }));
  }

  private static boolean readsAStream(SqlExample e) {
    return STREAM_TABLES.matcher(e.sql().toLowerCase(Locale.ROOT)).find();
  }

  /** In the same order; doubles equal to 1e-9 of their size (a sum may add in another order). */
  private static void assertSameRows(List<List<Object>> expected, List<List<Object>> actual,
      String what) {
    for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
      List<Object> e = expected.get(i);
      List<Object> a = actual.get(i);
      boolean same = e.size() == a.size();
      for (int j = 0; same && j < e.size(); j++) {
        same = sameValue(e.get(j), a.get(j));
      }
      assertTrue(same, what + ", row " + i + ": expected " + e + " but was " + a);
    }
    assertEquals(expected.size(), actual.size(), what + ": rows");
  }

  private static boolean sameValue(Object expected, Object actual) {
    if (expected == null || actual == null) {
      return expected == actual;
    }
    if (expected instanceof Double e && actual instanceof Number n) {
      double a = n.doubleValue();
      return Double.compare(a, e) == 0 || Math.abs(a - e) <= 1e-9 * Math.max(1, Math.abs(e));
    }
    if (expected instanceof LocalDateTime e && actual instanceof Timestamp t) {
      return e.equals(t.toLocalDateTime()); // the UTC wall clock, whatever the JVM's zone
    }
    return expected.equals(actual);
  }
}
