package io.github.wandbjdbc.pushdown;

/** The two JSON documents of a run whose keys become columns. */
public enum KeyScope {
  /** {@code Run.config}, values unwrapped. Filter key {@code config.<path>}. */
  CONFIG("config."),
  /** {@code Run.summaryMetrics}. Filter key {@code summary_metrics.<path>}. */
  SUMMARY("summary.");

  private final String columnPrefix;

  KeyScope(String columnPrefix) {
    this.columnPrefix = columnPrefix;
  }

  /** The prefix of column names in this scope, e.g. {@code config.}. */
  public String columnPrefix() {
    return columnPrefix;
  }
}
