package io.github.wandbjdbc.testserver.data;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Map;
import java.util.TreeMap;

/**
 * A project: its runs, sweeps and artifacts.
 *
 * @param internalId          the numeric id W&B serves as {@code Project.internalId} and {@code Run.projectId}
 * @param runs                in creation order: {@code runs.get(i).seq() == i + 1}
 * @param sweeps              by name; {@code runCount} agrees with the runs' {@code sweepName}
 * @param artifactTypes       in creation order
 * @param artifactCollections in creation order
 * @param artifacts           every artifact version, flat, in creation order
 */
public record ProjectData(
    String entityName,
    String name,
    String internalId,
    Instant createdAt,
    String description,
    UserData user,
    List<RunData> runs,
    List<SweepData> sweeps,
    List<ArtifactTypeData> artifactTypes,
    List<ArtifactCollectionData> artifactCollections,
    List<ArtifactData> artifacts) {

  /** A project with the given runs, the sweeps they name and no artifacts. */
  public ProjectData(String entityName, String name, String internalId, Instant createdAt, String description,
      UserData user, List<RunData> runs) {
    this(entityName, name, internalId, createdAt, description, user, runs, derivedSweeps(runs), List.of(),
        List.of(), List.of());
  }

  public ProjectData {
    Objects.requireNonNull(entityName, "entityName");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(internalId, "internalId");
    Objects.requireNonNull(createdAt, "createdAt");
    runs = List.copyOf(runs);
    sweeps = List.copyOf(sweeps);
    artifactTypes = List.copyOf(artifactTypes);
    artifactCollections = List.copyOf(artifactCollections);
    artifacts = List.copyOf(artifacts);
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

  /** {@code Project.totalSweeps}. */
  public int totalSweeps() {
    return sweeps.size();
  }

  public Optional<SweepData> sweep(String sweepName) {
    return sweeps.stream().filter(s -> s.name().equals(sweepName)).findFirst();
  }

  public Optional<ArtifactTypeData> artifactType(String typeName) {
    return artifactTypes.stream().filter(t -> t.name().equals(typeName)).findFirst();
  }

  public Optional<ArtifactCollectionData> artifactCollection(String collectionName) {
    return artifactCollections.stream().filter(c -> c.name().equals(collectionName)).findFirst();
  }

  /** The versions of one collection, in creation order. */
  public List<ArtifactData> versions(String collectionName) {
    return artifacts.stream().filter(a -> a.collectionName().equals(collectionName)).toList();
  }

  /** The versions a run logged ({@code Run.outputArtifacts}), in creation order. */
  public List<ArtifactData> outputArtifacts(String runName) {
    return artifacts.stream().filter(a -> runName.equals(a.createdByRun())).toList();
  }

  /** The versions a run used ({@code Run.inputArtifacts}), in creation order. */
  public List<ArtifactData> inputArtifacts(String runName) {
    return artifacts.stream()
        .filter(a -> a.usedBy().stream().anyMatch(u -> u.runName().equals(runName))).toList();
  }

  /** One sweep per distinct {@code sweepName}, derived from the runs, by name. */
  static List<SweepData> derivedSweeps(List<RunData> runs) {
    Map<String, List<RunData>> bySweep = new TreeMap<>();
    runs.stream().filter(r -> r.sweepName() != null)
        .forEach(r -> bySweep.computeIfAbsent(r.sweepName(), k -> new ArrayList<>()).add(r));
    List<SweepData> sweeps = new ArrayList<>();
    bySweep.forEach((sweepName, sweepRuns) -> sweeps.add(SweepData.derived(sweepName, sweepRuns)));
    return sweeps;
  }
}
