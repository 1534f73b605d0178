package io.github.wandbjdbc.demo;

import io.github.wandbjdbc.shell.WandbShell;
import io.github.wandbjdbc.testserver.WandbTestServer;

import java.io.PrintStream;
import java.nio.file.Path;
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
 * server in this JVM with its generated data (moved in time so that "the last 7 days" has runs)
 * and prints the results of every {@code sql-examples/*.sql} file, or of {@code --sql "..."}, or
 * opens the SQL shell on it with {@code --shell}.
 */
public final class Demo {
  private static final int MAX_ROWS = 20;
  private static final int MAX_WIDTH = 40;

  private Demo() {}

  /**
   * Options: {@code --sql SQL} runs that statement instead of the examples; {@code --examples DIR}
   * runs the {@code *.sql} files of another folder; {@code --shell} opens the SQL shell on the
   * sample server; {@code --server URL} with {@code --api-key KEY} and optionally
   * {@code --entity E} uses a running W&B (or test) server instead of starting one;
   * {@code --each-project} runs the statements in every project.
   */
  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    List<SqlExample> queries = options.containsKey("sql")
        ? List.of(new SqlExample("--sql", "", options.get("sql")))
        : SqlExample.all(Path.of(options.getOrDefault("examples",
            SqlExample.DEFAULT_DIR.toString())));
    boolean eachProject = options.containsKey("each-project");
    if (options.containsKey("server")) {
      Properties props = new Properties();
      props.setProperty("baseUrl", options.get("server"));
      props.setProperty("apiKey", options.getOrDefault("api-key", ""));
      if (options.containsKey("entity")) {
        props.setProperty("entity", options.get("entity"));
      }
      System.exit(run("jdbc:wandb:", props, queries, eachProject) == 0 ? 0 : 1);
    }
    int failures;
    try (WandbTestServer server = WandbTestServer.builder().recentSampleData(true).start()) {
      String url = "jdbc:wandb:baseUrl=" + server.baseUrl() + ";entity=demo-team;project=resnet-sweep";
      System.out.println("Sample W&B server at " + server.baseUrl());
      if (options.containsKey("shell")) {
        System.exit(WandbShell.run(new String[] {"-u", url, "-p", server.apiKey()},
            System.out, System.err));
      }
      Properties props = new Properties();
      props.setProperty("apiKey", server.apiKey());
      failures = run(url, props, queries, eachProject);
      System.out.println(server.requestCount() + " GraphQL requests were sent to the sample server.");
    }
    System.exit(failures == 0 ? 0 : 1);
  }

  /** Runs every query, printing its result; returns how many failed. */
  private static int run(String url, Properties props, List<SqlExample> queries,
      boolean eachProject) throws SQLException {
    PrintStream out = System.out;
    out.println("Connecting to " + url.replaceFirst("baseUrl=[^;]*;", ""));
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
        for (SqlExample q : queries) {
          out.println();
          out.println("== " + q.name() + (eachProject ? " in project " + project : ""));
          if (!q.comment().isEmpty()) {
            out.println(q.comment());
          }
          out.println();
          out.println(q.sql());
          out.println();
          long start = System.nanoTime();
          try (ResultSet rs = s.executeQuery(q.sql())) {
            print(rs, out, start);
          } catch (SQLException e) {
            failures++;
            out.println("ERROR " + e.getSQLState() + ": " + e.getMessage());
          }
        }
      }
      out.println();
      out.println(projects.size() * queries.size() + " statements in " + projects.size()
          + " project(s), " + failures + " failed.");
      return failures;
    }
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String name = args[i].replaceFirst("^--", "");
      boolean flag = name.equals("each-project") || name.equals("shell");
      options.put(name, flag ? "" : (i + 1 < args.length ? args[++i] : ""));
    }
    return options;
  }

  private static void print(ResultSet rs, PrintStream out, long startNanos) throws SQLException {
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
    out.printf("(%d %s%s, %.1f s)%n", total, total == 1 ? "row" : "rows",
        total > rows.size() ? ", the first " + rows.size() + " shown" : "",
        (System.nanoTime() - startNanos) / 1e9);
  }

  private static String line(String[] cells, int[] width) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      b.append(i == 0 ? "" : " | ").append(String.format("%-" + width[i] + "s", cells[i]));
    }
    return b.toString();
  }
}
