package io.github.wandbjdbc.model;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;

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
    ObjectNode summary) {}
