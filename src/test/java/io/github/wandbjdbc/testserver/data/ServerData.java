package io.github.wandbjdbc.testserver.data;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Everything the test server serves: entities → projects → runs. Immutable; driver tests read it to
 * know the exact expected rows.
 *
 * @param entities in serving order; the first one is the viewer's default entity
 * @param viewer   the user the API key belongs to
 */
public record ServerData(List<EntityData> entities, UserData viewer) {

  /** The user every valid API key of the test server belongs to. */
  public static final UserData DEFAULT_VIEWER = new UserData("demo-viewer", "Demo Viewer", "viewer@example.com");

  public ServerData {
    entities = List.copyOf(entities);
    Objects.requireNonNull(viewer, "viewer");
  }

  /** The viewer's default entity ({@code viewer { entity }}), null when nothing is served. */
  public String viewerEntity() {
    return entities.isEmpty() ? null : entities.get(0).name();
  }

  public Optional<EntityData> entity(String name) {
    return entities.stream().filter(e -> e.name().equals(name)).findFirst();
  }

  public Optional<ProjectData> findProject(String entityName, String projectName) {
    return entity(entityName).flatMap(e -> e.project(projectName));
  }

  /** The project, or {@link NoSuchElementException} naming what is served instead. */
  public ProjectData project(String entityName, String projectName) {
    return findProject(entityName, projectName).orElseThrow(() -> new NoSuchElementException(
        "no project " + entityName + "/" + projectName + "; served: " + projectPaths()));
  }

  /** Every run of every project. */
  public Stream<RunData> runs() {
    return entities.stream().flatMap(e -> e.projects().stream()).flatMap(p -> p.runs().stream());
  }

  /** The artifact version with this {@code Artifact.id}, on any project. */
  public Optional<ArtifactData> artifact(String id) {
    return entities.stream().flatMap(e -> e.projects().stream()).flatMap(p -> p.artifacts().stream())
        .filter(a -> a.id().equals(id)).findFirst();
  }

  /** The artifact collection with this {@code ArtifactCollection.id}, on any project. */
  public Optional<ArtifactCollectionData> artifactCollection(String id) {
    return entities.stream().flatMap(e -> e.projects().stream()).flatMap(p -> p.artifactCollections().stream())
        .filter(c -> c.id().equals(id)).findFirst();
  }

  public List<String> projectPaths() {
    List<String> paths = new ArrayList<>();
    entities.forEach(e -> e.projects().forEach(p -> paths.add(e.name() + "/" + p.name())));
    return paths;
  }

  public static Assembler assembler(UserData viewer) {
    return new Assembler(viewer);
  }

  /**
   * Collects runs per entity and project from several sources (generator, run folders) and numbers
   * them: within a project, runs are ordered by {@code createdAt}, equal instants keeping the order
   * they were added in, and {@code seq} is the position in that order.
   */
  public static final class Assembler {
    private java.util.function.UnaryOperator<RunData> runChange = run -> run;
    private final UserData viewer;
    private final Map<String, PendingEntity> entities = new LinkedHashMap<>();
    private int nextInternalId = 1;

    private Assembler(UserData viewer) {
      this.viewer = Objects.requireNonNull(viewer, "viewer");
    }

    /** Declares a project (it is served even if it ends up with no runs). */
    public Assembler project(String entityName, boolean isTeam, String projectName, String description,
        UserData owner, Instant createdAt) {
      PendingEntity entity = entities.computeIfAbsent(entityName, n -> new PendingEntity(isTeam));
      entity.projects.computeIfAbsent(projectName,
          n -> new PendingProject(String.valueOf(nextInternalId++), description, owner, createdAt));
      return this;
    }

    public boolean hasProject(String entityName, String projectName) {
      PendingEntity entity = entities.get(entityName);
      return entity != null && entity.projects.containsKey(projectName);
    }

    /** Adds a run to a declared project; false (and nothing added) when the name is taken. */
    public boolean addRun(RunData run) {
      PendingProject project = pending(run.entityName(), run.projectName());
      return project.runs.putIfAbsent(run.name(), run) == null;
    }

    /**
     * Declares a sweep of a project with its settings; its run count and best loss follow from the
     * runs naming it (it may have none). Sweeps named by runs but not declared are derived.
     */
    public Assembler sweep(String entityName, String projectName, SweepData sweep) {
      pending(entityName, projectName).sweeps.put(sweep.name(), sweep);
      return this;
    }

    /** Adds artifact types, collections and versions (with their lineage) to a declared project. */
    public Assembler artifacts(String entityName, String projectName, List<ArtifactTypeData> types,
        List<ArtifactCollectionData> collections, List<ArtifactData> versions) {
      PendingProject project = pending(entityName, projectName);
      project.artifactTypes.addAll(types);
      project.artifactCollections.addAll(collections);
      project.artifacts.addAll(versions);
      return this;
    }

    public boolean hasRun(String entityName, String projectName, String runName) {
      return pending(entityName, projectName).runs.containsKey(runName);
    }

    private PendingProject pending(String entityName, String projectName) {
      PendingEntity entity = entities.get(entityName);
      PendingProject project = entity == null ? null : entity.projects.get(projectName);
      if (project == null) {
        throw new IllegalStateException("project not declared: " + entityName + "/" + projectName);
      }
      return project;
    }

    /** Changes every run as it is built, e.g. how NaN is stored. */
    public Assembler mapRuns(java.util.function.UnaryOperator<RunData> change) {
      this.runChange = runChange.andThen(change)::apply;
      return this;
    }

    public ServerData build() {
      List<EntityData> built = new ArrayList<>();
      entities.forEach((entityName, entity) -> {
        List<ProjectData> projects = new ArrayList<>();
        entity.projects.forEach((projectName, project) -> {
          List<RunData> ordered = new ArrayList<>(project.runs.values().stream().map(runChange).toList());
          ordered.sort(Comparator.comparing(RunData::createdAt)); // stable: ties keep insertion order
          List<RunData> numbered = new ArrayList<>(ordered.size());
          for (int i = 0; i < ordered.size(); i++) {
            numbered.add(ordered.get(i).withSeq(i + 1));
          }
          Instant createdAt = project.createdAt != null ? project.createdAt
              : numbered.isEmpty() ? Instant.EPOCH : numbered.get(0).createdAt();
          // Loaded folders name no owner; the first run's user is the best stand-in.
          UserData owner = project.owner != null || numbered.isEmpty() ? project.owner : numbered.get(0).user();
          projects.add(new ProjectData(entityName, projectName, project.internalId, createdAt,
              project.description, owner, numbered, sweeps(project.sweeps, numbered), project.artifactTypes,
              project.artifactCollections, project.artifacts));
        });
        built.add(new EntityData(entityName, entity.isTeam, projects));
      });
      return new ServerData(built, viewer);
    }

    /** The declared sweeps counting their runs, plus one derived sweep per other sweep name, by name. */
    private static List<SweepData> sweeps(Map<String, SweepData> declared, List<RunData> runs) {
      Map<String, SweepData> all = new TreeMap<>();
      ProjectData.derivedSweeps(runs).forEach(s -> all.put(s.name(), s));
      declared.forEach((name, sweep) -> all.put(name,
          sweep.counting(runs.stream().filter(r -> name.equals(r.sweepName())).toList())));
      return List.copyOf(all.values());
    }

    private static final class PendingEntity {
      final boolean isTeam;
      final Map<String, PendingProject> projects = new LinkedHashMap<>();

      PendingEntity(boolean isTeam) {
        this.isTeam = isTeam;
      }
    }

    private static final class PendingProject {
      final String internalId;
      final String description;
      final UserData owner;
      final Instant createdAt;
      final Map<String, RunData> runs = new LinkedHashMap<>();
      final Map<String, SweepData> sweeps = new LinkedHashMap<>();
      final List<ArtifactTypeData> artifactTypes = new ArrayList<>();
      final List<ArtifactCollectionData> artifactCollections = new ArrayList<>();
      final List<ArtifactData> artifacts = new ArrayList<>();

      PendingProject(String internalId, String description, UserData owner, Instant createdAt) {
        this.internalId = internalId;
        this.description = description;
        this.owner = owner;
        this.createdAt = createdAt;
      }
    }
  }
}
