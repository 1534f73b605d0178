package io.github.wandbjdbc.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * One W&B run as fetched. Fields that were not selected are {@code null}; {@code config} is
 * already unwrapped (see {@link WandbJson#unwrapConfig}).
 */
public record RunNode(
    String name,
    String displayName,
    String state,
    Instant createdAt,
    Instant heartbeatAt,
    String group,
    String jobType,
    List<String> tags,
    String username,
    String host,
    String sweepName,
    String notes,
    String commit,
    Long historyLineCount,
    ObjectNode config,
    ObjectNode summary,
    JsonNode historyKeys,
    Long eventsLineCount,
    ObjectNode systemMetrics,
    ParquetHistory parquetHistory) {

  /** A run as selected by the runs table, without the fields only the run-child tables read. */
  public RunNode(String name, String displayName, String state, Instant createdAt,
      Instant heartbeatAt, String group, String jobType, List<String> tags, String username,
      String host, String sweepName, String notes, String commit, Long historyLineCount,
      ObjectNode config, ObjectNode summary) {
    this(name, displayName, state, createdAt, heartbeatAt, group, jobType, tags, username, host,
        sweepName, notes, commit, historyLineCount, config, summary, null, null, null, null);
  }

  /**
   * The last logged step ({@code historyKeys.lastStep}), -1 when the run has no history, as the
   * W&B client reads it; empty when {@code historyKeys} was not selected.
   */
  public OptionalLong lastHistoryStep() {
    if (historyKeys == null) {
      return OptionalLong.empty();
    }
    JsonNode last = historyKeys.get("lastStep");
    return OptionalLong.of(last != null && last.isNumber() ? last.asLong() : -1L);
  }
}
