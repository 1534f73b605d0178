package io.github.wandbjdbc.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The GraphQL operations the driver sends, one document each, kept as resources under
 * {@code io/github/wandbjdbc/client/graphql/} so they can be read and checked against the schema.
 * Fragments shared by several operations live in files of their own and are appended to the
 * documents that spread them.
 */
public enum Operation {
  VIEWER("Viewer"),
  PROJECT("Project"),
  PROJECTS("Projects"),
  RUNS("Runs", "RunFields"),
  /**
   * Runs with {@code parquetHistory(liveKeys)} on each node: the Runs document with the field
   * added, sent only when history is read from W&B's exports, because a server without the field
   * refuses any document that names it, even under {@code @include(if: false)}.
   */
  RUNS_PARQUET_HISTORY("RunsParquetHistory", () -> load("Runs.graphql")
      .replace("query Runs(", "query RunsParquetHistory(\n  $liveKeys: [String!]!")
      .replace("...RunFields", "...RunFields\n          ...ParquetHistoryFields")
      + '\n' + load("RunFields.graphql") + '\n' + load("ParquetHistoryFields.graphql")),
  RUN("Run", "RunFields"),
  RUN_COUNT("RunCount"),
  RUN_HISTORY("RunHistory"),
  RUN_SAMPLED_HISTORY("RunSampledHistory"),
  RUN_EVENTS("RunEvents"),
  RUN_FILES("RunFiles"),
  RUN_INPUT_ARTIFACTS("RunInputArtifacts", "ArtifactFields"),
  RUN_OUTPUT_ARTIFACTS("RunOutputArtifacts", "ArtifactFields"),
  ARTIFACT_TYPES("ArtifactTypes"),
  ARTIFACT_COLLECTIONS("ArtifactCollections"),
  ARTIFACT_VERSIONS("ArtifactVersions", "ArtifactFields"),
  ARTIFACT_USAGE("ArtifactUsage", "ArtifactFields"),
  SWEEPS("Sweeps");

  private final String operationName;
  private final String document;

  Operation(String operationName, String... fragments) {
    this(operationName, () -> {
      StringBuilder document = new StringBuilder(load(operationName + ".graphql"));
      for (String fragment : fragments) {
        document.append('\n').append(load(fragment + ".graphql"));
      }
      return document.toString();
    });
  }

  Operation(String operationName, java.util.function.Supplier<String> document) {
    this.operationName = operationName;
    this.document = document.get();
  }

  /** The operation name inside the document, also sent as {@code operationName}. */
  public String operationName() {
    return operationName;
  }

  public String document() {
    return document;
  }

  private static String load(String resource) {
    try (InputStream in = Operation.class.getResourceAsStream("graphql/" + resource)) {
      if (in == null) {
        throw new IllegalStateException("GraphQL document missing from the jar: " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
