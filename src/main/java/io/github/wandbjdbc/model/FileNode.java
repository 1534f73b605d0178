package io.github.wandbjdbc.model;

import java.time.Instant;

/**
 * One file of a run. {@code directUrl} is the storage URL W&B hands out; it carries no W&B
 * credentials and the driver never adds any.
 */
public record FileNode(String name, Long sizeBytes, String mimetype, String md5, Instant updatedAt,
    String directUrl) {}
