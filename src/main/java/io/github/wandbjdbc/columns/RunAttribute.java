package io.github.wandbjdbc.columns;

import io.github.wandbjdbc.model.RunField;

import java.util.Optional;

/**
 * The fixed columns of the {@code runs} table, in table order, with the W&B field each one is read
 * from (docs/WIRE.md, Runs; docs/ARCHITECTURE.md, Columns and types).
 */
public enum RunAttribute {
  RUN_ID("run_id", ColumnType.VARCHAR, null,
      "Run id (W&B field name), unique in the project; part of the run's URL.",
      "name", FilterKind.STRING, null),
  DISPLAY_NAME("display_name", ColumnType.VARCHAR, RunField.DISPLAY_NAME,
      "Human-readable run name (W&B field displayName).",
      "displayName", FilterKind.STRING, null),
  STATE("state", ColumnType.VARCHAR, RunField.STATE,
      "Run state: running, finished, crashed, failed, killed, preempting, preempted or pending.",
      "state", FilterKind.LOWERCASE_ENUM, null),
  CREATED_AT("created_at", ColumnType.TIMESTAMP, RunField.CREATED_AT,
      "When the run was created, UTC (W&B field createdAt).",
      "createdAt", FilterKind.TIMESTAMP, "created_at"),
  HEARTBEAT_AT("heartbeat_at", ColumnType.TIMESTAMP, RunField.HEARTBEAT_AT,
      "Last heartbeat from the run's process, UTC (W&B field heartbeatAt).",
      null, FilterKind.NONE, "heartbeat_at"),
  GROUP_NAME("group_name", ColumnType.VARCHAR, RunField.GROUP, "Run group (W&B field group).",
      "group", FilterKind.STRING, null),
  JOB_TYPE("job_type", ColumnType.VARCHAR, RunField.JOB_TYPE, "Job type (W&B field jobType).",
      "jobType", FilterKind.STRING, null),
  TAGS("tags", ColumnType.VARCHAR_ARRAY, RunField.TAGS, "Tags of the run; empty when none.",
      "tags", FilterKind.TAGS, null),
  USERNAME("username", ColumnType.VARCHAR, RunField.USER, "User who created the run.",
      "username", FilterKind.STRING, null),
  HOST("host", ColumnType.VARCHAR, RunField.HOST, "Host name the run ran on.",
      "host", FilterKind.STRING, null),
  SWEEP_ID("sweep_id", ColumnType.VARCHAR, RunField.SWEEP_NAME,
      "Id of the sweep the run belongs to (W&B field sweepName), or NULL.",
      "sweep", FilterKind.STRING, null),
  NOTES("notes", ColumnType.VARCHAR, RunField.NOTES, "The run's notes.",
      null, FilterKind.NONE, null),
  COMMIT("commit", ColumnType.VARCHAR, RunField.COMMIT, "Git commit of the run's code.",
      null, FilterKind.NONE, null),
  HISTORY_LINE_COUNT("history_line_count", ColumnType.BIGINT, RunField.HISTORY_LINE_COUNT,
      "Number of history rows the run logged.",
      null, FilterKind.NONE, null),
  CONFIG("config", ColumnType.JSON, null,
      "The run's config as a JSON object, values unwrapped from {\"value\": ...}; NaN and"
          + " Infinity appear as the strings \"NaN\", \"Infinity\", \"-Infinity\".",
      null, FilterKind.NONE, null),
  SUMMARY("summary", ColumnType.JSON, null,
      "The run's summary metrics as a JSON object; NaN and Infinity appear as strings.",
      null, FilterKind.NONE, null);

  private final String columnName;
  private final ColumnType type;
  private final RunField field;
  private final String remarks;
  private final String filterKey;
  private final FilterKind filterKind;
  private final String orderKey;

  RunAttribute(String columnName, ColumnType type, RunField field, String remarks,
      String filterKey, FilterKind filterKind, String orderKey) {
    this.columnName = columnName;
    this.type = type;
    this.field = field;
    this.remarks = remarks;
    this.filterKey = filterKey;
    this.filterKind = filterKind;
    this.orderKey = orderKey;
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

  /** The key W&B's run filters take for this column (docs/WIRE.md, Filters), if any. */
  public Optional<String> filterKey() {
    return Optional.ofNullable(filterKey);
  }

  public FilterKind filterKind() {
    return filterKind;
  }

  /** The key W&B's {@code order} argument takes for this column, if any. */
  public Optional<String> orderKey() {
    return Optional.ofNullable(orderKey);
  }
}
