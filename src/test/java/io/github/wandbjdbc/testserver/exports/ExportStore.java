package io.github.wandbjdbc.testserver.exports;

import io.github.wandbjdbc.testserver.data.HistoryData;
import io.github.wandbjdbc.testserver.data.JsonValues;
import io.github.wandbjdbc.testserver.data.RunData;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The test server's history exports: each run's exported steps written as parquet files when
 * first downloaded ({@link ExportWriter}), kept in a temporary folder, and handed out as
 * presigned-style URLs of the storage endpoint ({@link StorageHandler}) that expire after
 * {@link ExportOptions#urlLifetime()}; the steps not exported come back as {@code liveData}.
 * What {@code Run.parquetHistory(liveKeys)} answers is {@link #parquetHistory}.
 */
public final class ExportStore implements AutoCloseable {
  private final ExportOptions options;
  private final JsonValues json;
  private final Clock clock;
  private final Path folder;
  private final byte[] secret = UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8);
  private final Map<String, List<StoredFile>> filesByRun = new ConcurrentHashMap<>();
  private final Map<String, StoredFile> filesById = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> issues = new ConcurrentHashMap<>();
  private final Random shuffle = new Random();
  private final ExportWriter writer;
  private volatile String storageUrl = "http://127.0.0.1:0";

  /**
   * One exported file: rows {@code [from, to)} of the run's exported steps, written when first
   * downloaded, so that answering {@code parquetHistory} for a page of 1,000 runs stays quick
   * (as W&B's, whose exports exist before anyone asks) and only the files read are written.
   */
  static final class StoredFile {
    final String id;
    final String runName;
    final Path path;
    private final RunExport export;
    private final int from;
    private final int to;
    private boolean written;

    StoredFile(String id, RunExport export, Path path, int from, int to) {
      this.id = id;
      this.runName = export.run.name();
      this.export = export;
      this.path = path;
      this.from = from;
      this.to = to;
    }

    /** The file's bytes, written first if this is their first download. */
    synchronized byte[] bytes(ExportWriter writer, int rowGroupRows) throws IOException {
      if (!written) {
        try {
          writer.write(export.rows(from, to), export.columns(), path, rowGroupRows);
        } catch (SQLException e) {
          throw new IOException("could not write the exports of run " + runName, e);
        }
        written = true;
      }
      return Files.readAllBytes(path);
    }
  }

  /** A run's exported steps, and their columns, computed once when a file is first written. */
  static final class RunExport {
    final RunData run;
    private final long[] steps;
    private Map<String, ExportWriter.Kind> columns;

    RunExport(RunData run, long[] steps) {
      this.run = run;
      this.steps = steps;
    }

    List<Map<String, Object>> rows(int from, int to) {
      List<Map<String, Object>> rows = new ArrayList<>(to - from);
      for (int i = from; i < to; i++) {
        rows.add(run.history().row(steps[i]));
      }
      return rows;
    }

    /** One column per key of every exported row, so that all of a run's files agree. */
    synchronized Map<String, ExportWriter.Kind> columns() {
      if (columns == null) {
        columns = ExportWriter.columns(rows(0, steps.length));
      }
      return columns;
    }
  }

  public ExportStore(ExportOptions options, JsonValues json, Clock clock) {
    this.options = options;
    this.json = json;
    this.clock = clock;
    this.writer = new ExportWriter(json);
    try {
      this.folder = Files.createTempDirectory("wandb-test-exports-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public ExportOptions options() {
    return options;
  }

  /** Where the storage endpoint listens, e.g. {@code http://127.0.0.1:4711}. */
  public void storageUrl(String url) {
    this.storageUrl = url;
  }

  /**
   * {@code {parquetUrls, liveData}} for {@code run}: URLs of its files in a fresh random order,
   * and its unexported rows with {@code _step} (as a float, as W&B sends it) and those of
   * {@code liveKeys} it logged, NaN and ±Infinity as text (a {@code JSON} field).
   */
  public Map<String, Object> parquetHistory(RunData run, List<String> liveKeys) {
    HistoryData history = run.history();
    long[] steps = history.steps(Long.MIN_VALUE, Long.MAX_VALUE);
    int exported = exportedCount(run, steps.length);
    List<String> urls = new ArrayList<>();
    boolean expired = issues.computeIfAbsent(key(run), k -> new AtomicInteger())
        .incrementAndGet() <= options.expiredIssues();
    long expires = clock.millis() + (expired ? -1000 : options.urlLifetime().toMillis());
    for (StoredFile file : files(run, steps, exported)) {
      urls.add(storageUrl + "/exports/" + file.id + "?X-Expires=" + expires
          + "&X-Signature=" + signature(file.id, expires));
    }
    synchronized (shuffle) {
      Collections.shuffle(urls, shuffle);
    }
    List<Object> live = new ArrayList<>();
    for (int i = exported; i < steps.length; i++) {
      Map<String, Object> row = history.row(steps[i]);
      Map<String, Object> values = new LinkedHashMap<>();
      values.put("_step", (double) steps[i]);
      for (String key : liveKeys) {
        if (!key.equals("_step") && row.get(key) != null) {
          values.put(key, JsonValues.nanAsText(row.get(key)));
        }
      }
      live.add(values);
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("parquetUrls", urls);
    answer.put("liveData", live);
    return answer;
  }

  /** How many of the run's first steps are exported. */
  private int exportedCount(RunData run, int steps) {
    boolean none = options.unexported().contains(run.name())
        || !options.exportRunning() && "running".equals(run.state());
    return none ? 0 : Math.max(0, steps - options.liveSteps());
  }

  /** The run's files (written on first download): its exported rows in step order, split. */
  private List<StoredFile> files(RunData run, long[] steps, int exported) {
    if (exported == 0) {
      return List.of();
    }
    return filesByRun.computeIfAbsent(key(run) + "#" + exported, k -> write(run, steps, exported));
  }

  private List<StoredFile> write(RunData run, long[] steps, int exported) {
    RunExport export = new RunExport(run, java.util.Arrays.copyOf(steps, exported));
    int fileCount = (int) Math.ceil(exported / (double) options.rowsPerFile());
    List<StoredFile> files = new ArrayList<>();
    for (int f = 0; f < fileCount; f++) {
      int from = (int) ((long) exported * f / fileCount);
      int to = (int) ((long) exported * (f + 1) / fileCount);
      String id = UUID.randomUUID().toString().replace("-", "");
      StoredFile file = new StoredFile(id, export, folder.resolve(id + ".parquet"), from, to);
      filesById.put(id, file);
      files.add(file);
    }
    return files;
  }

  /** The bytes of {@code file}, written with DuckDB on its first download. */
  byte[] bytes(StoredFile file) throws IOException {
    return file.bytes(writer, options.rowGroupRows());
  }

  /** The file a URL names, if its signature holds and it has not expired; else why not. */
  Optional<StoredFile> file(String id, long expires, String signature) {
    if (!signature(id, expires).equals(signature) || clock.millis() > expires) {
      return Optional.empty();
    }
    return Optional.ofNullable(filesById.get(id));
  }

  boolean knows(String id) {
    return filesById.containsKey(id);
  }

  Optional<ExportOptions.Damage> damageOf(StoredFile file) {
    return Optional.ofNullable(options.damage().get(file.runName));
  }

  private String signature(String id, long expires) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal((id + ":" + expires)
          .getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String key(RunData run) {
    return run.entityName() + "/" + run.projectName() + "/" + run.name();
  }

  @Override
  public void close() {
    try {
      writer.close();
    } catch (SQLException e) {
      // An in-memory database: nothing outlives the process.
    }
    try (Stream<Path> left = Files.walk(folder)) {
      left.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // Nothing left to delete, or a file gone under the walk.
    }
  }
}
