package io.github.wandbjdbc.model;

import java.time.Instant;
import java.util.List;

/**
 * One artifact version as W&B describes it.
 *
 * @param id           W&B's opaque id (base64 of {@code Artifact:<n>})
 * @param version      {@code v<versionIndex>}, or null when W&B has no index for it
 * @param metadata     the metadata object as JSON text, null when absent
 * @param loggedByRun  the id of the run that logged it, null when a user created it
 */
public record ArtifactNode(
    String id,
    String type,
    String collection,
    String version,
    Integer versionIndex,
    List<String> aliases,
    List<String> tags,
    String digest,
    Long sizeBytes,
    Long fileCount,
    String state,
    Instant createdAt,
    Instant updatedAt,
    String description,
    String metadata,
    String loggedByRun) {

  public ArtifactNode {
    aliases = aliases == null ? List.of() : List.copyOf(aliases);
    tags = tags == null ? List.of() : List.copyOf(tags);
  }
}
