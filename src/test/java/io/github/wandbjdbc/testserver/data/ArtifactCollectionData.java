package io.github.wandbjdbc.testserver.data;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * An artifact collection (W&B's {@code ArtifactSequence}): the versions of one artifact name.
 *
 * @param numericId the number in {@link #id()}; W&B's default order is by it, descending
 * @param tags      {@code ArtifactCollection.tags}
 */
public record ArtifactCollectionData(String entityName, String projectName, long numericId, String name,
    String typeName, String description, Instant createdAt, Instant updatedAt, List<String> tags) {

  public ArtifactCollectionData {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(typeName, "typeName");
    Objects.requireNonNull(createdAt, "createdAt");
    tags = List.copyOf(tags == null ? List.of() : tags);
  }

  /** The opaque Relay id, base64 of {@code ArtifactCollection:<numericId>}. */
  public String id() {
    return Base64.getEncoder().encodeToString(("ArtifactCollection:" + numericId).getBytes(StandardCharsets.UTF_8));
  }
}
