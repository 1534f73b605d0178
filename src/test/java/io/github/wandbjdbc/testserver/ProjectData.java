package io.github.wandbjdbc.testserver;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A project and its runs.
 *
 * @param internalId the numeric id W&B serves as {@code Project.internalId} and {@code Run.projectId}
 * @param runs       in creation order: {@code runs.get(i).seq() == i + 1}
 */
public record ProjectData(
    String entityName,
    String name,
    String internalId,
    Instant createdAt,
    String description,
    UserData user,
    List<RunData> runs) {

  public ProjectData {
    Objects.requireNonNull(entityName, "entityName");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(internalId, "internalId");
    Objects.requireNonNull(createdAt, "createdAt");
    runs = List.copyOf(runs);
    for (int i = 0; i < runs.size(); i++) {
      if (runs.get(i).seq() != i + 1) {
        throw new IllegalArgumentException("runs must be in creation order with seq = position + 1");
      }
    }
  }

  /** The opaque Relay id, base64 of {@code Project:<internalId>}. */
  public String id() {
    return Base64.getEncoder().encodeToString(("Project:" + internalId).getBytes(StandardCharsets.UTF_8));
  }

  public Optional<RunData> run(String runName) {
    return runs.stream().filter(r -> r.name().equals(runName)).findFirst();
  }

  /** The run with creation sequence {@code seq}, if any. */
  public Optional<RunData> runBySeq(int seq) {
    return seq >= 1 && seq <= runs.size() ? Optional.of(runs.get(seq - 1)) : Optional.empty();
  }

  /** Number of distinct sweeps the runs belong to ({@code Project.totalSweeps}). */
  public int totalSweeps() {
    return (int) runs.stream().map(RunData::sweepName).filter(Objects::nonNull).distinct().count();
  }
}
