package io.github.wandbjdbc.bench;

import io.github.wandbjdbc.jdbc.DriverInfo;
import io.github.wandbjdbc.testserver.WandbTestServer;
import io.github.wandbjdbc.testserver.generate.BenchDataGenerator;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The benchmark: the driver against the official client's access pattern ({@link BaselineClient})
 * on the test server's {@link BenchDataGenerator} project, at simulated round-trip latencies,
 * printed as a markdown table. Not a test: run it with
 * {@code mvn -q -B test-compile exec:java@bench [-Dexec.args="--latency 100,20,0"]}.
 */
public final class Benchmark {
  private static final String ENTITY = BenchDataGenerator.ENTITY;
  private static final String PROJECT = BenchDataGenerator.PROJECT;
  private static final String WIDE_FILTER = "{\"group\":\"" + BenchDataGenerator.WIDE_GROUP
      + "\"}";
  private static final String MILLION = "5. one run's 1,000,000 steps, two metric columns";
  private static final int WARM_UP_ROUNDS = 5;
  private static final String GRAPHQL_BASELINE = "baseline: graphql windows (wandb < 0.27.1)";
  private static final String PARQUET_BASELINE = "baseline: parquet exports (wandb >= 0.27.1)";
  /** Executions of each one-request scenario, of which the median is reported. */
  private static final int SHORT_RUNS = 5;

  /** One measured execution. */
  record Result(String scenario, long latencyMs, String client, long rows, int requests,
      long bytes, double seconds, int maxConcurrent) {}

  /**
   * What a scenario does with the driver and with the baseline clients: the official client's
   * GraphQL windows ({@code baseline}) and, for history, its parquet exports since 0.27.1
   * ({@code parquetBaseline}, or null).
   */
  record Scenario(String name, String project, String sql, BaselineRun baseline,
      int floorRequests, BaselineRun parquetBaseline) {
    Scenario(String name, String sql, BaselineRun baseline, int floorRequests) {
      this(name, PROJECT, sql, baseline, floorRequests, null);
    }
  }

  @FunctionalInterface
  interface BaselineRun {
    long rows(BaselineClient client) throws Exception;
  }

  private Benchmark() {}

  public static void main(String[] args) throws Exception {
    List<Long> latencies = List.of(100L, 20L, 0L);
    String only = "";
    boolean withBaseline = true;
    Path profile = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--latency" -> latencies = Arrays.stream(args[++i].split(","))
            .map(Long::parseLong).toList();
        case "--scenarios" -> only = args[++i];
        case "--no-baseline" -> withBaseline = false;
        case "--profile" -> profile = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + "; options: --latency 100,20,0 --scenarios 1,4 --no-baseline --profile FILE.jfr");
      }
    }
    warmUp(only, withBaseline);
    List<Result> results = new ArrayList<>();
    String coldStart = null;
    for (long latency : latencies) {
      try (WandbTestServer server = WandbTestServer.builder().generatedProjects(false)
          .benchData(true).latencyMillis(latency).threads(32).start()) {
        for (Scenario s : scenarios()) {
          if (!chosen(only, s.name())) {
            continue;
          }
          int runs = s.floorRequests() == 1 ? SHORT_RUNS : 1;
          if (s.parquetBaseline() != null) {
            // The test server writes a run's exports when first asked for them: not measured.
            driver(server, s, latency);
          }
          results.add(median(runs, () -> driver(server, s, latency)));
          if (withBaseline && s.baseline() != null) {
            results.add(median(runs, () -> baseline(server, s, latency, false)));
          }
          if (withBaseline && s.parquetBaseline() != null) {
            results.add(median(runs, () -> baseline(server, s, latency, true)));
          }
        }
        if (only.isEmpty() || only.contains("5")) {
          results.add(millionSteps(server, latency, profile, "graphql"));
          writeExports(server, BenchDataGenerator.MILLION_RUN);
          results.add(millionSteps(server, latency, profile, "parquet"));
          if (withBaseline) {
            results.add(millionStepsBaseline(server, latency));
          }
        }
        if ((only.isEmpty() || only.contains("6")) && latency == 0) {
          coldStart = coldStarts(server);
        }
      }
    }
    print(results, latencies);
    if (coldStart != null) {
      System.out.println();
      System.out.println(coldStart);
    }
  }

  /**
   * Runs the chosen scenarios, unmeasured, against a server without latency, so that the
   * measured runs find the JIT warm for the driver and the baseline alike: the short ones
   * {@value #WARM_UP_ROUNDS} times, the long history one once.
   */
  private static void warmUp(String only, boolean withBaseline) throws Exception {
    try (WandbTestServer server = WandbTestServer.builder().generatedProjects(false)
        .benchData(true).threads(32).start()) {
      for (Scenario s : scenarios()) {
        if (!chosen(only, s.name())) {
          continue;
        }
        boolean wide = s.name().startsWith("7");
        for (int round = s.parquetBaseline() != null ? WARM_UP_ROUNDS - 1 : 0;
            round < WARM_UP_ROUNDS; round++) {
          driver(server, s, 0);
          // Scenario 7's baselines take minutes even without latency; scenario 4 warms their code.
          if (withBaseline && s.baseline() != null && !wide) {
            baseline(server, s, 0, false);
          }
          if (withBaseline && s.parquetBaseline() != null && !wide) {
            baseline(server, s, 0, true);
          }
        }
      }
    }
  }

  /** One measured execution of a scenario. */
  @FunctionalInterface
  interface Measurement {
    Result run() throws Exception;
  }

  /**
   * The execution of median wall time among {@code runs}: a scenario of one round trip is over
   * in a fraction of a second, where one run says more about the machine's noise than the code.
   */
  private static Result median(int runs, Measurement measurement) throws Exception {
    List<Result> all = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      all.add(measurement.run());
    }
    all.sort(Comparator.comparingDouble(Result::seconds));
    Result middle = all.get(runs / 2);
    return runs == 1 ? middle : new Result(middle.scenario(), middle.latencyMs(),
        middle.client() + " (median of " + runs + ")", middle.rows(), middle.requests(),
        middle.bytes(), middle.seconds(), middle.maxConcurrent());
  }

  private static boolean chosen(String only, String scenario) {
    return only.isEmpty() || ("," + only + ",").contains("," + scenario.charAt(0) + ",");
  }

  static List<Scenario> scenarios() {
    return List.of(
        new Scenario("1. export all 10,000 runs, all columns", "SELECT * FROM runs",
            c -> c.runs("{}", "+created_at", Integer.MAX_VALUE).size(), 10),
        new Scenario("2. 10 best finished runs by a metric, with config",
            "SELECT run_id, config, \"summary.val/loss\" FROM runs WHERE state = 'finished'"
                + " ORDER BY \"summary.val/loss\" LIMIT 10",
            c -> c.runs("{\"state\":\"finished\"}", "+summary_metrics.val/loss", 10).size(), 1),
        new Scenario("3. COUNT(*) with a filter",
            "SELECT COUNT(*) FROM runs WHERE state = 'crashed'",
            c -> c.runs("{\"state\":\"crashed\"}", "+created_at", 1).isEmpty() ? 0 : 1, 1),
        new Scenario("4. history of 100 runs x 5,000 steps, runs filtered and joined", PROJECT,
            "SELECT r.run_id, h.* FROM runs r JOIN history h ON h.run_id = r.run_id"
                + " WHERE ARRAY_CONTAINS(r.tags, 'long')",
            c -> {
              long rows = 0;
              for (BaselineClient.Run run : c.runs("{\"tags\":\"long\"}", "+created_at",
                  Integer.MAX_VALUE)) {
                rows += c.scanHistory(run);
              }
              return rows;
            }, 1 + 100 * 5,
            c -> {
              long rows = 0;
              Path folder = Files.createTempDirectory("bench-runhistory");
              for (BaselineClient.Run run : c.runs("{\"tags\":\"long\"}", "+created_at",
                  Integer.MAX_VALUE)) {
                rows += c.scanParquetHistory(run, folder);
              }
              Files.delete(folder);
              return rows;
            }),
        new Scenario("7. history of 1,000 runs x 10,000 steps x 10 keys, runs filtered",
            BenchDataGenerator.WIDE_PROJECT, "SELECT r.run_id, h.step, "
                + String.join(", ", BenchDataGenerator.WIDE_KEYS.stream()
                    .map(k -> "h.\"" + k + "\"").toList())
                + " FROM runs r JOIN history h ON h.run_id = r.run_id WHERE r.group_name = '"
                + BenchDataGenerator.WIDE_GROUP + "'",
            c -> {
              long rows = 0;
              for (BaselineClient.Run run : c.runs(WIDE_FILTER, "+created_at", Integer.MAX_VALUE)) {
                rows += c.scanHistory(run);
              }
              return rows;
            }, 1 + BenchDataGenerator.WIDE_SELECTED * 10,
            c -> {
              long rows = 0;
              Path folder = Files.createTempDirectory("bench-runhistory");
              for (BaselineClient.Run run : c.runs(WIDE_FILTER, "+created_at", Integer.MAX_VALUE)) {
                rows += c.scanParquetHistory(run, folder);
              }
              Files.delete(folder);
              return rows;
            }));
  }

  /**
   * The scenario's statement on a connection that is open and knows its tables' columns, as
   * after the first statement of a session (scenario 6 measures a cold start).
   */
  private static Result driver(WandbTestServer server, Scenario s, long latency)
      throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:wandb:", properties(server, s.project()));
         Statement st = c.createStatement()) {
      for (String first : List.of("SELECT * FROM runs LIMIT 1", "SELECT * FROM history LIMIT 1")) {
        try (ResultSet rs = st.executeQuery(first)) {
          rs.next();
        }
      }
      server.clearRequests();
      server.clearStorageRequests();
      long start = System.nanoTime();
      long rows = 0;
      try (ResultSet rs = st.executeQuery(s.sql())) {
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          for (int i = 1; i <= n; i++) {
            rs.getObject(i);
          }
          rows++;
        }
      }
      return measured(server, s.name(), latency, "wandb-jdbc", rows,
          (System.nanoTime() - start) / 1e9);
    }
  }

  private static Result baseline(WandbTestServer server, Scenario s, long latency,
      boolean parquet) throws Exception {
    BaselineClient client = new BaselineClient(server.baseUrl(), server.apiKey(), ENTITY,
        s.project());
    server.clearRequests();
    server.clearStorageRequests();
    long start = System.nanoTime();
    long rows = (parquet ? s.parquetBaseline() : s.baseline()).rows(client);
    return measured(server, s.name(), latency, parquet ? PARQUET_BASELINE : GRAPHQL_BASELINE, rows,
        (System.nanoTime() - start) / 1e9);
  }

  /** The driver's connection properties for {@code project} of the benchmark server. */
  private static Properties properties(WandbTestServer server, String project) {
    Properties p = new Properties();
    p.setProperty("baseUrl", server.baseUrl());
    p.setProperty("apiKey", server.apiKey());
    p.setProperty("entity", ENTITY);
    p.setProperty("project", project);
    return p;
  }

  /** Has the test server write a run's exports (when first asked for), before they are measured. */
  private static void writeExports(WandbTestServer server, String run) throws SQLException {
    Properties p = properties(server, PROJECT);
    p.setProperty("historySource", "parquet");
    try (Connection c = DriverManager.getConnection("jdbc:wandb:", p);
         Statement st = c.createStatement();
         // Step 0 only, but every file of the run is downloaded (and so written) to find it.
         ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM history WHERE run_id = '" + run
             + "' AND step < 1")) {
      rs.next();
    }
  }

  /** Scenario 5: the million-step run in a JVM with a 128 MiB heap. */
  private static Result millionSteps(WandbTestServer server, long latency, Path profile,
      String historySource) throws Exception {
    server.clearRequests();
    server.clearStorageRequests();
    List<String> jvm = new ArrayList<>(List.of("-Xmx128m",
        "-Dwandbjdbc.probe.historySource=" + historySource));
    if (profile != null) {
      // Java Flight Recorder's sampling profile of the probe JVM: where the rows' time goes.
      jvm.add("-XX:StartFlightRecording=settings=profile,filename=" + profile.toAbsolutePath());
    }
    Map<String, String> out = probe(server, jvm, "SELECT step, \"loss\", \"acc\""
        + " FROM history WHERE run_id = '" + BenchDataGenerator.MILLION_RUN + "'");
    return measured(server, MILLION, latency, "wandb-jdbc, " + historySource + " (-Xmx"
        + out.get("max-heap-mb") + "m)", Long.parseLong(out.get("rows")),
        Double.parseDouble(out.get("seconds")));
  }

  private static Result millionStepsBaseline(WandbTestServer server, long latency)
      throws Exception {
    BaselineClient client = new BaselineClient(server.baseUrl(), server.apiKey(), ENTITY, PROJECT);
    server.clearRequests();
    server.clearStorageRequests();
    long start = System.nanoTime();
    long rows = client.scanHistory(BenchDataGenerator.MILLION_RUN,
        BenchDataGenerator.MILLION_STEPS - 1, List.of("_step", "loss", "acc"));
    return measured(server, MILLION, latency, GRAPHQL_BASELINE, rows,
        (System.nanoTime() - start) / 1e9);
  }

  /**
   * A measured execution, with what the server counted since it was cleared: GraphQL requests
   * and storage downloads, and the bytes of both.
   */
  private static Result measured(WandbTestServer server, String scenario, long latency,
      String client, long rows, double seconds) {
    return new Result(scenario, latency, client, rows,
        server.requestCount() + server.storageRequests().size(),
        server.bytesSent() + server.storageBytesSent(), seconds, server.maxConcurrentRequests());
  }

  /**
   * Scenario 6: the median, over 5 new JVMs, of the time from JVM start to the first row; with
   * the driver as it is, with its warm-up and code cache switched off (as before them), and in a
   * JVM that compiles with C1 only (a flag for short-lived JVMs: C2's compiler threads take a
   * core of two while the driver starts). Alternating, so that all meet the same machine load.
   * Then, with and without the warm-up, the time of a first statement sent 3 s after connecting,
   * as an application does whose user chooses what to run: the warm-up has had time to finish.
   */
  private static String coldStarts(WandbTestServer server) throws Exception {
    List<String> off = List.of("-Dwandbjdbc.warmUp=false", "-Dcalcite.bindable.cache.maxSize=0");
    List<String> c1 = List.of("-XX:TieredStopAtLevel=1");
    List<Long> warm = new ArrayList<>();
    List<Long> cold = new ArrayList<>();
    List<Long> quick = new ArrayList<>();
    List<Long> warmPaused = new ArrayList<>();
    List<Long> coldPaused = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      warm.add(firstRow(server, List.of(), 0).sinceJvmStart());
      cold.add(firstRow(server, off, 0).sinceJvmStart());
      quick.add(firstRow(server, c1, 0).sinceJvmStart());
    }
    for (int i = 0; i < 5; i++) {
      warmPaused.add(firstRow(server, List.of(), 3000).sinceExecute());
      coldPaused.add(firstRow(server, off, 3000).sinceExecute());
    }
    return "6. cold start to the first row of SELECT * FROM runs LIMIT 1 (latency 0), median of 5"
        + " new JVMs: " + median(warm) + " ms " + warm + "; without the warm-up and code cache "
        + median(cold) + " ms " + cold + "; with -XX:TieredStopAtLevel=1 " + median(quick)
        + " ms " + quick + ".\n   The same statement sent 3 s after connecting, from executeQuery"
        + " to its first row: " + median(warmPaused) + " ms " + warmPaused
        + "; without the warm-up and code cache " + median(coldPaused) + " ms " + coldPaused;
  }

  /** When a new JVM's first row came: ms since the JVM started, and since executeQuery. */
  private record FirstRow(long sinceJvmStart, long sinceExecute) {}

  private static FirstRow firstRow(WandbTestServer server, List<String> jvm, long pauseMs)
      throws Exception {
    Map<String, String> out = probe(server, jvm, "SELECT * FROM runs LIMIT 1",
        String.valueOf(pauseMs));
    return new FirstRow(Long.parseLong(out.get("first-row-ms")),
        Long.parseLong(out.get("statement-ms")));
  }

  private static long median(List<Long> values) {
    return values.stream().sorted().toList().get(values.size() / 2);
  }

  /** Runs {@link BenchProbe} against the packaged jar in a new JVM; returns its key-value lines. */
  private static Map<String, String> probe(WandbTestServer server, List<String> jvmOptions,
      String... sqlAndPause) throws Exception {
    Path jar = Path.of("target", "wandb-jdbc-" + DriverInfo.VERSION + ".jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("run `mvn -B package -DskipTests` first: no " + jar);
    }
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", jar + File.pathSeparator + Path.of("target", "test-classes"),
        BenchProbe.class.getName(), server.baseUrl(), ENTITY, PROJECT));
    command.addAll(List.of(sqlAndPause));
    ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
    pb.environment().put("WANDB_API_KEY", server.apiKey());
    Process process = pb.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException("the probe failed: " + output);
    }
    Map<String, String> values = new HashMap<>();
    output.lines().map(l -> l.split(" ", 2)).filter(kv -> kv.length == 2)
        .forEach(kv -> values.put(kv[0], kv[1]));
    return values;
  }

  private static void print(List<Result> results, List<Long> latencies) {
    System.out.println();
    System.out.println("| scenario | latency | client | rows | requests | most at once"
        + " | MB received | wall s | rows/s | vs graphql baseline | vs parquet baseline"
        + " | floor s |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (Result r : results) {
      Result base = baselineOf(results, r, GRAPHQL_BASELINE);
      Result parquet = baselineOf(results, r, PARQUET_BASELINE);
      int floor = r.scenario().equals(MILLION) ? 1000 : scenarios().stream()
          .filter(s -> s.name().equals(r.scenario()))
          .mapToInt(Scenario::floorRequests).findFirst().orElse(0);
      System.out.println(String.format(Locale.ROOT,
          "| %s | %d ms | %s | %,d | %,d | %d | %.1f | %.2f | %,.0f | %s | %s | %.2f |",
          r.scenario(), r.latencyMs(), r.client(), r.rows(), r.requests(), r.maxConcurrent(),
          r.bytes() / 1e6,
          r.seconds(), r.rows() / Math.max(1e-9, r.seconds()),
          ratio(base, r), ratio(parquet, r),
          floor * r.latencyMs() / 1000.0));
    }
  }

  private static Result baselineOf(List<Result> results, Result r, String client) {
    return results.stream().filter(b -> b.client().equals(client)
        && b.scenario().equals(r.scenario()) && b.latencyMs() == r.latencyMs())
        .findFirst().orElse(null);
  }

  private static String ratio(Result base, Result r) {
    return base == null || base == r || r.client().startsWith("baseline") ? ""
        : String.format(Locale.ROOT, "%.1fx faster", base.seconds() / r.seconds());
  }
}
