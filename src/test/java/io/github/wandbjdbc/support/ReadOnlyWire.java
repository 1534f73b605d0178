package io.github.wandbjdbc.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Checks the requests a test class sent, as the test server recorded them: every GraphQL
 * operation the driver sends is a {@code query}. No code path may issue a mutation or a
 * subscription, whatever SQL or URL it was given.
 */
public final class ReadOnlyWire {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ReadOnlyWire() {}

  /** The recorded requests under {@code log} whose operations are not all queries, named. */
  public static List<String> writes(Path log) {
    List<String> writes = new ArrayList<>();
    if (!Files.isDirectory(log)) {
      return writes;
    }
    try (Stream<Path> files = Files.list(log)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        JsonNode query = JSON.readTree(file.toFile()).path("query");
        if (!query.isTextual()) {
          continue; // a malformed body a test sent on purpose; the server refused it
        }
        Document document;
        try {
          document = Parser.parse(query.asText());
        } catch (RuntimeException unparseable) {
          continue; // likewise: refused, never executed
        }
        for (OperationDefinition op : document.getDefinitionsOfType(OperationDefinition.class)) {
          if (op.getOperation() != OperationDefinition.Operation.QUERY) {
            writes.add(file.getFileName() + ": " + op.getOperation() + " " + op.getName());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return writes;
  }
}
