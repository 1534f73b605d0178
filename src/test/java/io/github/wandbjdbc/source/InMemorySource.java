package io.github.wandbjdbc.source;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.wandbjdbc.client.CallControl;
import io.github.wandbjdbc.client.RunsQuery;
import io.github.wandbjdbc.model.ArtifactNode;
import io.github.wandbjdbc.model.ArtifactUsage;
import io.github.wandbjdbc.model.ArtifactUse;
import io.github.wandbjdbc.model.FileNode;
import io.github.wandbjdbc.model.Page;
import io.github.wandbjdbc.model.ProjectNode;
import io.github.wandbjdbc.model.RunNode;
import io.github.wandbjdbc.model.RunSelection;
import io.github.wandbjdbc.model.SweepNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A source over runs and their history held in memory, copied once from another source: the
 * shape a local source has. It filters and orders nothing ({@link RunsPushdown#NOTHING}), so the
 * driver evaluates every condition; it pages by position, and serves no system metrics, files,
 * artifacts or sweeps.
 */
public final class InMemorySource implements WandbSource {
  /** One project as copied: its runs, oldest first, and each run's history rows by run name. */
  public record Project(ProjectNode node, List<RunNode> runs,
      Map<String, List<ObjectNode>> history) {}

  private final Map<String, Project> projects;
  private final AtomicLong reads = new AtomicLong();
  private final AtomicBoolean closed = new AtomicBoolean();

  public InMemorySource(List<Project> projects) {
    Map<String, Project> byName = new LinkedHashMap<>();
    for (Project p : projects) {
      byName.put(p.node().name(), p);
    }
    this.projects = byName;
  }

  /**
   * Every run of each project of {@code entity} named, with every field, read from
   * {@code from}; the history of each too where {@code withHistory} names the project.
   */
  public static InMemorySource copyOf(WandbSource from, String entity, List<String> names,
      List<String> withHistory) {
    CallControl control = CallControl.NONE;
    List<Project> copied = new ArrayList<>();
    for (String name : names) {
      ProjectNode node = from.project(entity, name, control).orElseThrow();
      List<RunNode> runs = new ArrayList<>();
      String after = null;
      do {
        Page<RunNode> page = from.runs(new RunsQuery(entity, name, "{}", "+created_at", 1000,
            after, RunSelection.all(), false), control);
        runs.addAll(page.items());
        after = page.hasNextPage() ? page.endCursor() : null;
      } while (after != null);
      Map<String, List<ObjectNode>> history = new LinkedHashMap<>();
      if (withHistory.contains(name)) {
        for (RunNode run : runs) {
          long last = run.lastHistoryStep().orElse(-1);
          history.put(run.name(), last < 0 ? List.of()
              : from.history(entity, name, run.name(), 0, last + 1, control));
        }
      }
      copied.add(new Project(node, List.copyOf(runs), history));
    }
    return new InMemorySource(copied);
  }

  /** How many reads the driver made of this source. */
  public long reads() {
    return reads.get();
  }

  public boolean closed() {
    return closed.get();
  }

  @Override
  public RunsPushdown runsPushdown() {
    return RunsPushdown.NOTHING;
  }

  @Override
  public Page<ProjectNode> projects(String entity, String after, int first, CallControl control) {
    reads.incrementAndGet();
    return page(projects.values().stream().map(Project::node).toList(), after, first);
  }

  @Override
  public Optional<ProjectNode> project(String entity, String project, CallControl control) {
    reads.incrementAndGet();
    return Optional.ofNullable(projects.get(project)).map(Project::node);
  }

  /** Every run whatever the filter and order say (this source pushes nothing), a page at a time. */
  @Override
  public Page<RunNode> runs(RunsQuery query, CallControl control) {
    reads.incrementAndGet();
    List<RunNode> runs = project(query).runs();
    Page<RunNode> page = page(runs, query.after(), query.first());
    return query.withRunCount() ? page.withTotal(runs.size()) : page;
  }

  @Override
  public Page<RunNode> columnSample(RunsQuery query, CallControl control) {
    reads.incrementAndGet();
    List<RunNode> newestFirst = new ArrayList<>(project(query).runs());
    newestFirst.sort(Comparator.comparing(RunNode::createdAt).reversed());
    Page<RunNode> page = page(newestFirst, null, query.first());
    return query.withRunCount() ? page.withTotal(newestFirst.size()) : page;
  }

  @Override
  public long runCount(String entity, String project, String filters, CallControl control) {
    throw new UnsupportedOperationException("this source counts nothing (RunsPushdown.NOTHING)");
  }

  @Override
  public List<ObjectNode> history(String entity, String project, String runId, long minStep,
      long maxStep, CallControl control) {
    reads.incrementAndGet();
    return rows(project, runId).stream()
        .filter(r -> r.path("_step").asLong() >= minStep && r.path("_step").asLong() < maxStep)
        .toList();
  }

  /** W&B's sampledHistory, unsampled: rows holding every key of a set, with only those keys. */
  @Override
  public List<List<ObjectNode>> sampledHistory(String entity, String project, String runId,
      List<List<String>> keySets, long minStep, long maxStep, CallControl control) {
    reads.incrementAndGet();
    List<ObjectNode> rows = rows(project, runId);
    List<List<ObjectNode>> out = new ArrayList<>();
    for (List<String> keys : keySets) {
      List<ObjectNode> matching = new ArrayList<>();
      for (ObjectNode row : rows) {
        long step = row.path("_step").asLong();
        if (step < minStep || step > maxStep || !keys.stream().allMatch(row::has)) {
          continue;
        }
        ObjectNode only = row.objectNode();
        keys.forEach(k -> only.set(k, row.get(k)));
        matching.add(only);
      }
      out.add(matching);
    }
    return out;
  }

  @Override
  public List<ObjectNode> events(String entity, String project, String runId, int samples,
      CallControl control) {
    return List.of();
  }

  @Override
  public Page<FileNode> files(String entity, String project, String runId, String pattern,
      String after, int first, CallControl control) {
    return Page.empty();
  }

  @Override
  public Page<ArtifactUse> runArtifacts(String entity, String project, String runId,
      boolean inputs, String after, int first, CallControl control) {
    return Page.empty();
  }

  @Override
  public Page<String> artifactTypes(String entity, String project, String after, int first,
      CallControl control) {
    return Page.empty();
  }

  @Override
  public Page<String> artifactCollections(String entity, String project, String type,
      String after, int first, CallControl control) {
    return Page.empty();
  }

  @Override
  public Page<ArtifactNode> artifactVersions(String entity, String project, String type,
      String collection, String filters, String after, int first, CallControl control) {
    return Page.empty();
  }

  @Override
  public Optional<ArtifactUsage> artifactUsage(String artifactId, String after, int first,
      CallControl control) {
    return Optional.empty();
  }

  @Override
  public Page<SweepNode> sweeps(String entity, String project, String after, int first,
      CallControl control) {
    return Page.empty();
  }

  @Override
  public void close() {
    closed.set(true);
  }

  private Project project(RunsQuery query) {
    Project p = projects.get(query.project());
    if (p == null) {
      throw new IllegalArgumentException("no project " + query.project());
    }
    return p;
  }

  private List<ObjectNode> rows(String project, String runId) {
    Project p = projects.get(project);
    return p == null ? List.of() : p.history().getOrDefault(runId, List.of());
  }

  /** Paging by position: the cursor is the index of the next item. */
  private static <T> Page<T> page(List<T> items, String after, int first) {
    int from = after == null ? 0 : Integer.parseInt(after);
    int to = Math.min(items.size(), from + first);
    return new Page<>(items.subList(from, to), String.valueOf(to), to < items.size());
  }
}
