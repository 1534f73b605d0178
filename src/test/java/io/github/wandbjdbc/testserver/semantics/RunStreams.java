package io.github.wandbjdbc.testserver.semantics;

import io.github.wandbjdbc.testserver.data.RunData;
import io.github.wandbjdbc.testserver.data.RunFile;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Shortcuts to a run's history, system metrics and files as the test server serves them, for tests
 * that compare SQL results with the data row by row. The data itself lives in {@link RunData#history()},
 * {@link RunData#events()} and {@link RunData#files()}.
 */
public final class RunStreams {
  private RunStreams() {}

  /** The history rows with {@code minStep <= _step < maxStep}, in step order. */
  public static List<Map<String, Object>> history(RunData run, long minStep, long maxStep) {
    return run.history().rows(minStep, maxStep);
  }

  /** {@code historyKeys.lastStep}, -1 without history. */
  public static long lastStep(RunData run) {
    return run.history().lastStep();
  }

  /** Every system-metric row of the run ({@code eventsLineCount} of them). */
  public static List<Map<String, Object>> events(RunData run) {
    return run.events().rows();
  }

  /** A file of a run as the test server serves it ({@link RunFile} plus its storage URL). */
  public record FileData(String name, long sizeBytes, String mimetype, String md5, String directUrl) {}

  /** The run's files ({@code fileCount} of them), in name order. */
  public static List<FileData> files(RunData run) {
    return run.files().stream().map(f -> new FileData(f.name(), f.sizeBytes(), f.mimetype(), f.md5(),
        RunFile.directUrl(run, f.name()))).toList();
  }

  static Pattern mysqlLike(String pattern) {
    return MysqlLike.compile(pattern);
  }

  static <T> List<T> sample(List<T> rows, Integer samples) {
    return Samples.of(rows, samples);
  }
}
