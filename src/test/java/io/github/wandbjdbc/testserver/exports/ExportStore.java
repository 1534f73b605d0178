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
 * first asked for ({@link ExportWriter}), kept in a temporary folder, and handed out as
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
  private volatile String storageUrl = "http://127.0.0.1:0";

  /** One exported file and the run it belongs to. */
  record StoredFile(String id, String runName, Path path) {}

  public ExportStore(ExportOptions options, JsonValues json, Clock clock) {
    this.options = options;
    this.json = json;
    this.clock = clock;
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
      urls.add(storageUrl + "/exports/" + file.id() + "?X-Expires=" + expires
          + "&X-Signature=" + signature(file.id(), expires));
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

  /** The run's files, written on first use: its exported rows in steps order, split. */
  private List<StoredFile> files(RunData run, long[] steps, int exported) {
    if (exported == 0) {
      return List.of();
    }
    return filesByRun.computeIfAbsent(key(run) + "#" + exported, k -> write(run, steps, exported));
  }

  private List<StoredFile> write(RunData run, long[] steps, int exported) {
    List<Map<String, Object>> rows = new ArrayList<>(exported);
    for (int i = 0; i < exported; i++) {
      rows.add(run.history().row(steps[i]));
    }
    Map<String, ExportWriter.Kind> columns = ExportWriter.columns(rows);
    int fileCount = (int) Math.ceil(exported / (double) options.rowsPerFile());
    List<StoredFile> files = new ArrayList<>();
    ExportWriter writer = new ExportWriter(json);
    for (int f = 0; f < fileCount; f++) {
      int from = (int) ((long) exported * f / fileCount);
      int to = (int) ((long) exported * (f + 1) / fileCount);
      String id = UUID.randomUUID().toString().replace("-", "");
      Path path = folder.resolve(id + ".parquet");
      try {
        writer.write(rows.subList(from, to), columns, path, options.rowGroupRows());
      } catch (SQLException e) {
        throw new IllegalStateException("could not write the exports of run " + run.name(), e);
      }
      StoredFile file = new StoredFile(id, run.name(), path);
      filesById.put(id, file);
      files.add(file);
    }
    return files;
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
    return Optional.ofNullable(options.damage().get(file.runName()));
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
    try (Stream<Path> left = Files.walk(folder)) {
      left.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Nothing left to delete.
    }
  }
}
