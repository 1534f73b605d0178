package io.github.wandbjdbc.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The GraphQL operations the driver sends, one document each, kept as resources under
 * {@code io/github/wandbjdbc/client/graphql/} so they can be read and checked against the schema.
 */
public enum Operation {
  VIEWER("Viewer"),
  PROJECT("Project"),
  PROJECTS("Projects"),
  RUNS("Runs"),
  RUN("Run"),
  RUN_COUNT("RunCount");

  private final String operationName;
  private final String document;

  Operation(String operationName) {
    this.operationName = operationName;
    this.document = load(operationName + ".graphql");
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
