package io.github.wandbjdbc.testserver.data;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One artifact version as the test server serves it (docs/WIRE.md, ArtifactFields), with its
 * lineage.
 *
 * @param numericId       the number in {@link #id()} ({@code Artifact:<n>}), unique on the server
 * @param versionIndex    N of {@code vN}
 * @param aliases         every alias in serving order, the version alias {@code vN} first, then
 *                        e.g. {@code latest}, {@code production}
 * @param tags            tag names
 * @param state           {@code COMMITTED}, {@code PENDING} or {@code DELETED}
 * @param metadata        {@code Artifact.metadata}; NaN already became null as W&B stores it
 * @param createdByRun    name of the run that logged it ({@code createdBy} is that Run), or null
 * @param createdByUser   username that uploaded it when no run did ({@code createdBy} is a User)
 * @param historyStep     the creating run's step when it was logged, null without a run
 * @param usedBy          the runs that used this version, in creation order, with their usedAs names
 */
public record ArtifactData(String entityName, String projectName, long numericId, String typeName,
    String collectionName, int versionIndex, List<String> aliases, List<String> tags, String digest, long size,
    long fileCount, String state, Instant createdAt, Instant updatedAt, String description,
    Map<String, Object> metadata, String createdByRun, String createdByUser, Long historyStep, String commitHash,
    long ttlDurationSeconds, boolean ttlIsInherited, List<Use> usedBy) {

  /** A run's use of an artifact version ({@code InputArtifactEdge.usedAs}: the names it used it as). */
  public record Use(String runName, List<String> usedAs) {
    public Use {
      Objects.requireNonNull(runName, "runName");
      usedAs = List.copyOf(usedAs);
    }
  }

  public ArtifactData {
    Objects.requireNonNull(typeName, "typeName");
    Objects.requireNonNull(collectionName, "collectionName");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(digest, "digest");
    if ((createdByRun == null) == (createdByUser == null)) {
      throw new IllegalArgumentException("created by exactly one run or one user");
    }
    aliases = List.copyOf(aliases);
    tags = List.copyOf(tags);
    metadata = JsonValues.deepCopyMap(metadata == null ? Map.of() : metadata);
    usedBy = List.copyOf(usedBy);
  }

  /** The opaque id W&B serves: base64 of {@code Artifact:<numericId>}. */
  public String id() {
    return Base64.getEncoder().encodeToString(("Artifact:" + numericId).getBytes(StandardCharsets.UTF_8));
  }

  /** {@code vN}, as {@code VersionedArtifactEdge.version}. */
  public String version() {
    return "v" + versionIndex;
  }

  /** {@code <collection>:vN}. */
  public String qualifiedName() {
    return collectionName + ":" + version();
  }

  public ArtifactData withUsedBy(List<Use> uses) {
    return new ArtifactData(entityName, projectName, numericId, typeName, collectionName, versionIndex, aliases,
        tags, digest, size, fileCount, state, createdAt, updatedAt, description, metadata, createdByRun,
        createdByUser, historyStep, commitHash, ttlDurationSeconds, ttlIsInherited, uses);
  }
}
