package io.github.wandbjdbc.testserver.exports;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * How the test server exports run history as parquet, the way W&B does (docs/WIRE.md,
 * RunParquetHistory), and how it misbehaves on request.
 *
 * @param served whether {@code Run.parquetHistory} exists at all; false is an older server,
 *     whose schema lacks the field, so a query naming it fails validation
 * @param liveSteps the last steps of each run left unexported: they come back in
 *     {@code liveData} (0: finished runs are fully exported)
 * @param exportRunning whether running runs are exported; W&B exports them only later
 * @param unexported runs (by name) that have no exported files yet
 * @param rowsPerFile most rows one file holds (a longer run has several files)
 * @param rowGroupRows rows per row group, as DuckDB's ROW_GROUP_SIZE
 * @param urlLifetime how long a presigned URL works
 * @param expiredIssues the first this many URL issues of each run hand out URLs already expired
 * @param damage runs (by name) whose files the storage endpoint serves damaged
 */
public record ExportOptions(boolean served, int liveSteps, boolean exportRunning,
    Set<String> unexported, int rowsPerFile, int rowGroupRows, Duration urlLifetime,
    int expiredIssues, Map<String, Damage> damage) {

  /** What the storage endpoint does to a damaged run's files. */
  public enum Damage {
    /** Serves an XML error page with status 200 instead of the file. */
    NOT_PARQUET,
    /** Serves the first half of the file. */
    CUT,
    /** Answers 500 every time. */
    SERVER_ERROR,
    /** Answers 404 every time. */
    MISSING
  }

  public static final ExportOptions DEFAULT = new ExportOptions(true, 0, false, Set.of(), 10_000,
      3_000, Duration.ofMinutes(10), 0, Map.of());

  public ExportOptions {
    unexported = Set.copyOf(unexported);
    damage = Map.copyOf(damage);
    if (liveSteps < 0 || rowsPerFile < 1 || rowGroupRows < 1 || expiredIssues < 0) {
      throw new IllegalArgumentException("export options out of range");
    }
  }

  public ExportOptions withServed(boolean s) {
    return new ExportOptions(s, liveSteps, exportRunning, unexported, rowsPerFile, rowGroupRows,
        urlLifetime, expiredIssues, damage);
  }

  public ExportOptions withLiveSteps(int k) {
    return new ExportOptions(served, k, exportRunning, unexported, rowsPerFile, rowGroupRows,
        urlLifetime, expiredIssues, damage);
  }

  public ExportOptions withUnexported(Set<String> runs) {
    return new ExportOptions(served, liveSteps, exportRunning, runs, rowsPerFile, rowGroupRows,
        urlLifetime, expiredIssues, damage);
  }

  public ExportOptions withFiles(int rows, int groupRows) {
    return new ExportOptions(served, liveSteps, exportRunning, unexported, rows, groupRows,
        urlLifetime, expiredIssues, damage);
  }

  public ExportOptions withExpiredIssues(int n) {
    return new ExportOptions(served, liveSteps, exportRunning, unexported, rowsPerFile,
        rowGroupRows, urlLifetime, n, damage);
  }

  public ExportOptions withDamage(Map<String, Damage> runs) {
    return new ExportOptions(served, liveSteps, exportRunning, unexported, rowsPerFile,
        rowGroupRows, urlLifetime, expiredIssues, runs);
  }
}
