package io.github.wandbjdbc.jdbc;

import static io.github.wandbjdbc.support.TestServerExtension.BIG_PROJECT;
import static io.github.wandbjdbc.support.TestServerExtension.ENTITY;
import static io.github.wandbjdbc.support.TestServerExtension.SMALL_PROJECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wandbjdbc.support.HistoryWindow;
import io.github.wandbjdbc.support.SqlRows;
import io.github.wandbjdbc.support.TestServerExtension;
import io.github.wandbjdbc.testserver.data.RunData;
import io.github.wandbjdbc.testserver.data.SweepData;
import io.github.wandbjdbc.testserver.generate.SampleDataGenerator;
import io.github.wandbjdbc.testserver.http.RecordedRequest;
import io.github.wandbjdbc.testserver.semantics.RunStreams;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@code history}, {@code system_metrics} and {@code files} against the test server's data, row by
 * row, and the requests their hints and batched joins send; history through GraphQL windows (the
 * exports: HistoryExportsTest, HistorySourcesDifferentialTest).
 */
class RunStreamsTest {
  @RegisterExtension
  static final TestServerExtension SERVER = new TestServerExtension();

  @BeforeEach
  void clear() {
    SERVER.server().clearRequests();
  }

  private static List<RunData> runs(String project) {
    return SERVER.server().data().project(ENTITY, project).runs();
  }

  private static List<RecordedRequest> requests(String operation) {
    return SERVER.server().requests().stream()
        .filter(r -> operation.equals(r.operationName())).toList();
  }

  private static List<List<Object>> query(Connection c, String sql, Object... params)
      throws SQLException {
    return SqlRows.query(c, sql, params);
  }

  private static List<String> sorted(List<List<Object>> rows) {
    return rows.stream().map(Object::toString).sorted().toList();
  }

  @Test
  void historyRowsAreTheServersRowsUnsampled() throws SQLException {
    List<String> expected = new ArrayList<>();
    for (RunData run : runs(SMALL_PROJECT)) {
      for (Map<String, Object> row : RunStreams.history(run, 0, Long.MAX_VALUE)) {
        expected.add(List.of(run.name(), row.get("_step"), row.get("_runtime"),
            row.get("train/loss"), row.get("train/global_step")).toString());
      }
    }
    expected.sort(Comparator.naturalOrder());
    try (Connection c = SERVER.connect("project", SMALL_PROJECT, "historySource", "graphql")) {
      List<List<Object>> rows = query(c, "SELECT run_id, step, runtime_seconds, \"train/loss\","
          + " CAST(\"train/global_step\" AS BIGINT) FROM history");
      assertEquals(expected, sorted(rows));
    }
    assertTrue(expected.size() > 1000, "enough rows to span several windows per run");
    // Whole windows or keys, never down-sampled (HistoryWindow checks samples), every run read.
    assertEquals(runs(SMALL_PROJECT).size(), HistoryWindow.of(SERVER.server().requests()).stream()
        .map(HistoryWindow::run).distinct().count());
  }

  /** Numbers as doubles, maps sorted: a JSON value and the data it came from compare equal. */
  private static Object canonical(Object value) {
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> sorted = new TreeMap<>();
      m.forEach((k, v) -> sorted.put(k.toString(), canonical(v)));
      return sorted;
    }
    if (value instanceof List<?> l) {
      return l.stream().map(RunStreamsTest::canonical).toList();
    }
    return value instanceof Number n ? (Object) n.doubleValue() : value;
  }

  /** As {@link #canonical}, with NaN and ±Infinity as the strings the JSON columns hold (README). */
  private static Object canonicalJson(Object value) {
    Object c = canonical(value);
    if (c instanceof Map<?, ?> m) {
      Map<String, Object> out = new TreeMap<>();
      m.forEach((k, v) -> out.put(k.toString(), canonicalJson(v)));
      return out;
    }
    if (c instanceof List<?> l) {
      return l.stream().map(RunStreamsTest::canonicalJson).toList();
    }
    return c instanceof Double d && !Double.isFinite(d) ? d.toString() : c;
  }

  private static Object parsedJson(Object text) throws SQLException {
    if (text == null) {
      return null;
    }
    try {
      return canonical(JSON.readValue((String) text, Object.class));
    } catch (java.io.IOException e) {
      throw new SQLException("not JSON: " + text, e);
    }
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      com.fasterxml.jackson.databind.json.JsonMapper.builder()
          .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  @Test
  void historyKeepsSparseKeysNonFiniteValuesNestedValuesAndMedia() throws SQLException {
    List<RunData> resnet = runs(BIG_PROJECT);
    RunData diverged = resnet.stream().filter(r -> r.summary().get("loss") instanceof Double d && d.isNaN()
        && r.summary().get("val/loss") instanceof Double v && v.isInfinite()).findFirst().orElseThrow();
    RunData media = resnet.stream().filter(r -> r.history().rowCount() > 0
        && r.summary().containsKey(SampleDataGenerator.HISTOGRAM_KEY)
        && r.history().rows().stream().anyMatch(row -> row.containsKey("examples"))).findFirst().orElseThrow();
    RunData gap = resnet.stream().filter(r -> r.name().equals(SampleDataGenerator.STEP_GAP_RUN)).findFirst()
        .orElseThrow();
    RunData none = resnet.stream().filter(r -> r.history().rowCount() == 0 && !r.state().equals("pending"))
        .findFirst().orElseThrow();
    List<String> keys = List.of("loss", "acc", "val/loss", "is_best", "phase", "epoch", "optim",
        SampleDataGenerator.HISTOGRAM_KEY);
    List<Object> expected = new ArrayList<>();
    for (RunData run : List.of(diverged, media, gap, none)) {
      for (Map<String, Object> row : run.history().rows()) {
        List<Object> values = new ArrayList<>(List.of(run.name(), row.get("_step"),
            canonical(row.get("_runtime"))));
        keys.forEach(k -> values.add(k.equals("optim") || k.equals(SampleDataGenerator.HISTOGRAM_KEY)
            ? canonicalJson(row.get(k)) : canonical(row.get(k))));
        values.add(canonicalJson(row));
        expected.add(values);
      }
    }
    String sql = "SELECT run_id, step, runtime_seconds, " + keys.stream().map(k -> "\"" + k + "\"")
        .collect(Collectors.joining(", ")) + ", \"row\" FROM history WHERE run_id IN (?, ?, ?, ?)";
    List<Object> actual = new ArrayList<>();
    try (Connection c = SERVER.connect("historySource", "graphql")) {
      clear();
      List<List<Object>> whole = query(c, sql, diverged.name(), media.name(), gap.name(), none.name());
      assertTrue(HistoryWindow.of(SERVER.server().requests()).stream().allMatch(w -> w.keySets().isEmpty()),
          "\"row\" is read from whole rows");
      // Without "row", the keys are read one by one (sampledHistory) and merged: the same values.
      clear();
      String keysOnly = sql.replace(", \"row\" FROM", " FROM");
      List<List<Object>> byKey = query(c, keysOnly, diverged.name(), media.name(), gap.name(), none.name());
      assertTrue(HistoryWindow.of(SERVER.server().requests()).stream().allMatch(w -> w.keySets().size() == 2 + keys.size()),
          "one spec per key, plus steps and runtime");
      assertEquals(sorted(whole.stream().map(r -> r.subList(0, r.size() - 1)).toList()), sorted(byKey));
      for (List<Object> row : whole) {
        List<Object> values = new ArrayList<>(row.subList(0, 2));
        values.add(canonical(row.get(2)));
        for (int i = 0; i < keys.size(); i++) {
          Object v = row.get(3 + i);
          boolean json = keys.get(i).equals("optim") || keys.get(i).equals(SampleDataGenerator.HISTOGRAM_KEY);
          values.add(json ? parsedJson(v) : canonical(v));
        }
        values.add(parsedJson(row.get(row.size() - 1)));
        actual.add(values);
      }
    }
    Comparator<Object> byRunAndStep = Comparator.comparing((Object r) -> (String) ((List<?>) r).get(0))
        .thenComparing(r -> (Long) ((List<?>) r).get(1));
    expected.sort(byRunAndStep);
    actual.sort(byRunAndStep);
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      List<?> e = (List<?>) expected.get(i);
      List<?> a = (List<?>) actual.get(i);
      for (int j = 0; j < e.size(); j++) {
        Object ev = e.get(j);
        Object av = a.get(j);
        assertEquals(ev, av, "run " + e.get(0) + " step " + e.get(1) + " column " + j);
      }
    }
    // The data really has the awkward shapes: NaN, an infinity, sparse keys, a gap, an empty run.
    assertTrue(actual.stream().anyMatch(r -> r.toString().contains("NaN")));
    assertTrue(actual.stream().anyMatch(r -> r.toString().contains("Infinity")));
    assertTrue(actual.stream().anyMatch(r -> ((List<?>) r).get(5) == null), "val/loss is sparse");
    assertTrue(actual.stream().noneMatch(r -> ((List<?>) r).get(0).equals(none.name())));
    assertTrue(actual.stream().noneMatch(r -> ((List<?>) r).get(0).equals(gap.name())
        && (Long) ((List<?>) r).get(1) > 99 && (Long) ((List<?>) r).get(1) < 500));
  }

  @Test
  void aLimitReadsTheFirstRunsOnly() throws SQLException {
    try (Connection c = SERVER.connect("historySource", "graphql")) {
      query(c, "SELECT COUNT(*) FROM history WHERE run_id = 'warm-up'"); // column discovery
      clear();
      List<List<Object>> rows = query(c, "SELECT * FROM history LIMIT 100");
      assertEquals(100, rows.size());
    }
    // One page of runs, oldest first, and the history of the first few: not 2,000 runs' worth.
    List<HistoryWindow> windows = HistoryWindow.of(SERVER.server().requests());
    assertTrue(windows.size() >= 1 && windows.size() <= 5, windows.size() + " windows");
    assertEquals(1, requests("Runs").size());
  }

  @Test
  void aRunAndAStepWindowReadOnlyThatRunsSteps() throws SQLException {
    RunData run = runs(SMALL_PROJECT).stream()
        .filter(r -> RunStreams.lastStep(r) >= 160).findFirst().orElseThrow();
    List<String> expected = RunStreams.history(run, 100, 150).stream()
        .map(row -> List.of(row.get("_step"), row.get("train/loss")).toString()).toList();
    List<HistoryWindow> windows;
    List<RecordedRequest> listed;
    try (Connection c = SERVER.connect("project", SMALL_PROJECT, "historySource", "graphql")) {
      clear();
      List<List<Object>> rows = query(c, "SELECT step, \"train/loss\" FROM history"
          + " WHERE run_id = ? AND step BETWEEN 100 AND 149 ORDER BY step", run.name());
      windows = HistoryWindow.of(SERVER.server().requests());
      listed = requests("Runs");
      assertEquals(expected, rows.stream().map(Object::toString).toList());
      String plan = query(c, "EXPLAIN PLAN FOR SELECT step, \"train/loss\" FROM history"
          + " WHERE run_id = 'x' AND step BETWEEN 100 AND 149").get(0).get(0).toString();
      assertTrue(plan.contains("hints=[[run_id IN ['x':VARCHAR], step >= 100:BIGINT AND step <= 149:BIGINT]]"), plan);
      assertTrue(plan.contains("columns=[[run_id, step, train/loss]]"), plan);
    }
    // One window, and only the two keys the query reads.
    assertEquals(List.of(new HistoryWindow(run.name(), 100, 150,
        List.of(List.of("_step"), List.of("_step", "train/loss")))), windows);
    listed = listed.stream().filter(r -> r.variables().path("filters").asText().contains("$in")).toList();
    assertEquals(1, listed.size());
    assertTrue(listed.get(0).variables().get("filters").asText().contains(run.name()));
  }

  @Test
  void aJoinFromFilteredRunsReadsTheHistoryOfThoseRunsOnly() throws SQLException {
    // The case: about 20 of the 2,000 runs pass the filter on runs.
    String sql = "SELECT r.run_id, h.step, h.runtime_seconds FROM runs r JOIN history h"
        + " ON h.run_id = r.run_id WHERE r.state = 'running'";
    Set<String> selected = runs(BIG_PROJECT).stream().filter(r -> "running".equals(r.state()))
        .map(RunData::name).collect(Collectors.toCollection(TreeSet::new));
    assertTrue(selected.size() >= 15 && selected.size() <= 30, "about 20 runs: " + selected.size());
    List<List<Object>> pushed;
    try (Connection c = SERVER.connect("historySource", "graphql")) {
      // Batches of runs, each batch's history matched to its runs by a hash of run_id.
      String plan = query(c, "EXPLAIN PLAN FOR " + sql).toString();
      assertTrue(plan.contains("HashedBatchJoin"), plan);
      clear();
      pushed = query(c, sql);
    }
    Set<String> historyRead = HistoryWindow.of(SERVER.server().requests()).stream()
        .map(HistoryWindow::run).collect(Collectors.toCollection(TreeSet::new));
    Set<String> withHistory = selected.stream()
        .filter(n -> RunStreams.lastStep(runs(BIG_PROJECT).stream()
            .filter(r -> r.name().equals(n)).findFirst().orElseThrow()) >= 0)
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(withHistory, historyRead, "history of the selected runs only");
    List<List<Object>> local;
    try (Connection c = SERVER.connect("pushdown", "false", "historySource", "graphql")) {
      local = query(c, sql);
    }
    assertEquals(sorted(local), sorted(pushed));
    assertFalse(pushed.isEmpty());
  }

  @Test
  void systemMetricsAreEveryEventRow() throws SQLException {
    List<String> expected = new ArrayList<>();
    for (RunData run : runs(SMALL_PROJECT)) {
      for (Map<String, Object> row : RunStreams.events(run)) {
        expected.add(List.of(run.name(), row.get("_runtime"), row.get("system.cpu")).toString());
      }
    }
    expected.sort(Comparator.naturalOrder());
    try (Connection c = SERVER.connect("project", SMALL_PROJECT, "historySource", "graphql")) {
      assertEquals(expected, sorted(query(c,
          "SELECT run_id, runtime_seconds, \"system.cpu\" FROM system_metrics")));
    }
  }

  @Test
  void filesAndSystemMetricsOfResnetRunsAreTheServers() throws SQLException {
    List<RunData> picked = new ArrayList<>();
    List<RunData> resnet = runs(BIG_PROJECT);
    picked.add(resnet.stream().filter(r -> r.files().stream().anyMatch(f -> f.name().endsWith(".png")))
        .findFirst().orElseThrow());
    picked.add(resnet.stream().filter(r -> r.state().equals("pending")).findFirst().orElseThrow());
    picked.add(resnet.stream().filter(r -> r.files().size() > 7).findFirst().orElseThrow());
    List<String> files = new ArrayList<>();
    List<String> events = new ArrayList<>();
    for (RunData run : picked) {
      RunStreams.files(run).forEach(f -> files.add(List.of(run.name(), f.name(), f.sizeBytes(), f.mimetype(),
          f.md5(), f.directUrl()).toString()));
      RunStreams.events(run).forEach(e -> events.add(Arrays.asList(run.name(), e.get("_runtime"),
          e.get("system.gpu.0.gpu")).toString()));
    }
    files.sort(Comparator.naturalOrder());
    events.sort(Comparator.naturalOrder());
    assertTrue(files.stream().anyMatch(f -> f.contains("media/images/")));
    try (Connection c = SERVER.connect("historySource", "graphql")) {
      Object[] ids = picked.stream().map(RunData::name).toArray();
      assertEquals(files, sorted(query(c, "SELECT run_id, name, size_bytes, mimetype, md5, url FROM files"
          + " WHERE run_id IN (?, ?, ?)", ids)));
      assertEquals(events, sorted(query(c, "SELECT run_id, runtime_seconds, \"system.gpu.0.gpu\""
          + " FROM system_metrics WHERE run_id IN (?, ?, ?)", ids)));
    }
    assertTrue(RunStreams.files(picked.get(1)).isEmpty() && RunStreams.events(picked.get(1)).isEmpty(),
        "a pending run has neither");
  }

  @Test
  void filesWithALikePatternUseWandbsPattern() throws SQLException {
    String sql = "SELECT run_id, name, size_bytes, url FROM files WHERE name LIKE '%.json'";
    List<String> expected = new ArrayList<>();
    for (RunData run : runs(SMALL_PROJECT)) {
      for (RunStreams.FileData f : RunStreams.files(run)) {
        if (f.name().endsWith(".json")) {
          expected.add(List.of(run.name(), f.name(), f.sizeBytes(), f.directUrl()).toString());
        }
      }
    }
    expected.sort(Comparator.naturalOrder());
    try (Connection c = SERVER.connect("project", SMALL_PROJECT, "historySource", "graphql")) {
      clear();
      assertEquals(expected, sorted(query(c, sql)));
    }
    List<RecordedRequest> files = requests("RunFiles");
    assertEquals(runs(SMALL_PROJECT).size(), files.size());
    files.forEach(r -> assertEquals("%.json", r.variables().get("pattern").asText()));
    for (String name : List.of("media/table 1%_x.table.json", "media/table 1%\\_x.table.json")) {
      try (Connection c = SERVER.connect("project", SMALL_PROJECT, "historySource", "graphql")) {
        clear();
        List<List<Object>> rows = query(c, "SELECT name FROM files WHERE name = ?", name);
        boolean exists = !name.contains("\\");
        assertEquals(exists ? runs(SMALL_PROJECT).size() : 0, rows.size(), name);
        requests("RunFiles").forEach(r -> assertEquals("media/table 1\\%\\_x.table.json".replace(
            "\\_", exists ? "\\_" : "\\\\\\_"), r.variables().get("pattern").asText()));
      }
    }
  }

  @Test
  void sweepsAreTheServersAndJoinRunsBySweepId() throws SQLException {
    List<String> expected = io.github.wandbjdbc.testserver.data.SweepData.of(
        SERVER.server().data().project(ENTITY, BIG_PROJECT)).stream()
        .map(s -> List.of(s.name(), s.method(), s.runCount(), s.bestLoss()).toString()).toList();
    try (Connection c = SERVER.connect("historySource", "graphql")) {
      assertEquals(expected, query(c, "SELECT sweep_id, sweep_method, run_count, best_loss FROM sweeps"
          + " ORDER BY sweep_id").stream().map(Object::toString).toList());
      List<List<Object>> perSweep = query(c, "SELECT s.sweep_id, COUNT(*) FROM runs r JOIN sweeps s"
          + " ON r.sweep_id = s.sweep_id GROUP BY s.sweep_id ORDER BY s.sweep_id");
      assertEquals(expected.size(), perSweep.size());
      for (List<Object> row : perSweep) {
        long runs = runs(BIG_PROJECT).stream().filter(r -> row.get(0).equals(r.sweepName())).count();
        assertEquals(runs, ((Number) row.get(1)).longValue(), "runs of sweep " + row.get(0));
      }
      String config = (String) query(c, "SELECT config FROM sweeps").get(0).get(0);
      assertTrue(config.startsWith("{") && config.contains("\"metric\""), "YAML read as JSON: " + config);
    }
  }
}
