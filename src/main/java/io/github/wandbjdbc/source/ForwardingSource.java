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

import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A source that passes every read to another: the base of decorators that change how some reads
 * are made (history from W&B's exports, a local cache) and leave the rest as they are.
 */
public abstract class ForwardingSource implements WandbSource {
  protected final WandbSource delegate;

  protected ForwardingSource(WandbSource delegate) {
    this.delegate = java.util.Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public RunsPushdown runsPushdown() {
    return delegate.runsPushdown();
  }

  @Override
  public Page<ProjectNode> projects(String entity, String after, int first, CallControl control) {
    return delegate.projects(entity, after, first, control);
  }

  @Override
  public Optional<ProjectNode> project(String entity, String project, CallControl control) {
    return delegate.project(entity, project, control);
  }

  @Override
  public Page<RunNode> runs(RunsQuery query, CallControl control) {
    return delegate.runs(query, control);
  }

  @Override
  public Page<RunNode> columnSample(RunsQuery query, CallControl control) {
    return delegate.columnSample(query, control);
  }

  @Override
  public long runCount(String entity, String project, String filters, CallControl control) {
    return delegate.runCount(entity, project, filters, control);
  }

  @Override
  public List<ObjectNode> history(String entity, String project, String runId, long minStep,
      long maxStep, CallControl control) {
    return delegate.history(entity, project, runId, minStep, maxStep, control);
  }

  @Override
  public List<List<ObjectNode>> sampledHistory(String entity, String project, String runId,
      List<List<String>> keySets, long minStep, long maxStep, CallControl control) {
    return delegate.sampledHistory(entity, project, runId, keySets, minStep, maxStep, control);
  }

  @Override
  public RunSelection historyRuns(HistoryScan scan) {
    return delegate.historyRuns(scan);
  }

  @Override
  public Iterator<Supplier<LoggedRows>> historyReads(HistoryScan scan, RunNode run,
      CallControl control) {
    return delegate.historyReads(scan, run, control);
  }

  @Override
  public String historyPath(HistoryScan scan) {
    return delegate.historyPath(scan);
  }

  @Override
  public List<ObjectNode> events(String entity, String project, String runId, int samples,
      CallControl control) {
    return delegate.events(entity, project, runId, samples, control);
  }

  @Override
  public Page<FileNode> files(String entity, String project, String runId, String pattern,
      String after, int first, CallControl control) {
    return delegate.files(entity, project, runId, pattern, after, first, control);
  }

  @Override
  public Page<ArtifactUse> runArtifacts(String entity, String project, String runId,
      boolean inputs, String after, int first, CallControl control) {
    return delegate.runArtifacts(entity, project, runId, inputs, after, first, control);
  }

  @Override
  public Page<String> artifactTypes(String entity, String project, String after, int first,
      CallControl control) {
    return delegate.artifactTypes(entity, project, after, first, control);
  }

  @Override
  public Page<String> artifactCollections(String entity, String project, String type, String after,
      int first, CallControl control) {
    return delegate.artifactCollections(entity, project, type, after, first, control);
  }

  @Override
  public Page<ArtifactNode> artifactVersions(String entity, String project, String type,
      String collection, String filters, String after, int first, CallControl control) {
    return delegate.artifactVersions(entity, project, type, collection, filters, after, first,
        control);
  }

  @Override
  public Optional<ArtifactUsage> artifactUsage(String artifactId, String after, int first,
      CallControl control) {
    return delegate.artifactUsage(artifactId, after, first, control);
  }

  @Override
  public Page<SweepNode> sweeps(String entity, String project, String after, int first,
      CallControl control) {
    return delegate.sweeps(entity, project, after, first, control);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
