package io.github.wandbjdbc.pushdown;

import io.github.wandbjdbc.model.RunField;

/**
 * The fixed columns of the {@code runs} table (DESIGN §1), in table order, with the W&B field each
 * one is read from.
 */
public enum RunAttribute {
  RUN_ID("run_id", ColumnType.VARCHAR, null,
      "Run id (W&B field name), unique in the project; part of the run's URL."),
  DISPLAY_NAME("display_name", ColumnType.VARCHAR, RunField.DISPLAY_NAME,
      "Human-readable run name (W&B field displayName)."),
  STATE("state", ColumnType.VARCHAR, RunField.STATE,
      "Run state: running, finished, crashed, failed, killed, preempting, preempted or pending."),
  CREATED_AT("created_at", ColumnType.TIMESTAMP, RunField.CREATED_AT,
      "When the run was created, UTC (W&B field createdAt)."),
  HEARTBEAT_AT("heartbeat_at", ColumnType.TIMESTAMP, RunField.HEARTBEAT_AT,
      "Last heartbeat from the run's process, UTC (W&B field heartbeatAt)."),
  GROUP_NAME("group_name", ColumnType.VARCHAR, RunField.GROUP, "Run group (W&B field group)."),
  JOB_TYPE("job_type", ColumnType.VARCHAR, RunField.JOB_TYPE, "Job type (W&B field jobType)."),
  TAGS("tags", ColumnType.VARCHAR_ARRAY, RunField.TAGS, "Tags of the run; empty when none."),
  USERNAME("username", ColumnType.VARCHAR, RunField.USER, "User who created the run."),
  HOST("host", ColumnType.VARCHAR, RunField.HOST, "Host name the run ran on."),
  SWEEP_ID("sweep_id", ColumnType.VARCHAR, RunField.SWEEP_NAME,
      "Id of the sweep the run belongs to (W&B field sweepName), or NULL."),
  NOTES("notes", ColumnType.VARCHAR, RunField.NOTES, "The run's notes."),
  COMMIT("commit", ColumnType.VARCHAR, RunField.COMMIT, "Git commit of the run's code."),
  HISTORY_LINE_COUNT("history_line_count", ColumnType.BIGINT, RunField.HISTORY_LINE_COUNT,
      "Number of history rows the run logged."),
  CONFIG("config", ColumnType.JSON, null,
      "The run's config as a JSON object, values unwrapped from {\"value\": ...}; NaN and"
          + " Infinity appear as the strings \"NaN\", \"Infinity\", \"-Infinity\"."),
  SUMMARY("summary", ColumnType.JSON, null,
      "The run's summary metrics as a JSON object; NaN and Infinity appear as strings.");

  private final String columnName;
  private final ColumnType type;
  private final RunField field;
  private final String remarks;

  RunAttribute(String columnName, ColumnType type, RunField field, String remarks) {
    this.columnName = columnName;
    this.type = type;
    this.field = field;
    this.remarks = remarks;
  }

  public String columnName() {
    return columnName;
  }

  public ColumnType type() {
    return type;
  }

  /** The W&B field to select, or null for the id (always selected) and the JSON documents. */
  public RunField field() {
    return field;
  }

  public String remarks() {
    return remarks;
  }
}
