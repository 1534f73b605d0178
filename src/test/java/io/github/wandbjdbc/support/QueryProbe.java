package io.github.wandbjdbc.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Runs one query through the driver in a JVM of its own, for tests about the JVM the driver runs
 * in (its heap, its default time zone). Arguments: base URL, entity, project, SQL, then the
 * parameters; the API key comes from the environment so it is never on a command line. Prints the
 * JVM's maximum heap, then one line per row, values tab-separated, timestamps read four ways.
 */
public final class QueryProbe {
  private QueryProbe() {}

  public static void main(String[] args) throws Exception {
    Properties p = new Properties();
    p.setProperty("baseUrl", args[0]);
    p.setProperty("apiKey", System.getenv("WANDB_API_KEY"));
    p.setProperty("entity", args[1]);
    p.setProperty("project", args[2]);
    if (System.getProperty("wandbjdbc.probe.historySource") != null) {
      p.setProperty("historySource", System.getProperty("wandbjdbc.probe.historySource"));
    }
    System.out.println(Runtime.getRuntime().maxMemory());
    try (Connection c = DriverManager.getConnection("jdbc:wandb:", p);
        PreparedStatement ps = c.prepareStatement(args[3])) {
      for (int i = 4; i < args.length; i++) {
        ps.setString(i - 3, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          List<String> values = new ArrayList<>();
          for (int i = 1; i <= n; i++) {
            Object v = rs.getObject(i);
            values.add(v instanceof Timestamp t ? temporal(rs, i, t) : String.valueOf(v));
          }
          System.out.println(String.join("\t", values));
        }
      }
    }
  }

  /**
   * A timestamp read four ways, which must agree whatever the JVM's zone: with a UTC calendar as
   * an instant, as a LocalDateTime, as text, and without calendar as the JVM's wall clock.
   */
  private static String temporal(ResultSet rs, int i, Timestamp plain) throws java.sql.SQLException {
    java.util.Calendar utc = java.util.Calendar.getInstance(java.util.TimeZone.getTimeZone("UTC"));
    return rs.getTimestamp(i, utc).toInstant() + "|" + rs.getObject(i, java.time.LocalDateTime.class)
        + "|" + rs.getString(i) + "|" + plain.toLocalDateTime();
  }

  /** Starts a probe JVM with these options against the test server and returns its output lines. */
  public static List<String> run(TestServerExtension server, List<String> jvmOptions, String project, String sql,
      String... params) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path")), QueryProbe.class.getName(), server.server().baseUrl(),
        TestServerExtension.ENTITY, project, sql));
    command.addAll(List.of(params));
    // Standard error apart: libraries on the test class path (SLF4J choosing among providers,
    // with Spark's) may write there, and only the probe's own lines count.
    Path errors = Files.createTempFile("probe", ".err");
    ProcessBuilder pb = new ProcessBuilder(command).redirectError(errors.toFile());
    pb.environment().put("WANDB_API_KEY", server.apiKey());
    Process process = pb.start();
    // Read while it runs so a full pipe cannot stall it.
    String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    try {
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError("the probe did not end: " + output + Files.readString(errors));
      }
      if (process.exitValue() != 0) {
        throw new AssertionError("the probe failed: " + output + Files.readString(errors));
      }
      return output.lines().toList();
    } finally {
      Files.deleteIfExists(errors);
    }
  }
}
