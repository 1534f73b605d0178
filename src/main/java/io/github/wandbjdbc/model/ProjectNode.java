package io.github.wandbjdbc.model;

import java.time.Instant;

/** A W&B project: {@code Project} of the GraphQL API. */
public record ProjectNode(String entityName, String name, Instant createdAt) {}
