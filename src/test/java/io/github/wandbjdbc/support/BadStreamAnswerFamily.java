package io.github.wandbjdbc.support;

import io.github.wandbjdbc.support.AnswerMutation.Expect;
import io.github.wandbjdbc.testserver.faults.Fault;
import io.github.wandbjdbc.testserver.http.RecordedRequest;

import com.fasterxml.jackson.databind.JsonNode;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

/**
 * The server-answer families beyond {@code Runs}: the answers that feed {@code history} (full
 * rows, {@code RunHistory}; selected keys, {@code RunSampledHistory}; and the {@code historyKeys}
 * of the {@code Runs} lookup before them), {@code system_metrics} ({@code RunEvents}) and
 * {@code artifacts} ({@code ArtifactTypes}, {@code ArtifactCollections},
 * {@code ArtifactVersions}). Each statement reads one run (a {@code run_id =} hint), so it sends
 * one request of the mutated operation after the lookups; the connection has run each statement
 * before (column discovery), has {@code maxRetries=0} (a body that is not JSON would else be
 * retried as transient) and reads one request at a time. Each mutated answer is served through
 * the fault queue for its operation, which is cleared after every input. What rows are correct
 * is said in {@link HistoryAnswerMutations} and {@link ArtifactAnswerMutations}.
 */
public final class BadStreamAnswerFamily {
  static final long SEED = 20_240_614L;
  private static final int HISTORY_ROW_MUTATIONS = 130;
  private static final int SAMPLED_MUTATIONS = 60;
  private static final int EVENT_MUTATIONS = 70;
  private static final int VERSION_FIELD_MUTATIONS = 60;

  private BadStreamAnswerFamily() {}

  /** {@code history}: RunHistory rows, RunSampledHistory results, historyKeys. */
  public static CorpusTally history(TestServerExtension server) throws Exception {
    CorpusTally tally = new CorpusTally("history answers", server.apiKey());
    Map<String, Integer> byOperation = new TreeMap<>();
    try (Connection c = connect(server)) {
      String run = firstRun(c);
      Random random = new Random(SEED);

      Target full = target(server, c, "SELECT * FROM history WHERE run_id = '" + run + "'",
          "RunHistory");
      JsonNode vars = full.request().variables();
      long[] window = {vars.get("minStep").asLong(), vars.get("maxStep").asLong()};
      checkSteps(full, HistoryAnswerMutations.list(full.answer(), "history"));
      List<AnswerMutation> mutations = new ArrayList<>(HistoryAnswerMutations.rowLists(random,
          full.answer(), "RunHistory", "history", full.columns(), window,
          HISTORY_ROW_MUTATIONS));
      JsonNode runsAnswer = BadServerAnswerFamily.realAnswer(server, "Runs");
      mutations.addAll(HistoryAnswerMutations.historyKeys(runsAnswer));
      runAll(server, c, tally, byOperation, full, mutations, 1);

      Target sampled = target(server, c, "SELECT run_id, step, logged_at, \"train/loss\" FROM"
          + " history WHERE run_id = '" + run + "'", "RunSampledHistory");
      JsonNode spec = RunsAnswerMutations.parse(sampled.request().variables().get("specs").get(0)
          .asText());
      long[] sampledWindow = {spec.get("minStep").asLong(), spec.get("maxStep").asLong() + 1};
      runAll(server, c, tally, byOperation, sampled, HistoryAnswerMutations.sampled(random,
          sampled.answer(), sampled.columns(), sampledWindow, SAMPLED_MUTATIONS), 2);

      tally.attempt("fault-free again after the corpus", () ->
          ResultRows.difference(rows(c, full.sql()), full.clean(), false));
    }
    System.out.println("bad-input corpus, history answers by operation: " + byOperation);
    return tally;
  }

  /** {@code system_metrics}: RunEvents rows. */
  public static CorpusTally systemMetrics(TestServerExtension server) throws Exception {
    CorpusTally tally = new CorpusTally("system_metrics answers", server.apiKey());
    Map<String, Integer> byOperation = new TreeMap<>();
    try (Connection c = connect(server)) {
      String run = firstRun(c);
      Target events = target(server, c, "SELECT * FROM system_metrics WHERE run_id = '" + run
          + "'", "RunEvents");
      if (HistoryAnswerMutations.list(events.answer(), "events").size() != events.clean()
          .size()) {
        throw new IllegalStateException("one row per event expected");
      }
      runAll(server, c, tally, byOperation, events, HistoryAnswerMutations.rowLists(
          new Random(SEED + 1), events.answer(), "RunEvents", "events", events.columns(), null,
          EVENT_MUTATIONS), 1);
      tally.attempt("fault-free again after the corpus", () ->
          ResultRows.difference(rows(c, events.sql()), events.clean(), false));
    }
    System.out.println("bad-input corpus, system_metrics answers by operation: " + byOperation);
    return tally;
  }

  /** {@code artifacts}: the three connections it pages through. */
  public static CorpusTally artifacts(TestServerExtension server) throws Exception {
    CorpusTally tally = new CorpusTally("artifact answers", server.apiKey());
    Map<String, Integer> byOperation = new TreeMap<>();
    try (Connection c = connect(server)) {
      String sql = "SELECT * FROM artifacts";
      Target types = target(server, c, sql, "ArtifactTypes");
      List<AnswerMutation> mutations = new ArrayList<>(ArtifactAnswerMutations.connection(
          types.answer(), "ArtifactTypes", "project.artifactTypes"));
      mutations.addAll(ArtifactAnswerMutations.connection(firstAnswer(server,
          "ArtifactCollections"), "ArtifactCollections",
          "project.artifactType.artifactCollections"));
      JsonNode versions = firstAnswer(server, "ArtifactVersions");
      String path = "project.artifactType.artifactCollection.artifacts";
      mutations.addAll(ArtifactAnswerMutations.connection(versions, "ArtifactVersions", path));
      mutations.addAll(ArtifactAnswerMutations.versions(new Random(SEED + 2), versions, path,
          VERSION_FIELD_MUTATIONS));
      runAll(server, c, tally, byOperation, types, mutations, 1);
      tally.attempt("fault-free again after the corpus", () ->
          ResultRows.difference(rows(c, sql), types.clean(), false));
    }
    System.out.println("bad-input corpus, artifact answers by operation: " + byOperation);
    return tally;
  }

  /** A statement, its fault-free rows and columns, and the real answer to its one request. */
  private record Target(String sql, List<String> columns, List<List<Object>> clean,
      RecordedRequest request, JsonNode answer) {}

  /** GraphQL windows: this family mutates RunHistory and RunSampledHistory answers. */
  private static Connection connect(TestServerExtension server) throws SQLException {
    return server.connect("project", TestServerExtension.SMALL_PROJECT, "maxRetries", "0",
        "parallelism", "1", "historySource", "graphql");
  }

  private static String firstRun(Connection c) throws SQLException {
    return (String) rows(c, "SELECT MIN(run_id) FROM runs").get(0).get(0);
  }

  /** Runs {@code sql} once to discover columns, then again recording its requests. */
  private static Target target(TestServerExtension server, Connection c, String sql,
      String operation) throws Exception {
    rows(c, sql);
    List<String> columns;
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      columns = new ArrayList<>();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        columns.add(rs.getMetaData().getColumnLabel(i));
      }
    }
    server.server().clearRequests();
    List<List<Object>> clean = rows(c, sql);
    RecordedRequest request = server.server().requests().stream()
        .filter(r -> operation.equals(r.operationName())).findFirst().orElseThrow(() ->
            new IllegalStateException("no " + operation + " request for " + sql + ": "
                + server.server().requests()));
    return new Target(sql, columns, clean, request,
        BadServerAnswerFamily.replay(server, request));
  }

  /** The answer to the first request of {@code operation} among those recorded. */
  private static JsonNode firstAnswer(TestServerExtension server, String operation)
      throws Exception {
    return BadServerAnswerFamily.replay(server, server.server().requests().stream()
        .filter(r -> operation.equals(r.operationName())).findFirst().orElseThrow());
  }

  /** The answer's rows are the clean rows, in order: row i of the one is row i of the other. */
  private static void checkSteps(Target t, Iterable<JsonNode> rows) {
    int step = t.columns().indexOf("step");
    List<Object> answered = new ArrayList<>();
    rows.forEach(r -> answered.add(RunsAnswerMutations.parse(r.asText()).get("_step").asLong()));
    List<Object> read = t.clean().stream().map(r -> r.get(step)).toList();
    if (!answered.equals(read)) {
      throw new IllegalStateException("history rows are not in the answer's order");
    }
  }

  private static void runAll(TestServerExtension server, Connection c, CorpusTally tally,
      Map<String, Integer> byOperation, Target target, List<AnswerMutation> mutations,
      int maxTouchedRows) {
    for (AnswerMutation m : mutations) {
      byOperation.merge(m.operation(), 1, Integer::sum);
      tally.attempt(m.operation() + ": " + m.label(), () -> {
        try {
          for (String body : m.bodies()) {
            server.server().faults().enqueue(Fault.body(200, body).forOperation(m.operation()));
          }
          return judge(m, rows(c, target.sql()), target, maxTouchedRows);
        } finally {
          server.server().faults().clear();
        }
      });
    }
  }

  private static List<List<Object>> rows(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.setQueryTimeout(20);
      try (ResultSet rs = s.executeQuery(sql)) {
        return SqlRows.rows(rs);
      }
    }
  }

  /** Empty when the rows are correct for the mutation (see {@link AnswerMutation.Expect}). */
  static Optional<String> judge(AnswerMutation m, List<List<Object>> rows, Target target,
      int maxTouchedRows) {
    List<List<Object>> clean = target.clean();
    List<String> columns = target.columns();
    if (m.expect() == Expect.SAME) {
      return ResultRows.difference(rows, clean, false);
    }
    if (m.expect() == Expect.ERROR) {
      return Optional.of(rows.size() + " rows where only an SQLException is correct: "
          + CorpusTally.shorten(rows.toString()));
    }
    int touched = touchedRow(m, target);
    List<List<Object>> left = new ArrayList<>(rows);
    List<List<Object>> optional = new ArrayList<>();
    for (int j = 0; j < clean.size(); j++) {
      List<Object> expected = clean.get(j);
      boolean mayMiss = j == touched || m.expect() == Expect.SUBSET && (m.touched() == null
          || m.touched() instanceof String name && expected.contains(name));
      if (mayMiss) {
        optional.add(expected);
      } else if (!left.remove(expected)) {
        return Optional.of("fault-free row " + j + " is missing or changed: "
            + CorpusTally.shorten(expected.toString()));
      }
    }
    if (m.expect() == Expect.SUBSET) {
      for (List<Object> row : left) {
        if (!optional.remove(row)) {
          return Optional.of("a row that is not a fault-free row, or one twice: "
              + CorpusTally.shorten(row.toString()));
        }
      }
      return Optional.empty();
    }
    if (left.size() > maxTouchedRows) {
      return Optional.of(left.size() + " rows for the touched row " + touched + ", at most "
          + maxTouchedRows + ": " + CorpusTally.shorten(left.toString()));
    }
    if (left.isEmpty() && !m.mayDrop()) {
      return Optional.of("the touched row " + touched + " is missing");
    }
    List<Object> was = clean.get(touched);
    for (List<Object> row : left) {
      for (int i = 0; i < columns.size(); i++) {
        String column = columns.get(i);
        boolean fed = m.fed().contains(column) || m.fed().contains("*") && !column.equals("run_id");
        if (column.equals("step") && fed) {
          Object step = row.get(i);
          if (step != null && !step.equals(was.get(i)) && !m.steps().contains(step)) {
            return Optional.of("step " + step + " in the touched row, which had step "
                + was.get(i) + " (allowed: NULL, " + m.steps() + ")");
          }
        } else if (!fed && !Objects.equals(row.get(i), was.get(i))
            && !(maxTouchedRows > 1 && row.get(i) == null)) {
          return Optional.of("column " + column + " of the touched row " + touched + " is "
              + CorpusTally.shorten(String.valueOf(row.get(i))) + ", was "
              + CorpusTally.shorten(String.valueOf(was.get(i))));
        }
      }
    }
    return Optional.empty();
  }

  /** The index in the fault-free rows of the row a mutation touched, or -1. */
  private static int touchedRow(AnswerMutation m, Target target) {
    List<List<Object>> clean = target.clean();
    if (m.touched() instanceof Integer i) {
      return i;
    }
    int column = m.touched() instanceof Long ? target.columns().indexOf("step")
        : m.expect() == Expect.TOUCHED ? target.columns().indexOf("artifact_id") : -1;
    for (int j = 0; column >= 0 && j < clean.size(); j++) {
      if (m.touched().equals(clean.get(j).get(column))) {
        return j;
      }
    }
    if (m.expect() == Expect.TOUCHED) {
      throw new IllegalStateException("no fault-free row for " + m.touched());
    }
    return -1;
  }
}
