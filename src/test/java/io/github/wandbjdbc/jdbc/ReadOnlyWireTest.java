package io.github.wandbjdbc.jdbc;

import io.github.wandbjdbc.support.ReadOnlyWire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@link ReadOnlyWire}, which every test class's server log passes through, finds writes. */
class ReadOnlyWireTest {
  @Test
  void mutationsAndSubscriptionsAreFoundQueriesAndRefusedBodiesAreNot(@TempDir Path log)
      throws IOException {
    Files.writeString(log.resolve("1-Runs.json"),
        "{\"query\": \"query Runs { viewer { id } }\", \"variables\": {}}");
    Files.writeString(log.resolve("2-Upsert.json"), "{\"query\": \"mutation UpsertRun"
        + " { upsertBucket(input: {}) { bucket { id } } }\", \"variables\": {}}");
    Files.writeString(log.resolve("3-Watch.json"),
        "{\"query\": \"subscription Watch { runs { id } }\"}");
    Files.writeString(log.resolve("4-garbage.json"), "{\"query\": \"not graphql {\"}");
    Files.writeString(log.resolve("5-noquery.json"), "{\"variables\": {}}");
    assertEquals(List.of("2-Upsert.json: MUTATION UpsertRun", "3-Watch.json: SUBSCRIPTION Watch"),
        ReadOnlyWire.writes(log));
  }
}
