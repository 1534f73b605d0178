package io.github.wandbjdbc.jdbc;

import static io.github.wandbjdbc.support.TestServerExtension.BIG_PROJECT;
import static io.github.wandbjdbc.support.TestServerExtension.ENTITY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wandbjdbc.support.HistoryWindow;
import io.github.wandbjdbc.support.QueryProbe;
import io.github.wandbjdbc.support.SqlRows;
import io.github.wandbjdbc.support.TestServerExtension;
import io.github.wandbjdbc.testserver.data.RunData;
import io.github.wandbjdbc.testserver.generate.SampleDataGenerator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The sample's 100,000-step run: its whole history streams through the driver in a JVM with a
 * 128 MiB heap, and a step window reads only that window, through GraphQL windows and from
 * W&B's parquet exports (ten files of 10,000 rows, row groups of 3,000).
 */
class LongHistoryTest {
  @RegisterExtension
  static final TestServerExtension SERVER = new TestServerExtension();

  private static final String RUN = SampleDataGenerator.LONG_HISTORY_RUN;

  private static RunData run() {
    return SERVER.server().data().project(ENTITY, BIG_PROJECT).run(RUN).orElseThrow();
  }

  @Test
  void theWholeHistoryStreamsThroughASmallHeap() throws Exception {
    assertEquals(100_000, run().historyLineCount());
    SERVER.server().clearRequests();
    List<String> output = QueryProbe.run(SERVER, List.of("-Xmx128m",
        "-Dwandbjdbc.probe.historySource=graphql"), BIG_PROJECT,
        "SELECT COUNT(*), MAX(step) FROM history WHERE run_id = ?", RUN);
    assertTrue(Long.parseLong(output.get(0)) <= 128L * 1024 * 1024, "the heap really was small: " + output);
    assertEquals("100000\t99999", output.get(output.size() - 1), output.toString());
    // 100 windows of 1,000 steps, each read once and only the steps (no key is used), never
    // down-sampled (HistoryWindow checks samples). They are read in parallel, so the server may
    // receive them in another order.
    List<HistoryWindow> windows = HistoryWindow.of(SERVER.server().requests()).stream()
        .sorted(Comparator.comparingLong(HistoryWindow::minStep)).toList();
    assertEquals(100, windows.size());
    for (int i = 0; i < windows.size(); i++) {
      assertEquals(new HistoryWindow(RUN, i * 1000L, (i + 1) * 1000L, List.of(List.of("_step"))), windows.get(i));
    }
  }

  /**
   * A run joined to its history (a batch of one outer row) streams: its first rows come after
   * the first window, not after all hundred of them were read and held.
   */
  @Test
  void aRunJoinedToItsHistoryStreamsItsRows() throws SQLException {
    try (Connection c = SERVER.connect("historySource", "graphql");
        PreparedStatement ps = c.prepareStatement("SELECT r.run_id, h.step FROM runs r"
            + " JOIN history h ON h.run_id = r.run_id WHERE r.run_id = ?")) {
      ps.setString(1, RUN);
      SERVER.server().clearRequests();
      try (ResultSet rs = ps.executeQuery()) {
        for (int i = 0; i < 10; i++) {
          assertTrue(rs.next());
          assertEquals(RUN, rs.getString(1));
          assertEquals(i, rs.getLong(2));
        }
      }
    }
    List<HistoryWindow> windows = HistoryWindow.of(SERVER.server().requests());
    assertEquals(List.of(new HistoryWindow(RUN, 0, 1000, List.of(List.of("_step")))), windows);
  }

  @Test
  void aStepWindowOfTheLongRunReadsOnlyThatWindow() throws SQLException {
    SERVER.server().clearRequests();
    List<String> expected = run().history().rows(1000, 2000).stream()
        .map(row -> List.of(row.get("_step"), row.get("loss")).toString()).toList();
    List<String> rows = new ArrayList<>();
    try (Connection c = SERVER.connect("historySource", "graphql");
        PreparedStatement ps = c.prepareStatement(
            "SELECT step, \"loss\" FROM history WHERE run_id = ? AND step BETWEEN 1000 AND 1999 ORDER BY step")) {
      ps.setString(1, RUN);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(List.of(rs.getLong(1), rs.getDouble(2)).toString());
        }
      }
    }
    assertEquals(1000, rows.size());
    assertEquals(expected, rows);
    assertEquals(List.of(new HistoryWindow(RUN, 1000, 2000, List.of(List.of("_step"), List.of("_step", "loss")))),
        HistoryWindow.of(SERVER.server().requests()));
    // The run is looked up by name: no request lists other runs' ids to read their history.
    List<String> lookups = SERVER.server().requests().stream().filter(r -> r.operationName().equals("Runs"))
        .map(r -> r.variables().path("filters").asText()).filter(f -> f.contains("$in")).toList();
    assertEquals(List.of("{\"name\":{\"$in\":[\"" + RUN + "\"]}}"), lookups);
  }

  @Test
  void theWholeExportedHistoryStreamsThroughASmallHeap() throws Exception {
    SERVER.server().clearRequests();
    SERVER.server().clearStorageRequests();
    List<String> output = QueryProbe.run(SERVER, List.of("-Xmx128m",
        "-Dwandbjdbc.probe.historySource=parquet"), BIG_PROJECT,
        "SELECT COUNT(*), MAX(step), SUM(\"loss\") FROM history WHERE run_id = ?", RUN);
    double loss = run().history().rows().stream()
        .mapToDouble(r -> ((Number) r.get("loss")).doubleValue()).sum();
    String[] answer = output.get(output.size() - 1).split("\t");
    assertEquals("100000", answer[0], output.toString());
    assertEquals("99999", answer[1]);
    assertEquals(loss, Double.parseDouble(answer[2]), Math.abs(loss) * 1e-12);
    assertEquals(0, HistoryWindow.of(SERVER.server().requests()).size(), "no GraphQL window");
    assertEquals(10, SERVER.server().storageRequests().size(), "the run's ten files, once each");
  }

  @Test
  void aStepWindowOfTheExportsGivesTheGraphQlRows() throws SQLException {
    String sql = "SELECT step, \"loss\" FROM history WHERE run_id = ? AND step BETWEEN 12345 AND"
        + " 23456 ORDER BY step";
    List<List<Object>> graphql;
    try (Connection c = SERVER.connect("historySource", "graphql")) {
      graphql = SqlRows.query(c, sql, RUN);
    }
    SERVER.server().clearRequests();
    try (Connection c = SERVER.connect("historySource", "parquet")) {
      assertEquals(graphql, SqlRows.query(c, sql, RUN));
    }
    assertEquals(23456 - 12345 + 1, graphql.size());
    assertEquals(0, HistoryWindow.of(SERVER.server().requests()).size());
  }
}
