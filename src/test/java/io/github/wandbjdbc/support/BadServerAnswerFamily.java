package io.github.wandbjdbc.support;

import io.github.wandbjdbc.client.ApiKey;
import io.github.wandbjdbc.support.RunsAnswerMutations.Mutation;
import io.github.wandbjdbc.testserver.faults.Fault;
import io.github.wandbjdbc.testserver.http.RecordedRequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * The server-answer family: the test server's real answer to the {@code Runs} request of
 * {@code SELECT * FROM runs} on the small project, mutated ({@link RunsAnswerMutations}) and
 * served back once through the fault queue.
 *
 * <p>Correct rows for a mutated answer, besides an SQLException with a state:
 * <ul>
 *   <li>a mutation outside the runs (pageInfo, runCount, envelope): exactly the fault-free rows;
 *   <li>a mutation of one run: every other run's row exactly as without the fault, each once;
 *       plus exactly one row for the touched run, whose columns fed by the touched field (e.g.
 *       {@code config} and every {@code config.*} column for {@code config}) may be NULL or show
 *       the new value, and whose other columns equal its fault-free row. A lost, duplicated or
 *       shifted row, or a value of another run in an untouched column, fails. A mutation of the
 *       whole node (null edge, empty node) frees all columns of that one row.
 * </ul>
 */
public final class BadServerAnswerFamily {
  static final long SEED = 20_240_613L;
  private static final int MUTATIONS = 340;
  private static final String SQL = "SELECT * FROM runs";

  /** Columns fed by each field of a W&B Run; a prefix ending in '.' feeds every such column. */
  private static final Map<String, Set<String>> FED = Map.ofEntries(
      Map.entry("name", Set.of("run_id")), Map.entry("displayName", Set.of("display_name")),
      Map.entry("state", Set.of("state")), Map.entry("createdAt", Set.of("created_at")),
      Map.entry("heartbeatAt", Set.of("heartbeat_at")), Map.entry("group", Set.of("group_name")),
      Map.entry("jobType", Set.of("job_type")), Map.entry("tags", Set.of("tags")),
      Map.entry("user", Set.of("username")), Map.entry("host", Set.of("host")),
      Map.entry("sweepName", Set.of("sweep_id")), Map.entry("notes", Set.of("notes")),
      Map.entry("commit", Set.of("commit")),
      Map.entry("historyLineCount", Set.of("history_line_count")),
      Map.entry("config", Set.of("config", "config.")),
      Map.entry("summaryMetrics", Set.of("summary", "summary.")));

  private BadServerAnswerFamily() {}

  public static CorpusTally run(TestServerExtension server) throws Exception {
    CorpusTally tally = new CorpusTally("server answers", server.apiKey());
    try (Connection c = server.connect("project", TestServerExtension.SMALL_PROJECT,
        "maxRetries", "0", "parallelism", "1")) {
      // Column discovery happens on the connection's first statement; after it, the statement
      // sends exactly one Runs request, the one the faults replace.
      rows(c);
      List<String> columns = columns(c);
      server.server().clearRequests();
      List<List<Object>> clean = rows(c);
      JsonNode answer = realAnswer(server, "Runs");
      int runIdColumn = columns.indexOf("run_id");
      List<String> runIds = new ArrayList<>();
      RunsAnswerMutations.edges(answer).forEach(e -> runIds.add(e.get("node").get("name")
          .asText()));
      for (Mutation m : RunsAnswerMutations.generate(new Random(SEED), answer, MUTATIONS)) {
        tally.attempt(m.label(), () -> {
          try {
            server.server().faults().enqueue(Fault.body(200, m.body()).forOperation("Runs"));
            List<List<Object>> rows = rows(c);
            return judge(rows, clean, columns, runIdColumn,
                m.run() < 0 ? null : runIds.get(m.run()), m.field());
          } finally {
            server.server().faults().clear();
          }
        });
      }
      tally.attempt("fault-free again after the corpus", () ->
          ResultRows.difference(rows(c), clean, false));
    }
    return tally;
  }

  private static List<List<Object>> rows(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.setQueryTimeout(20);
      try (ResultSet rs = s.executeQuery(SQL)) {
        return SqlRows.rows(rs);
      }
    }
  }

  private static List<String> columns(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(SQL + " LIMIT 1")) {
      List<String> names = new ArrayList<>();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        names.add(rs.getMetaData().getColumnLabel(i));
      }
      return names;
    }
  }

  /**
   * The answer to the statement's one request of {@code operation} (the first of several is
   * refused: a fault would hit only that one), asked again of the server directly.
   */
  static JsonNode realAnswer(TestServerExtension server, String operation) throws Exception {
    List<RecordedRequest> runs = server.server().requests().stream()
        .filter(r -> operation.equals(r.operationName())).toList();
    if (runs.size() != 1) {
      throw new IllegalStateException("expected one " + operation + " request, got "
          + runs.size() + ": " + server.server().requests());
    }
    return replay(server, runs.get(0));
  }

  /** The server's answer to a recorded request, asked again of it directly. */
  public static JsonNode replay(TestServerExtension server, RecordedRequest request) throws Exception {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("query", request.query());
    body.set("variables", request.variables());
    body.put("operationName", request.operationName());
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest
            .newBuilder(URI.create(server.server().baseUrl() + "/graphql"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("Authorization", new ApiKey(server.apiKey()).basicAuthorization())
            .POST(HttpRequest.BodyPublishers.ofString(RunsAnswerMutations.text(body))).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("the server answered " + response.statusCode());
    }
    return RunsAnswerMutations.parse(response.body());
  }

  /** Empty when the rows are correct for the mutation (see the class comment). */
  static Optional<String> judge(List<List<Object>> rows, List<List<Object>> clean,
      List<String> columns, int runIdColumn, String touchedRun, String field) {
    if (touchedRun == null) {
      return ResultRows.difference(rows, clean, false);
    }
    List<List<Object>> left = new ArrayList<>(rows);
    List<Object> touchedClean = null;
    for (List<Object> expected : clean) {
      if (touchedRun.equals(expected.get(runIdColumn))) {
        touchedClean = expected;
        continue;
      }
      if (!left.remove(expected)) {
        return Optional.of("the row of untouched run " + expected.get(runIdColumn)
            + " is missing or changed");
      }
    }
    if (touchedClean == null) {
      throw new IllegalStateException("touched run " + touchedRun + " is not in the clean rows");
    }
    if (left.size() != 1) {
      return Optional.of(left.size() + " rows for the touched run " + touchedRun
          + ", expected exactly one: " + CorpusTally.shorten(left.toString()));
    }
    List<Object> row = left.get(0);
    for (int i = 0; i < columns.size(); i++) {
      if (field != null && fed(field, columns.get(i))) {
        continue;
      }
      if (!java.util.Objects.equals(row.get(i), touchedClean.get(i))) {
        return Optional.of("column " + columns.get(i) + " of touched run " + touchedRun
            + " (field " + field + ") is " + CorpusTally.shorten(String.valueOf(row.get(i)))
            + ", was " + CorpusTally.shorten(String.valueOf(touchedClean.get(i))));
      }
    }
    return Optional.empty();
  }

  private static boolean fed(String field, String column) {
    for (String fed : FED.getOrDefault(field, Set.of())) {
      if (fed.endsWith(".") ? column.startsWith(fed) : column.equals(fed)) {
        return true;
      }
    }
    return false;
  }
}
