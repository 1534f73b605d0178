package io.github.wandbjdbc.model;

import java.time.Instant;

/** One sweep of a project; {@code config} is W&B's YAML text converted to JSON text. */
public record SweepNode(
    String name,
    String displayName,
    String method,
    String state,
    String description,
    Double bestLoss,
    String config,
    Instant createdAt,
    Instant updatedAt,
    Long runCount,
    Long runCountExpected) {}
