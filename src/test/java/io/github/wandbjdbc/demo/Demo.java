package io.github.wandbjdbc.demo;

import io.github.wandbjdbc.testserver.WandbTestServer;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Runs the driver against the built-in sample W&B project, no account needed: starts the test
 * server in this JVM with its generated data and prints the results of a few queries, or of
 * {@code --sql "..."}.
 */
public final class Demo {
  private static final int MAX_ROWS = 20;
  private static final int MAX_WIDTH = 40;

  private static final List<String> QUERIES = List.of(
      "-- The 10 best finished sweep runs by validation loss (diverged runs, whose loss is NaN or\n"
          + "-- infinite, left out), with their learning rate\n"
          + "SELECT run_id, display_name, \"config.lr\", \"config.optimizer\", \"summary.val/loss\"\n"
          + "FROM runs\nWHERE state = 'finished' AND sweep_id IS NOT NULL\n"
          + "  AND \"summary.val/loss\" BETWEEN 0 AND 1e300\n"
          + "ORDER BY \"summary.val/loss\"\nLIMIT 10",
      "-- Runs per state\nSELECT state, COUNT(*) AS runs FROM runs GROUP BY state ORDER BY runs DESC",
      "-- Average accuracy per optimizer and batch size\n"
          + "SELECT \"config.optimizer\" AS optimizer, \"config.batch_size\" AS batch_size,\n"
          + "       COUNT(*) AS runs, AVG(\"summary.acc\") AS avg_acc\n"
          + "FROM runs WHERE state = 'finished'\nGROUP BY \"config.optimizer\", \"config.batch_size\"\n"
          + "ORDER BY avg_acc DESC LIMIT 6",
      "-- Both projects of the entity in one statement\n"
          + "SELECT 'resnet-sweep' AS project, COUNT(*) AS runs FROM \"resnet-sweep\".runs\n"
          + "UNION ALL\nSELECT 'bert-finetune', COUNT(*) FROM \"bert-finetune\".runs");

  private Demo() {}

  /**
   * Options: {@code --sql SQL} runs that statement instead of the examples; {@code --server URL}
   * with {@code --api-key KEY} and optionally {@code --entity E} uses a running W&B (or test)
   * server instead of starting one; {@code --each-project} runs the statements in every project.
   */
  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    List<String> queries = options.containsKey("sql") ? List.of(options.get("sql")) : QUERIES;
    if (options.containsKey("server")) {
      Properties props = new Properties();
      props.setProperty("baseUrl", options.get("server"));
      props.setProperty("apiKey", options.getOrDefault("api-key", ""));
      if (options.containsKey("entity")) {
        props.setProperty("entity", options.get("entity"));
      }
      run("jdbc:wandb:", props, queries, options.containsKey("each-project"));
      return;
    }
    try (WandbTestServer server = WandbTestServer.builder().start()) {
      Properties props = new Properties();
      props.setProperty("baseUrl", server.baseUrl());
      props.setProperty("apiKey", server.apiKey());
      System.out.println("Sample W&B server at " + server.baseUrl());
      run("jdbc:wandb:entity=demo-team;project=resnet-sweep", props, queries,
          options.containsKey("each-project"));
      System.out.println();
      System.out.println(server.requestCount() + " GraphQL requests were sent to the sample server.");
    }
  }

  private static void run(String url, Properties props, List<String> queries, boolean eachProject)
      throws SQLException {
    PrintStream out = System.out;
    out.println("Connecting to " + url);
    try (Connection c = DriverManager.getConnection(url, props); Statement s = c.createStatement()) {
      List<String> projects = new ArrayList<>();
      if (eachProject) {
        try (ResultSet rs = c.getMetaData().getSchemas()) {
          while (rs.next()) {
            projects.add(rs.getString("TABLE_SCHEM"));
          }
        }
      } else {
        projects.add(c.getSchema());
      }
      int failures = 0;
      for (String project : projects) {
        if (project != null) {
          c.setSchema(project);
        }
        for (String sql : queries) {
          out.println();
          out.println((eachProject ? "-- project " + project + "\n" : "") + sql);
          try (ResultSet rs = s.executeQuery(sql)) {
            print(rs, out);
          } catch (SQLException e) {
            failures++;
            out.println("ERROR " + e.getSQLState() + ": " + e.getMessage());
          }
        }
      }
      out.println();
      out.println(projects.size() * queries.size() + " statements in " + projects.size()
          + " project(s), " + failures + " failed.");
    }
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String name = args[i].replaceFirst("^--", "");
      boolean flag = name.equals("each-project");
      options.put(name, flag ? "" : (i + 1 < args.length ? args[++i] : ""));
    }
    return options;
  }

  private static void print(ResultSet rs, PrintStream out) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    List<String[]> rows = new ArrayList<>();
    String[] header = new String[n];
    for (int i = 0; i < n; i++) {
      header[i] = md.getColumnLabel(i + 1);
    }
    int total = 0;
    while (rs.next()) {
      total++;
      if (rows.size() < MAX_ROWS) {
        String[] row = new String[n];
        for (int i = 0; i < n; i++) {
          String v = rs.getString(i + 1);
          // One column (an EXPLAIN plan, say) is shown whole; wider rows are cut to fit.
          boolean cut = n > 1 && v != null && v.length() > MAX_WIDTH;
          row[i] = v == null ? "NULL" : cut ? v.substring(0, MAX_WIDTH - 1) + "…" : v;
        }
        rows.add(row);
      }
    }
    int[] width = new int[n];
    for (int i = 0; i < n; i++) {
      width[i] = header[i].length();
      for (String[] row : rows) {
        for (String line : row[i].split("\n")) {
          width[i] = Math.max(width[i], line.length());
        }
      }
    }
    out.println(line(header, width));
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < n; i++) {
      rule.append(i == 0 ? "" : "-+-").append("-".repeat(width[i]));
    }
    out.println(rule);
    rows.forEach(r -> out.println(line(r, width)));
    out.println("(" + total + (total == 1 ? " row)" : " rows)"));
  }

  private static String line(String[] cells, int[] width) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      b.append(i == 0 ? "" : " | ").append(String.format("%-" + width[i] + "s", cells[i]));
    }
    return b.toString();
  }
}
