package io.github.wandbjdbc.testserver;

import io.github.wandbjdbc.testserver.data.JsonValues;
import io.github.wandbjdbc.testserver.data.RunData;
import io.github.wandbjdbc.testserver.data.ServerData;
import io.github.wandbjdbc.testserver.exports.ExportOptions;
import io.github.wandbjdbc.testserver.exports.ExportStore;
import io.github.wandbjdbc.testserver.exports.StorageHandler;
import io.github.wandbjdbc.testserver.exports.StorageRequest;
import io.github.wandbjdbc.testserver.faults.FaultQueue;
import io.github.wandbjdbc.testserver.folders.LoadReport;
import io.github.wandbjdbc.testserver.folders.RunFolderLoader;
import io.github.wandbjdbc.testserver.folders.RunFolderReader;
import io.github.wandbjdbc.testserver.generate.BenchDataGenerator;
import io.github.wandbjdbc.testserver.generate.HostileDataGenerator;
import io.github.wandbjdbc.testserver.generate.SampleDataGenerator;
import io.github.wandbjdbc.testserver.graphql.WandbGraphQl;
import io.github.wandbjdbc.testserver.http.ApiKeyCheck;
import io.github.wandbjdbc.testserver.http.GraphQlHttpHandler;
import io.github.wandbjdbc.testserver.http.RecordedRequest;
import io.github.wandbjdbc.testserver.http.Refusal;
import io.github.wandbjdbc.testserver.http.RequestLog;
import io.github.wandbjdbc.testserver.http.RequestRecorder;
import io.github.wandbjdbc.testserver.semantics.NanForm;
import io.github.wandbjdbc.testserver.semantics.RunArrivals;
import io.github.wandbjdbc.testserver.semantics.RunFilter;
import io.github.wandbjdbc.testserver.semantics.RunOrder;
import io.github.wandbjdbc.testserver.semantics.RunQuery;
import io.github.wandbjdbc.testserver.semantics.ValueOrder;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A W&B-compatible GraphQL server on 127.0.0.1 for tests, demos and benchmarks.
 *
 * <pre>{@code
 * try (WandbTestServer server = WandbTestServer.builder().start()) {
 *   String url = server.baseUrl();                  // http://127.0.0.1:<port>, endpoint <url>/graphql
 *   ProjectData expected = server.data().project("demo-team", "resnet-sweep");
 *   server.faults().enqueue(Fault.status(503));
 *   ...
 *   List<RecordedRequest> sent = server.requests();
 * }
 * }</pre>
 *
 * It serves {@link ServerData}: the deterministic sample data ({@link SampleDataGenerator}) and/or run
 * folders loaded from data directories ({@link RunFolderReader}), side by side. See
 * {@link GraphQlHttpHandler} for the HTTP behaviour, {@link RunFilter} and {@link RunOrder} for the
 * filter and order semantics, {@link WandbGraphQl} for what is served.
 */
public final class WandbTestServer implements AutoCloseable {

  /** The API key a server accepts unless {@link Builder#apiKey} says otherwise (W&B's format: 40+ chars). */
  public static final String DEFAULT_API_KEY = "wandbjdbc_test_key_0123456789abcdef0123456789";

  private final HttpServer http;
  private final ExecutorService executor;
  private final ServerData data;
  private final LoadReport loadReport;
  private final RequestLog log;
  private final FaultQueue faults;
  private final String instanceId;
  private final String apiKey;
  private final RunArrivals arrivals;
  private final Storage storage;

  /** The storage endpoint of the history exports: its server, store and request log. */
  private record Storage(HttpServer http, ExportStore store, StorageHandler handler) {}

  private WandbTestServer(HttpServer http, ExecutorService executor, ServerData data, LoadReport loadReport,
      RequestLog log, FaultQueue faults, String instanceId, String apiKey, RunArrivals arrivals,
      Storage storage) {
    this.arrivals = arrivals;
    this.storage = storage;
    this.http = http;
    this.executor = executor;
    this.data = data;
    this.loadReport = loadReport;
    this.log = log;
    this.faults = faults;
    this.instanceId = instanceId;
    this.apiKey = apiKey;
  }

  /**
   * The runs of a project that exist now: all of them, unless runs arrive while listing
   * ({@link Builder#runsArriveWhileListing}).
   */
  public List<RunData> visibleRuns(String entity, String project) {
    return arrivals.visible(data.project(entity, project));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** {@code http://127.0.0.1:<port>}; the GraphQL endpoint is {@code baseUrl() + "/graphql"}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  public URI graphqlUri() {
    return URI.create(baseUrl() + "/graphql");
  }

  public int port() {
    return http.getAddress().getPort();
  }

  /** The key this server accepts (tests need it to build connections). */
  public String apiKey() {
    return apiKey;
  }

  /** Distinguishes this server's recorded request files from other servers' in the same folder. */
  public String instanceId() {
    return instanceId;
  }

  /** The requests answered so far (since the last {@link #clearRequests()}), in arrival order. */
  public List<RecordedRequest> requests() {
    return log.requests();
  }

  public int requestCount() {
    return log.count();
  }

  /** Forgets the recorded requests and restarts the {@link #maxConcurrentRequests()} gauge. */
  public void clearRequests() {
    log.clear();
  }

  /** Bytes of response bodies sent since the last {@link #clearRequests()}. */
  public long bytesSent() {
    return log.bytesSent();
  }

  /** Requests being handled now (received, not yet answered). */
  public int requestsInFlight() {
    return log.inFlight();
  }

  /** The highest number of requests handled at the same time, observed. */
  public int maxConcurrentRequests() {
    return log.maxConcurrent();
  }

  public FaultQueue faults() {
    return faults;
  }

  /** {@code http://127.0.0.1:<port>} of the storage endpoint serving history exports. */
  public String storageUrl() {
    return "http://127.0.0.1:" + storage.http().getAddress().getPort();
  }

  /** The requests the storage endpoint answered (downloads of history exports), in order. */
  public List<StorageRequest> storageRequests() {
    return storage.handler().requests();
  }

  /** The bytes the storage endpoint answered since {@link #clearStorageRequests()}. */
  public long storageBytesSent() {
    return storage.handler().bytesSent();
  }

  public void clearStorageRequests() {
    storage.handler().clearRequests();
  }

  /** Exactly what the server serves. */
  public ServerData data() {
    return data;
  }

  /** What loading the data directories did; empty when none were given. */
  public LoadReport loadReport() {
    return loadReport;
  }

  /** Stops listening, frees the port and stops the request threads. */
  @Override
  public void close() {
    http.stop(0);
    storage.http().stop(0);
    storage.store().close();
    executor.shutdownNow();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "WandbTestServer[" + baseUrl() + ", " + data.projectPaths() + "]"; // never the key
  }

  private static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

  /** Configures and starts a server. */
  public static final class Builder {
    private String apiKey = DEFAULT_API_KEY;
    private boolean generatedProjects = true;
    private boolean recentSampleData;
    private boolean benchData;
    private boolean hostileProject;
    private final List<Path> dataDirs = new ArrayList<>();
    private Path recordTo;
    private long latencyMillis;
    private boolean caseInsensitiveStrings;
    private boolean nanBelowNumbers;
    private boolean nanAboveNumbers;
    private boolean missingKeysMatchNothing;
    private NanForm nanForm = NanForm.NUMBER;
    private int refusalStatus = 400;
    private boolean echoKeyInErrors;
    private boolean cursorsBound;
    private boolean repeatLastRun;
    private RunArrivals arrivals = RunArrivals.NONE;
    private Refusal refusal = Refusal.NONE;
    private int port;
    private int threads = 16;

    private ExportOptions exports = ExportOptions.DEFAULT;

    private Builder() {
    }

    /** How history is exported as parquet and served from storage ({@link ExportOptions}). */
    public Builder exports(ExportOptions options) {
      this.exports = options;
      return this;
    }

    /** The only API key accepted. */
    public Builder apiKey(String key) {
      if (key == null || key.isBlank()) {
        throw new IllegalArgumentException("the API key must not be empty");
      }
      this.apiKey = key;
      return this;
    }

    /**
     * Move the sample data in time so that its newest resnet run started an hour ago (default
     * false: fixed dates), for queries about "the last 7 days".
     */
    public Builder recentSampleData(boolean recent) {
      this.recentSampleData = recent;
      return this;
    }

    /** Also serve the benchmark project ({@link BenchDataGenerator}; default false). */
    public Builder benchData(boolean bench) {
      this.benchData = bench;
      return this;
    }

    /** Also serve the project of hostile values ({@link HostileDataGenerator}; default false). */
    public Builder hostileProject(boolean hostile) {
      this.hostileProject = hostile;
      return this;
    }

    /** Serve the deterministic sample data (default true). */
    public Builder generatedProjects(boolean generated) {
      this.generatedProjects = generated;
      return this;
    }

    /** A data directory {@code <entity>/<project>/<run folder>/}; repeatable. */
    public Builder dataDir(Path dir) {
      dataDirs.add(Objects.requireNonNull(dir, "dir"));
      return this;
    }

    /** Write every request body as a file into this folder. */
    public Builder recordTo(Path folder) {
      this.recordTo = folder;
      return this;
    }

    /** Simulated round-trip latency added to every request. */
    public Builder latencyMillis(long millis) {
      if (millis < 0) {
        throw new IllegalArgumentException("negative latency");
      }
      this.latencyMillis = millis;
      return this;
    }

    /**
     * Range filters rank NaN below every number ({@code {"$lt": 0}} matches NaN), as MongoDB's
     * comparison order does; by default every comparison with NaN is false.
     */
    public Builder nanBelowNumbers(boolean below) {
      this.nanBelowNumbers = below;
      return this;
    }

    /** Range filters and sorting rank NaN above every number, as PostgreSQL does. */
    public Builder nanAboveNumbers(boolean above) {
      this.nanAboveNumbers = above;
      return this;
    }

    /**
     * A config or summary key a run lacks matches no filter operator but {@code $exists: false}:
     * neither {@code null} nor {@code $ne}/{@code $nin} (default false: it counts as null).
     */
    public Builder missingKeysMatchNothing(boolean nothing) {
      this.missingKeysMatchNothing = nothing;
      return this;
    }

    /** How NaN and ±Infinity are stored and served in configs and summaries. */
    public Builder nanServedAs(NanForm form) {
      this.nanForm = Objects.requireNonNull(form, "form");
      return this;
    }

    /** The HTTP status of the refusals of {@link #refusing} (default 400; W&B might use 422 or 500). */
    public Builder refusalStatus(int status) {
      this.refusalStatus = status;
      return this;
    }

    /**
     * Answers 401 (a wrong key) and 5xx (scripted faults, refusals with {@link #refusalStatus}
     * 500, the server's own errors) with the API key the request presented in the error's text,
     * plainly and as its {@code Authorization} header (default false, as W&B is not known to). Real
     * servers and proxies sometimes do; without it no test could see whether the driver keeps
     * the key out of what it shows when the server says it back.
     */
    public Builder echoKeyInErrors(boolean echo) {
      this.echoKeyInErrors = echo;
      return this;
    }

    /** A runs cursor is valid only with the filters and order it was issued for. */
    public Builder cursorsBoundToQuery(boolean bound) {
      this.cursorsBound = bound;
      return this;
    }

    /**
     * Each project's newest {@code runs} runs are created while clients list it: one appears each
     * time a page continuing a listing is answered ({@link #visibleRuns}).
     */
    public Builder runsArriveWhileListing(int runs) {
      this.arrivals = new RunArrivals(runs);
      return this;
    }

    /** Every page of runs after the first repeats the last run of the page before. */
    public Builder repeatLastRunOfEachPage(boolean repeat) {
      this.repeatLastRun = repeat;
      return this;
    }

    /** Answer the requests this rule refuses with 400, as W&B does an unsupported filter. */
    public Builder refusing(Refusal rule) {
      this.refusal = Objects.requireNonNull(rule, "rule");
      return this;
    }

    /** Compare strings in filters and order case-insensitively, as a MySQL default collation does. */
    public Builder caseInsensitiveStrings(boolean caseInsensitive) {
      this.caseInsensitiveStrings = caseInsensitive;
      return this;
    }

    /** 0 (default) picks a free ephemeral port. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
      this.port = port;
      return this;
    }

    /** Number of request threads (default 16): how many requests are handled at once. */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be positive");
      }
      this.threads = threads;
      return this;
    }

    public WandbTestServer start() {
      JsonValues json = new JsonValues();
      ServerData.Assembler assembler = ServerData.assembler(ServerData.DEFAULT_VIEWER);
      if (generatedProjects) {
        (recentSampleData ? SampleDataGenerator.endingNear(Instant.now())
            : new SampleDataGenerator()).addTo(assembler);
      }
      if (benchData) {
        new BenchDataGenerator().addTo(assembler);
      }
      if (hostileProject) {
        new HostileDataGenerator().addTo(assembler);
      }
      LoadReport report = dataDirs.isEmpty() ? LoadReport.EMPTY
          : new RunFolderLoader(json).load(dataDirs, assembler);
      assembler.mapRuns(nanForm::apply);
      ServerData data = assembler.build();

      // The JDK server writes headers and body in separate small packets; with Nagle's algorithm
      // and the client's delayed ACK every request then waits ~40 ms (measured: 45 ms for a viewer
      // query, 4 ms with this). The property is read once, when the JDK's server classes load,
      // and only tunes JDK HTTP servers in this JVM; an explicit setting is left alone.
      if (System.getProperty(NODELAY_PROPERTY) == null) {
        System.setProperty(NODELAY_PROPERTY, "true");
      }
      HttpServer http;
      try {
        // 127.0.0.1 explicitly: getLoopbackAddress() may pick ::1, and baseUrl() promises 127.0.0.1.
        http = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port), 64);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
      }
      // Bound before the schema is built: File.url needs the port.
      String baseUrl = "http://127.0.0.1:" + http.getAddress().getPort();
      ValueOrder values = new ValueOrder(caseInsensitiveStrings, nanAboveNumbers
          ? ValueOrder.NanRank.ABOVE : nanBelowNumbers ? ValueOrder.NanRank.BELOW
          : ValueOrder.NanRank.UNORDERED, missingKeysMatchNothing);
      ExportStore exportStore = new ExportStore(exports, json, Clock.systemUTC());
      var graphQl = new WandbGraphQl(data, new RunQuery(values, json,
          new RunQuery.Paging(cursorsBound, repeatLastRun, arrivals)), json, baseUrl,
          exportStore).build();
      String instanceId = UUID.randomUUID().toString().substring(0, 8);
      ObjectMapper outer = new ObjectMapper(); // the HTTP body: plain JSON (NaN only ever inside JSONStrings)
      RequestRecorder recorder = recordTo == null ? null : new RequestRecorder(recordTo, instanceId, outer);
      RequestLog log = new RequestLog();
      FaultQueue faults = new FaultQueue();
      GraphQlHttpHandler handler = new GraphQlHttpHandler(graphQl, new ApiKeyCheck(apiKey), log, faults,
          recorder, latencyMillis, refusal, outer, Clock.systemUTC());
      handler.refusalStatus(refusalStatus);
      handler.echoKeyInErrors(echoKeyInErrors);

      ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(), daemonThreads("wandb-test-server-" + instanceId));
      executor.allowCoreThreadTimeOut(true);
      http.setExecutor(executor);
      http.createContext("/", handler);
      Storage storage = storage(exportStore, executor);
      http.start();
      return new WandbTestServer(http, executor, data, report, log, faults, instanceId, apiKey,
          arrivals, storage);
    }

    /** A second endpoint, as a bucket would be: another port, no key, presigned URLs. */
    private Storage storage(ExportStore store, ExecutorService executor) {
      HttpServer server;
      try {
        server = HttpServer.create(new InetSocketAddress(
            InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 64);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot listen on 127.0.0.1 for storage", e);
      }
      store.storageUrl("http://127.0.0.1:" + server.getAddress().getPort());
      StorageHandler handler = new StorageHandler(store, latencyMillis);
      server.setExecutor(executor);
      server.createContext("/", handler);
      server.start();
      return new Storage(server, store, handler);
    }

    private static ThreadFactory daemonThreads(String prefix) {
      AtomicInteger count = new AtomicInteger();
      return runnable -> {
        Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
        thread.setDaemon(true);
        return thread;
      };
    }
  }
}
