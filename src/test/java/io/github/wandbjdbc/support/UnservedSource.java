package io.github.wandbjdbc.support;

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
import io.github.wandbjdbc.model.SweepNode;
import io.github.wandbjdbc.source.RunsPushdown;
import io.github.wandbjdbc.source.WandbSource;

import java.util.List;
import java.util.Optional;

/**
 * A source that serves nothing: every read fails, so that a unit test overriding the reads it
 * expects learns of any other. It evaluates nothing of a scan.
 */
public abstract class UnservedSource implements WandbSource {
  private static UnsupportedOperationException unserved(String read) {
    return new UnsupportedOperationException("this test's source does not serve " + read);
  }

  @Override
  public RunsPushdown runsPushdown() {
    return RunsPushdown.NOTHING;
  }

  @Override
  public Page<ProjectNode> projects(String entity, String after, int first, CallControl control) {
    throw unserved("projects");
  }

  @Override
  public Optional<ProjectNode> project(String entity, String project, CallControl control) {
    throw unserved("project");
  }

  @Override
  public Page<RunNode> runs(RunsQuery query, CallControl control) {
    throw unserved("runs");
  }

  @Override
  public Page<RunNode> columnSample(RunsQuery query, CallControl control) {
    throw unserved("columnSample");
  }

  @Override
  public long runCount(String entity, String project, String filters, CallControl control) {
    throw unserved("runCount");
  }

  @Override
  public List<ObjectNode> history(String entity, String project, String runId, long minStep,
      long maxStep, CallControl control) {
    throw unserved("history");
  }

  @Override
  public List<List<ObjectNode>> sampledHistory(String entity, String project, String runId,
      List<List<String>> keySets, long minStep, long maxStep, CallControl control) {
    throw unserved("sampledHistory");
  }

  @Override
  public List<ObjectNode> events(String entity, String project, String runId, int samples,
      CallControl control) {
    throw unserved("events");
  }

  @Override
  public Page<FileNode> files(String entity, String project, String runId, String pattern,
      String after, int first, CallControl control) {
    throw unserved("files");
  }

  @Override
  public Page<ArtifactUse> runArtifacts(String entity, String project, String runId,
      boolean inputs, String after, int first, CallControl control) {
    throw unserved("runArtifacts");
  }

  @Override
  public Page<String> artifactTypes(String entity, String project, String after, int first,
      CallControl control) {
    throw unserved("artifactTypes");
  }

  @Override
  public Page<String> artifactCollections(String entity, String project, String type,
      String after, int first, CallControl control) {
    throw unserved("artifactCollections");
  }

  @Override
  public Page<ArtifactNode> artifactVersions(String entity, String project, String type,
      String collection, String filters, String after, int first, CallControl control) {
    throw unserved("artifactVersions");
  }

  @Override
  public Optional<ArtifactUsage> artifactUsage(String artifactId, String after, int first,
      CallControl control) {
    throw unserved("artifactUsage");
  }

  @Override
  public Page<SweepNode> sweeps(String entity, String project, String after, int first,
      CallControl control) {
    throw unserved("sweeps");
  }

  @Override
  public void close() {}
}
