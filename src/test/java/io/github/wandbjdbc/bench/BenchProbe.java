package io.github.wandbjdbc.bench;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;

/**
 * One statement in a JVM of its own, for the scenarios that need one (a cold start, a small
 * heap). Prints {@code first-row-ms} (from JVM start to the first row), {@code statement-ms}
 * (from {@code executeQuery} to the first row), {@code rows}, {@code seconds} (of the statement)
 * and {@code max-heap-mb}. Uses only java.sql, so it runs against the packaged jar.
 */
public final class BenchProbe {
  private BenchProbe() {}

  /**
   * Arguments: base URL, entity, project, SQL and optionally a pause in ms between connecting and
   * executing (a user choosing what to run); the key comes from WANDB_API_KEY.
   */
  public static void main(String[] args) throws Exception {
    Properties p = new Properties();
    p.setProperty("baseUrl", args[0]);
    p.setProperty("entity", args[1]);
    p.setProperty("project", args[2]);
    if (System.getProperty("wandbjdbc.probe.historySource") != null) {
      p.setProperty("historySource", System.getProperty("wandbjdbc.probe.historySource"));
    }
    long pauseMs = args.length > 4 ? Long.parseLong(args[4]) : 0;
    long firstRow = -1;
    long statementMs = -1;
    long rows = 0;
    long start = System.nanoTime();
    try (Connection c = DriverManager.getConnection("jdbc:wandb:", p);
         Statement s = c.createStatement()) {
      Thread.sleep(pauseMs);
      long executed = System.nanoTime();
      try (ResultSet rs = s.executeQuery(args[3])) {
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          if (firstRow < 0) {
            firstRow = System.currentTimeMillis()
                - ManagementFactory.getRuntimeMXBean().getStartTime();
            statementMs = (System.nanoTime() - executed) / 1_000_000;
          }
          for (int i = 1; i <= n; i++) {
            rs.getObject(i);
          }
          rows++;
        }
      }
    }
    System.out.println("first-row-ms " + firstRow);
    System.out.println("statement-ms " + statementMs);
    System.out.println("rows " + rows);
    System.out.println("seconds " + ((System.nanoTime() - start) / 1e9 - pauseMs / 1e3));
    System.out.println("max-heap-mb " + Runtime.getRuntime().maxMemory() / (1 << 20));
  }
}
