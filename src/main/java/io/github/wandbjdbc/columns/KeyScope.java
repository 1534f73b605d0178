package io.github.wandbjdbc.columns;

/** The two JSON documents of a run whose keys become columns. */
public enum KeyScope {
  /** {@code Run.config}, values unwrapped. Filter key {@code config.<path>}. */
  CONFIG("config.", "config."),
  /** {@code Run.summaryMetrics}. Filter key {@code summary_metrics.<path>}. */
  SUMMARY("summary.", "summary_metrics.");

  private final String columnPrefix;
  private final String filterPrefix;

  KeyScope(String columnPrefix, String filterPrefix) {
    this.columnPrefix = columnPrefix;
    this.filterPrefix = filterPrefix;
  }

  /** The prefix of W&B's filter keys in this scope, e.g. {@code summary_metrics.}. */
  public String filterPrefix() {
    return filterPrefix;
  }

  /** The prefix of column names in this scope, e.g. {@code config.}. */
  public String columnPrefix() {
    return columnPrefix;
  }
}
