package io.github.wandbjdbc.model;

/**
 * The fields of a W&B {@code Run} that the driver can select, each switched on by one boolean
 * variable of the Runs and Run documents ({@code field @include(if: $withField)}). {@code name},
 * the run id, is always selected because it identifies rows.
 */
public enum RunField {
  DISPLAY_NAME("displayName"),
  STATE("state"),
  CREATED_AT("createdAt"),
  HEARTBEAT_AT("heartbeatAt"),
  GROUP("group"),
  JOB_TYPE("jobType"),
  TAGS("tags"),
  USER("user"),
  HOST("host"),
  SWEEP_NAME("sweepName"),
  NOTES("notes"),
  COMMIT("commit"),
  HISTORY_LINE_COUNT("historyLineCount"),
  /** {@code {"lastStep": n, "keys": …}}: where a history scan stops, and the history columns. */
  HISTORY_KEYS("historyKeys"),
  /** How many system-metric rows {@code events} holds, so that one request reads them unsampled. */
  EVENTS_LINE_COUNT("eventsLineCount"),
  /** The latest system metrics, whose keys name the {@code system_metrics} columns. */
  SYSTEM_METRICS("systemMetrics");

  private final String graphqlField;

  RunField(String graphqlField) {
    this.graphqlField = graphqlField;
  }

  /** The field's name in W&B's schema. */
  public String graphqlField() {
    return graphqlField;
  }

  /** Name of the GraphQL variable that includes this field, e.g. {@code withDisplayName}. */
  public String includeVariable() {
    return "with" + Character.toUpperCase(graphqlField.charAt(0)) + graphqlField.substring(1);
  }

  /** How the field appears in a selection set; {@code user} selects its username. */
  public String selectionText() {
    return this == USER ? "user { username }" : graphqlField;
  }
}
