package io.github.wandbjdbc.jdbc;

import static io.github.wandbjdbc.support.TestServerExtension.ENTITY;
import static io.github.wandbjdbc.support.TestServerExtension.SMALL_PROJECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wandbjdbc.client.ApiKey;
import io.github.wandbjdbc.support.BadServerAnswerFamily;
import io.github.wandbjdbc.support.LogCapture;
import io.github.wandbjdbc.support.OtherHost;
import io.github.wandbjdbc.support.SecretScan;
import io.github.wandbjdbc.support.SqlRows;
import io.github.wandbjdbc.support.TestServerExtension;
import io.github.wandbjdbc.testserver.data.RunFile;
import io.github.wandbjdbc.testserver.faults.Fault;
import io.github.wandbjdbc.testserver.http.RecordedRequest;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * The API key, given in the URL or as the {@code password} property, is found in none of what a
 * user, a tool or a log can see while the driver does everything it does — every table, EXPLAIN,
 * metadata, retries, resets, a rejected key, a cancel: log records of every logger at every
 * level (Calcite's and HttpClient's included), exception messages and stack traces,
 * {@code toString()} of every JDBC object and of every object of the driver reachable from a
 * connection, EXPLAIN output, and the names of every thread alive while reads run in parallel.
 * {@link SecretScan} then checks the captured output of the whole suite.
 */
class KeyNowhereTest {
  @RegisterExtension
  static final TestServerExtension SERVER = new TestServerExtension(b -> b.latencyMillis(2));

  private static final List<String> SEEN = Collections.synchronizedList(new ArrayList<>());
  private static final Set<String> THREAD_NAMES = Collections.synchronizedSet(new java.util.TreeSet<>());
  private static LogCapture logs;

  private static final List<String> EVERY_TABLE = List.of(
      "SELECT * FROM runs LIMIT 5",
      "SELECT * FROM history WHERE step < 50",
      "SELECT * FROM system_metrics",
      "SELECT * FROM files",
      "SELECT * FROM artifacts",
      "SELECT * FROM lineage",
      "SELECT * FROM sweeps",
      "SELECT * FROM projects",
      "SELECT r.run_id, COUNT(*) FROM runs r JOIN history h ON h.run_id = r.run_id"
          + " GROUP BY r.run_id");

  @BeforeAll
  static void captureEveryLogger() {
    logs = new LogCapture();
  }

  private static String url() {
    return WandbDriver.PREFIX + "baseUrl=" + SERVER.server().baseUrl() + ";apiKey="
        + SERVER.apiKey() + ";entity=" + ENTITY + ";project=" + SMALL_PROJECT;
  }

  /** A connection with the key in the URL, and one with it as the password property. */
  private static List<Connection> connections() throws SQLException {
    Properties password = new Properties();
    password.setProperty("user", "me");
    password.setProperty("password", SERVER.apiKey());
    password.setProperty("baseUrl", SERVER.server().baseUrl());
    password.setProperty("entity", ENTITY);
    password.setProperty("project", SMALL_PROJECT);
    password.setProperty("retryBackoffMs", "5");
    return List.of(DriverManager.getConnection(url() + ";retryBackoffMs=5"),
        DriverManager.getConnection(WandbDriver.PREFIX, password));
  }

  private static void see(Object o) {
    SEEN.add(String.valueOf(o));
  }

  private static void seeFailure(Throwable e) {
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    see(e);
    see(trace);
  }

  @Test
  void everyTableWithExplainAndEveryJdbcObject() throws Exception {
    for (Connection c : connections()) {
      try (c) {
        see(c);
        DatabaseMetaData md = c.getMetaData();
        see(md);
        see(md.getURL());
        see(md.getUserName());
        see(c.getClientInfo());
        see(c.getSchema());
        try (ResultSet tables = md.getTables(null, null, "%", null)) {
          see(tables);
          see(SqlRows.rows(tables));
        }
        for (String sql : EVERY_TABLE) {
          try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            see(s);
            see(rs);
            ResultSetMetaData meta = rs.getMetaData();
            see(meta);
            List<List<Object>> rows = SqlRows.rows(rs);
            assertTrue(!rows.isEmpty() || sql.contains("system_metrics") || sql.contains("lineage"),
                sql + " returned rows");
            see(rows);
          }
          try (Statement s = c.createStatement();
              ResultSet plan = s.executeQuery("EXPLAIN PLAN FOR " + sql)) {
            see(SqlRows.rows(plan));
          }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT run_id FROM runs WHERE state = ?")) {
          ps.setString(1, "finished");
          see(ps);
          see(ps.getParameterMetaData());
          try (ResultSet rs = ps.executeQuery()) {
            see(SqlRows.rows(rs));
          }
        }
        walkDriverObjects(c);
      }
    }
  }

  @Test
  void parallelReadsRunOnThreadsWithoutTheKeyInTheirNames() throws Exception {
    AtomicBoolean reading = new AtomicBoolean(true);
    Thread watcher = new Thread(() -> {
      while (reading.get()) {
        Thread.getAllStackTraces().keySet().forEach(t -> THREAD_NAMES.add(t.getName()));
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    watcher.start();
    try (Connection c = DriverManager.getConnection(url() + ";parallelism=4")) {
      SqlRows.query(c, "SELECT run_id, step FROM history");
      SqlRows.query(c, "SELECT run_id FROM \"" + TestServerExtension.BIG_PROJECT + "\".runs");
    } finally {
      reading.set(false);
      watcher.join();
    }
    assertTrue(THREAD_NAMES.stream().anyMatch(n -> n.startsWith("wandb-jdbc-reader-")),
        "the driver's reader threads were seen: " + THREAD_NAMES);
    SEEN.addAll(THREAD_NAMES);
  }

  @Test
  void failuresRetriesResetsARejectedKeyAndACancel() throws Exception {
    try (Connection c = connections().get(0); Statement s = c.createStatement()) {
      SqlRows.query(c, "SELECT run_id FROM runs LIMIT 1");
      SERVER.server().faults().enqueue(Fault.status(500).forOperation("Runs"));
      SERVER.server().faults().enqueue(Fault.resetMidBody().forOperation("Runs"));
      SERVER.server().faults().enqueue(Fault.status(429).header("Retry-After", "0"));
      see(SqlRows.query(c, "SELECT run_id, config FROM runs"));
      SERVER.server().faults().enqueue(Fault.delayMillis(5_000).forOperation("Runs"));
      s.setQueryTimeout(1);
      seeFailure(assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM runs")));
      seeFailure(assertThrows(SQLException.class, () -> s.executeQuery("SELEC nothing")));
      seeFailure(assertThrows(SQLException.class, () -> s.executeUpdate("DELETE FROM runs")));
    } finally {
      SERVER.server().faults().clear();
    }
    // The server answers 401: the driver's message names where the key came from, not the key.
    String other = "0123456789abcdef0123456789abcdef01234567";
    seeFailure(assertThrows(SQLException.class, () -> DriverManager.getConnection(
        url().replace(SERVER.apiKey(), other))));
    seeFailure(assertThrows(SQLException.class, () -> DriverManager.getConnection(
        url() + ";pageSize=-1")));
    // URLs that cannot be parsed: their errors must not quote them, as the key is in them.
    seeFailure(assertThrows(SQLException.class, () -> DriverManager.getConnection(
        url() + ";entity='unterminated")));
    for (String baseUrl : List.of("https://api:" + SERVER.apiKey() + "@host name",
        "https://api:" + SERVER.apiKey() + "@", "ftp://api:" + SERVER.apiKey() + "@host")) {
      Properties bad = SERVER.properties("baseUrl", baseUrl);
      seeFailure(assertThrows(SQLException.class,
          () -> DriverManager.getConnection(WandbDriver.PREFIX, bad)));
    }
    Properties info = new Properties();
    info.setProperty("password", SERVER.apiKey());
    for (DriverPropertyInfo p : DriverManager.getDriver(url()).getPropertyInfo(url(), info)) {
      see(p.name + "=" + p.value + " " + p.description);
    }
  }

  /**
   * HikariCP configured as the README shows, the key as the pool's password: Hikari's own debug
   * log of its configuration masks it (it would print an {@code apiKey} data source property).
   */
  @Test
  void aPoolConfiguredAsTheReadmeShowsLogsNoKey() throws Exception {
    HikariConfig config = new HikariConfig();
    config.setDriverClassName(WandbDriver.class.getName());
    config.setJdbcUrl(WandbDriver.PREFIX + "entity=" + ENTITY + ";project=" + SMALL_PROJECT
        + ";baseUrl=" + SERVER.server().baseUrl());
    config.setPassword(SERVER.apiKey());
    config.setReadOnly(true);
    config.setMaximumPoolSize(2);
    try (HikariDataSource pool = new HikariDataSource(config); Connection c = pool.getConnection()) {
      see(SqlRows.query(c, "SELECT run_id, state FROM runs LIMIT 3"));
      see(pool);
    }
    assertTrue(logs.text().contains("dataSourceProperties") && logs.text().contains("<masked>"),
        "Hikari's debug log of its configuration was captured");
  }

  /**
   * Signed storage URLs are listed in {@code files.url}, never fetched: with W&B's answer pointing
   * them at a second local server, that server sees nothing, Authorization header or not.
   */
  @Test
  void signedStorageUrlsAreListedNeverFetched() throws Exception {
    try (OtherHost storage = new OtherHost(200); Connection c = connections().get(0)) {
      String storageBase = storage.url("/bucket");
      String sql = "SELECT name, url, size_bytes FROM files WHERE run_id = '"
          + SqlRows.query(c, "SELECT run_id FROM runs LIMIT 1").get(0).get(0) + "'";
      SERVER.server().clearRequests();
      List<List<Object>> rows = SqlRows.query(c, sql);
      // The same answers, with their signed URLs on the second server.
      for (RecordedRequest files : SERVER.server().requests()) {
        if ("RunFiles".equals(files.operationName())) {
          String answer = BadServerAnswerFamily.replay(SERVER, files).toString();
          SERVER.server().faults().enqueue(Fault.body(200,
              answer.replace(RunFile.STORAGE_BASE, storageBase)).forOperation("RunFiles"));
        }
      }
      List<List<Object>> pointed = SqlRows.query(c, sql);
      assertTrue(rows.size() > 1 && rows.size() == pointed.size(), rows.size() + " files");
      assertTrue(pointed.stream().allMatch(r -> String.valueOf(r.get(1)).startsWith(storageBase)),
          "every url points at the second server");
      see(pointed);
      assertEquals(List.of(), storage.reached(), "nothing was fetched from storage");
    } finally {
      SERVER.server().faults().clear();
    }
  }

  /**
   * {@code toString()} of every object of the driver reachable from the connection's proxy,
   * through fields, collections and arrays: the session, the client, its transport and options.
   */
  private static void walkDriverObjects(Connection c) throws IllegalAccessException {
    Deque<Object> todo = new ArrayDeque<>(List.of(Proxy.getInvocationHandler(c)));
    Map<Object, Boolean> visited = new IdentityHashMap<>();
    boolean reachedTheKey = false;
    while (!todo.isEmpty() && visited.size() < 20_000) {
      Object o = todo.pop();
      if (o == null || visited.put(o, true) != null) {
        continue;
      }
      Class<?> type = o.getClass();
      if (o instanceof ApiKey) {
        reachedTheKey = true;
      }
      if (o instanceof Collection<?> items) {
        todo.addAll(new ArrayList<>(items).stream().filter(x -> x != null).toList());
        continue;
      }
      if (o instanceof Map<?, ?> map) {
        new ArrayList<>(map.values()).stream().filter(x -> x != null).forEach(todo::add);
        continue;
      }
      if (o instanceof Object[] array) {
        for (Object x : array) {
          if (x != null) {
            todo.add(x);
          }
        }
        continue;
      }
      if (o instanceof Optional<?> opt) {
        opt.ifPresent(todo::add);
        continue;
      }
      if (o instanceof AtomicReference<?> ref) {
        Optional.ofNullable(ref.get()).ifPresent(todo::add);
        continue;
      }
      if (!type.getName().startsWith("io.github.wandbjdbc.")) {
        continue; // Calcite's, Jackson's, HttpClient's and the JDK's insides are not ours to print
      }
      see(o);
      for (Class<?> k = type; k != null && k != Object.class; k = k.getSuperclass()) {
        for (Field f : k.getDeclaredFields()) {
          if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
            continue;
          }
          f.setAccessible(true);
          todo.add(Optional.ofNullable(f.get(o)).orElse(Boolean.FALSE));
        }
      }
    }
    assertTrue(reachedTheKey, "the walk reached the connection's ApiKey, " + visited.size()
        + " objects");
  }

  /** Whether the build's logging configuration sends the driver's FINE records to the file. */
  private static boolean suiteLogHasTheDriversDebugRecords() throws IOException {
    Path log = Path.of("target", "all-levels-0.log");
    if (!Files.exists(log)) {
      return false;
    }
    try (Stream<String> lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
      return lines.anyMatch(l -> l.startsWith("FINE: Runs: HTTP 200"));
    }
  }

  @AfterAll
  static void theKeyIsInNoneOfIt() throws IOException {
    logs.close();
    String key = SERVER.apiKey();
    String basic = new ApiKey(key).basicAuthorization().substring("Basic ".length());
    String everything = String.join("\n", SEEN) + "\n" + logs.text();
    assertTrue(SEEN.size() > 100, "enough was looked at: " + SEEN.size());
    assertTrue(logs.text().contains("org.apache.hc.client5") && logs.text().contains("FINE"),
        "debug logging of HttpClient was captured");
    assertTrue(everything.contains("EnumerableHintedScan") || everything.contains("WandbTableScan")
        || everything.contains("RunsScan"), "EXPLAIN output was looked at");
    assertEquals(-1, everything.indexOf(key), "the API key appears in output");
    assertTrue(suiteLogHasTheDriversDebugRecords(),
        "the suite's all-levels log (target/all-levels-0.log, scanned by SecretScan) is written");
    assertEquals(-1, everything.indexOf(basic), "the API key appears Base64-encoded in output");
  }
}
