package io.github.wandbjdbc.source;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.wandbjdbc.client.CallControl;
import io.github.wandbjdbc.client.RunsQuery;
import io.github.wandbjdbc.client.WandbClient;
import io.github.wandbjdbc.model.ArtifactNode;
import io.github.wandbjdbc.model.ArtifactUsage;
import io.github.wandbjdbc.model.ArtifactUse;
import io.github.wandbjdbc.model.FileNode;
import io.github.wandbjdbc.model.Page;
import io.github.wandbjdbc.model.ProjectNode;
import io.github.wandbjdbc.model.RunNode;
import io.github.wandbjdbc.model.SweepNode;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * W&B's GraphQL API as a source: each read is one request of {@link WandbClient} (the operations
 * of docs/WIRE.md), and runs are filtered and ordered by W&B's filter language.
 */
public final class GraphQlSource implements WandbSource {
  private final WandbClient client;

  public GraphQlSource(WandbClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  @Override
  public RunsPushdown runsPushdown() {
    return RunsPushdown.WANDB_FILTERS;
  }

  @Override
  public Page<ProjectNode> projects(String entity, String after, int first, CallControl control) {
    return client.projects(entity, after, first, control);
  }

  @Override
  public Optional<ProjectNode> project(String entity, String project, CallControl control) {
    return client.project(entity, project, control);
  }

  @Override
  public Page<RunNode> runs(RunsQuery query, CallControl control) {
    return client.runs(query, control);
  }

  @Override
  public Page<RunNode> columnSample(RunsQuery query, CallControl control) {
    return client.columnSample(query, control);
  }

  @Override
  public long runCount(String entity, String project, String filters, CallControl control) {
    return client.runCount(entity, project, filters, control);
  }

  @Override
  public List<ObjectNode> history(String entity, String project, String runId, long minStep,
      long maxStep, CallControl control) {
    return client.history(entity, project, runId, minStep, maxStep, control);
  }

  @Override
  public List<List<ObjectNode>> sampledHistory(String entity, String project, String runId,
      List<List<String>> keySets, long minStep, long maxStep, CallControl control) {
    return client.sampledHistory(entity, project, runId, keySets, minStep, maxStep, control);
  }

  @Override
  public List<ObjectNode> events(String entity, String project, String runId, int samples,
      CallControl control) {
    return client.events(entity, project, runId, samples, control);
  }

  @Override
  public Page<FileNode> files(String entity, String project, String runId, String pattern,
      String after, int first, CallControl control) {
    return client.files(entity, project, runId, pattern, after, first, control);
  }

  @Override
  public Page<ArtifactUse> runArtifacts(String entity, String project, String runId,
      boolean inputs, String after, int first, CallControl control) {
    return client.runArtifacts(entity, project, runId, inputs, after, first, control);
  }

  @Override
  public Page<String> artifactTypes(String entity, String project, String after, int first,
      CallControl control) {
    return client.artifactTypes(entity, project, after, first, control);
  }

  @Override
  public Page<String> artifactCollections(String entity, String project, String type,
      String after, int first, CallControl control) {
    return client.artifactCollections(entity, project, type, after, first, control);
  }

  @Override
  public Page<ArtifactNode> artifactVersions(String entity, String project, String type,
      String collection, String filters, String after, int first, CallControl control) {
    return client.artifactVersions(entity, project, type, collection, filters, after, first,
        control);
  }

  @Override
  public Optional<ArtifactUsage> artifactUsage(String artifactId, String after, int first,
      CallControl control) {
    return client.artifactUsage(artifactId, after, first, control);
  }

  @Override
  public Page<SweepNode> sweeps(String entity, String project, String after, int first,
      CallControl control) {
    return client.sweeps(entity, project, after, first, control);
  }

  @Override
  public void close() {
    client.close();
  }

  @Override
  public String toString() {
    return "GraphQlSource[" + client + "]";
  }
}
