package io.github.wandbjdbc.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Properties;

/**
 * Run by {@link LongHistoryTest} in a JVM of its own with a small heap: counts a run's history
 * through the driver and prints {@code count max maxHeapBytes}. Arguments: base URL, entity,
 * project, run; the API key comes from the environment so it is never on a command line.
 */
public final class LongHistoryProbe {
  private LongHistoryProbe() {}

  public static void main(String[] args) throws Exception {
    Properties p = new Properties();
    p.setProperty("baseUrl", args[0]);
    p.setProperty("apiKey", System.getenv("WANDB_API_KEY"));
    p.setProperty("entity", args[1]);
    p.setProperty("project", args[2]);
    try (Connection c = DriverManager.getConnection("jdbc:wandb:", p);
        PreparedStatement ps = c.prepareStatement(
            "SELECT COUNT(*), MAX(step) FROM history WHERE run_id = ?")) {
      ps.setString(1, args[3]);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        System.out.println(rs.getLong(1) + " " + rs.getLong(2) + " " + Runtime.getRuntime().maxMemory());
      }
    }
  }
}
