package io.github.wandbjdbc.testserver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The history, system-metric and file streams of a run, derived deterministically from the run so
 * that nothing is held in memory: history step {@code s} logs every summary key (the keys
 * {@code historyKeys} names, with the same types), numbers scaled by how far the run still had to
 * go; system metrics sample every 30 s of runtime; files are the run's standard ones. Driver tests
 * compare SQL results with {@link #history}, {@link #events} and {@link #files}.
 */
public final class RunStreams {
  private RunStreams() {}

  /** The history rows with {@code minStep <= _step < maxStep}, in step order. */
  public static List<Map<String, Object>> history(RunData run, long minStep, long maxStep) {
    long last = lastStep(run);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (long step = Math.max(0, minStep); step < maxStep && step <= last; step++) {
      rows.add(historyRow(run, step, last));
    }
    return rows;
  }

  /** {@code historyKeys.lastStep}, -1 without history. */
  public static long lastStep(RunData run) {
    Object last = run.historyKeys().get("lastStep");
    return last instanceof Number n ? n.longValue() : -1;
  }

  static Map<String, Object> historyRow(RunData run, long step, long last) {
    Map<String, Object> row = new LinkedHashMap<>();
    double progress = last <= 0 ? 1.0 : (double) step / last;
    run.summary().forEach((key, value) -> {
      if (key.equals("_wandb") || key.startsWith("_")) {
        return;
      }
      if (value instanceof Double d) {
        // NaN and ±Infinity stay as they are: a diverged run logged them.
        row.put(key, d * (2.0 - progress));
      } else if (value instanceof Long || value instanceof Integer) {
        row.put(key, ((Number) value).longValue() + (last - step));
      } else {
        row.put(key, JsonValues.deepCopy(value));
      }
    });
    row.put("_step", step);
    row.put("_runtime", step * 0.5);
    row.put("_timestamp", run.createdAt().getEpochSecond() + step * 0.5);
    return row;
  }

  /** Every system-metric row of the run ({@code eventsLineCount} of them). */
  public static List<Map<String, Object>> events(RunData run) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (long i = 0; i < run.eventsLineCount(); i++) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("_wandb", true);
      row.put("_timestamp", run.createdAt().getEpochSecond() + 30.0 * i);
      row.put("_runtime", 30.0 * i);
      long tick = i;
      run.systemMetrics().forEach((key, value) -> row.put(key, value instanceof Number n
          ? Math.round((n.doubleValue() + tick % 7) * 10) / 10.0 : value));
      rows.add(row);
    }
    return rows;
  }

  /** A file of a run as the test server serves it. */
  public record FileData(String name, long sizeBytes, String mimetype, String md5, String directUrl) {}

  /** The run's files ({@code fileCount} of them), in name order. */
  public static List<FileData> files(RunData run) {
    List<String> names = new ArrayList<>(List.of("config.yaml", "wandb-metadata.json"));
    if (run.fileCount() > 2) {
      names.addAll(List.of("output.log", "requirements.txt", "wandb-summary.json"));
    }
    if (run.fileCount() > 5) {
      names.add("media/table 1%_x.table.json");
    }
    names.sort(String::compareTo);
    List<FileData> files = new ArrayList<>();
    for (String name : names.subList(0, Math.min(names.size(), Math.max(run.fileCount(), 0)))) {
      int hash = (run.name() + "/" + name).hashCode();
      files.add(new FileData(name, 100 + Math.floorMod(hash, 100_000),
          name.endsWith(".json") ? "application/json" : name.endsWith(".yaml")
              ? "application/x-yaml" : "text/plain",
          java.util.Base64.getEncoder().encodeToString(Integer.toHexString(hash).getBytes(
              java.nio.charset.StandardCharsets.UTF_8)),
          "https://storage.example.invalid/wandb-bucket/" + run.entityName() + "/"
              + run.projectName() + "/" + run.name() + "/" + name.replace(" ", "%20")
              + "?X-Goog-Signature=" + Integer.toHexString(hash)));
    }
    return files;
  }

  /** MySQL LIKE, as W&B's {@code pattern} argument takes it: {@code %}, {@code _}, {@code \} escapes. */
  static Pattern mysqlLike(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
      } else if (c == '%') {
        regex.append(".*");
      } else if (c == '_') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  /** Keeps {@code samples} rows evenly spread, as W&B down-samples a window with too many rows. */
  static <T> List<T> sample(List<T> rows, Integer samples) {
    int n = samples == null ? 500 : samples;
    if (rows.size() <= n || n <= 0) {
      return rows;
    }
    List<T> kept = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      kept.add(rows.get((int) ((long) i * rows.size() / n)));
    }
    return kept;
  }
}
