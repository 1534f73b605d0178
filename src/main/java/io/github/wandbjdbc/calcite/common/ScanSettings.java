package io.github.wandbjdbc.calcite.common;

/**
 * Connection-wide choices about how tables scan W&B.
 *
 * @param pushdown whether planner rules push query parts into W&B requests
 * @param pageSize runs per request when no LIMIT bounds a scan
 * @param columnSampleSize recent runs read to discover dynamic columns
 * @param countRuns whether run scans ask W&B how many runs match, for progress displays
 * @param readAhead most reads a scan starts ahead of the one its consumer is waiting for: one
 *     less than the connection's parallelism, which bounds the requests in flight in any case
 */
public record ScanSettings(boolean pushdown, int pageSize, int columnSampleSize,
    boolean countRuns, int readAhead) {
  public ScanSettings(boolean pushdown, int pageSize, int columnSampleSize) {
    this(pushdown, pageSize, columnSampleSize, false, 7);
  }

  public ScanSettings {
    if (pageSize < 1 || pageSize > 1000) {
      throw new IllegalArgumentException("pageSize must be 1..1000");
    }
    if (columnSampleSize < 1 || columnSampleSize > 1000) {
      throw new IllegalArgumentException("columnSampleSize must be 1..1000");
    }
    if (readAhead < 0) {
      throw new IllegalArgumentException("readAhead must not be negative");
    }
  }
}
