package io.github.wandbjdbc.testserver.data;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/** An artifact type of a project ({@code Project.artifactTypes}), e.g. {@code dataset}. */
public record ArtifactTypeData(String entityName, String projectName, String name, String description,
    Instant createdAt) {

  public ArtifactTypeData {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** The opaque Relay id, base64 of {@code ArtifactType:<entity>/<project>/<name>}. */
  public String id() {
    String raw = "ArtifactType:" + entityName + "/" + projectName + "/" + name;
    return Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }
}
