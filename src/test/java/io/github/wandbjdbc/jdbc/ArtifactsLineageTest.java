package io.github.wandbjdbc.jdbc;

import static io.github.wandbjdbc.support.TestServerExtension.BIG_PROJECT;
import static io.github.wandbjdbc.support.TestServerExtension.ENTITY;
import static io.github.wandbjdbc.support.TestServerExtension.SMALL_PROJECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wandbjdbc.support.SqlRows;
import io.github.wandbjdbc.support.TestServerExtension;
import io.github.wandbjdbc.testserver.data.ArtifactData;
import io.github.wandbjdbc.testserver.data.ProjectData;
import io.github.wandbjdbc.testserver.generate.SampleDataGenerator;
import io.github.wandbjdbc.testserver.http.RecordedRequest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@code artifacts} and {@code lineage} against the test server's artifact data, row by row, the
 * requests their hints send, and lineage questions answered by joins, with pushdown on and off.
 */
class ArtifactsLineageTest {
  @RegisterExtension
  static final TestServerExtension SERVER = new TestServerExtension();

  private static final String ARTIFACT_COLUMNS = "artifact_id, type, collection, version, version_index, "
      + "aliases, tags, digest, size_bytes, file_count, state, created_at, description, logged_by_run_id";

  @BeforeEach
  void clear() {
    SERVER.server().clearRequests();
  }

  private static ProjectData project(String name) {
    return SERVER.server().data().project(ENTITY, name);
  }

  private static List<RecordedRequest> requests(String operation) {
    return SERVER.server().requests().stream().filter(r -> operation.equals(r.operationName())).toList();
  }

  /** Rows as lists, timestamps as instants, so rows compare with the data. */
  static List<List<Object>> query(Connection c, String sql, Object... params) throws SQLException {
    return SqlRows.query(c, sql, params).stream().map(row -> row.stream()
        .map(v -> v instanceof Timestamp t ? (Object) t.toInstant() : v).toList()).toList();
  }

  private static List<Object> expectedRow(ArtifactData a) {
    return Arrays.asList(a.id(), a.typeName(), a.collectionName(), a.version(), (long) a.versionIndex(),
        a.aliases(), a.tags(), a.digest(), a.size(), a.fileCount(), a.state(),
        // SQL TIMESTAMP holds milliseconds; W&B's microseconds are cut, as for runs.created_at.
        a.createdAt().truncatedTo(ChronoUnit.MILLIS), a.description(),
        a.createdByRun());
  }

  private static List<String> sorted(List<List<Object>> rows) {
    return rows.stream().map(Object::toString).sorted().toList();
  }

  @Test
  void artifactRowsAreEveryVersionOfTheProject() throws SQLException {
    for (String name : List.of(BIG_PROJECT, SMALL_PROJECT)) {
      List<String> expected = sorted(project(name).artifacts().stream().map(ArtifactsLineageTest::expectedRow)
          .toList());
      try (Connection c = SERVER.connect("project", name)) {
        List<List<Object>> rows = query(c, "SELECT " + ARTIFACT_COLUMNS + " FROM artifacts");
        assertEquals(expected, sorted(rows), name);
      }
    }
    // Every state appears: the table does not hide pending or deleted versions.
    assertEquals(Set.of("COMMITTED", "PENDING", "DELETED"), project(BIG_PROJECT).artifacts().stream()
        .map(ArtifactData::state).collect(Collectors.toSet()));
  }

  @Test
  void metadataIsTheVersionsMetadataAsJson() throws SQLException {
    ArtifactData v3 = project(BIG_PROJECT).versions(SampleDataGenerator.CIFAR10).get(3);
    try (Connection c = SERVER.connect("project", BIG_PROJECT)) {
      List<List<Object>> rows = query(c,
          "SELECT metadata FROM artifacts WHERE collection = 'cifar10' AND version = 'v3'");
      assertEquals(1, rows.size());
      String json = (String) rows.get(0).get(0);
      // NaN was stored as null, and nested objects stay nested.
      assertTrue(json.contains("\"mean_pixel\":null"), json);
      assertTrue(json.contains("\"preprocessing\":{\"normalize\":true"), json);
      assertEquals(10L, v3.metadata().get("classes"));
    }
  }

  @Test
  void collectionAndStateHintsReadOnlyThatCollection() throws SQLException {
    List<ArtifactData> committed = project(BIG_PROJECT).versions(SampleDataGenerator.CHECKPOINTS).stream()
        .filter(a -> a.state().equals("COMMITTED")).toList();
    assertTrue(committed.size() > 5);
    try (Connection c = SERVER.connect("project", BIG_PROJECT)) {
      List<List<Object>> rows = query(c, "SELECT " + ARTIFACT_COLUMNS + " FROM artifacts "
          + "WHERE type = 'model' AND collection = ? AND state = 'COMMITTED'", SampleDataGenerator.CHECKPOINTS);
      assertEquals(sorted(committed.stream().map(ArtifactsLineageTest::expectedRow).toList()), sorted(rows));
    }
    assertEquals(List.of(), requests("ArtifactTypes"), "the type is named, not listed");
    assertEquals(List.of(), requests("ArtifactCollections"), "the collection is named, not listed");
    List<RecordedRequest> versions = requests("ArtifactVersions");
    assertFalse(versions.isEmpty());
    for (RecordedRequest r : versions) {
      assertEquals("model", r.variables().path("type").asText(), r.variables().toString());
      assertEquals(SampleDataGenerator.CHECKPOINTS, r.variables().path("collection").asText());
      assertEquals("{\"state\":\"COMMITTED\"}", r.variables().path("filters").asText());
    }
  }

  @Test
  void aTypeHintListsOnlyThatTypesCollections() throws SQLException {
    List<String> expected = sorted(project(BIG_PROJECT).artifacts().stream()
        .filter(a -> a.typeName().equals("dataset")).map(ArtifactsLineageTest::expectedRow).toList());
    try (Connection c = SERVER.connect("project", BIG_PROJECT)) {
      assertEquals(expected, sorted(query(c, "SELECT " + ARTIFACT_COLUMNS + " FROM artifacts WHERE type = ?",
          "dataset")));
    }
    assertEquals(List.of(), requests("ArtifactTypes"));
    assertTrue(requests("ArtifactCollections").stream()
        .allMatch(r -> r.variables().path("type").asText().equals("dataset")));
    assertTrue(requests("ArtifactVersions").stream()
        .allMatch(r -> Set.of(SampleDataGenerator.CIFAR10, "cifar10-c")
            .contains(r.variables().path("collection").asText())));
  }

  @Test
  void whichRunsConsumedCifar10V3() throws SQLException {
    ArtifactData v3 = project(BIG_PROJECT).versions(SampleDataGenerator.CIFAR10).get(3);
    List<String> expected = v3.usedBy().stream().map(ArtifactData.Use::runName).sorted().toList();
    assertTrue(expected.size() > 200);
    String sql = "SELECT r.run_id FROM artifacts a "
        + "JOIN lineage l ON l.artifact_id = a.artifact_id AND l.direction = 'input' "
        + "JOIN runs r ON r.run_id = l.run_id "
        + "WHERE a.collection = 'cifar10' AND a.version = 'v3' ORDER BY r.run_id";
    for (boolean pushdown : List.of(true, false)) {
      SERVER.server().clearRequests();
      try (Connection c = SERVER.connect("project", BIG_PROJECT, "pushdown", String.valueOf(pushdown))) {
        List<String> runs = query(c, sql).stream().map(r -> (String) r.get(0)).toList();
        assertEquals(expected, runs, "pushdown=" + pushdown);
      }
      if (pushdown) {
        // The artifact's own usedBy answers; no run's inputArtifacts is read.
        assertEquals(List.of(), requests("RunInputArtifacts"));
        assertFalse(requests("ArtifactUsage").isEmpty());
        assertTrue(requests("ArtifactUsage").stream()
            .allMatch(r -> r.variables().path("id").asText().equals(v3.id())), "only cifar10:v3");
      }
    }
  }

  @Test
  void whichRunProducedEachCheckpoint() throws SQLException {
    List<String> expected = project(BIG_PROJECT).versions(SampleDataGenerator.CHECKPOINTS).stream()
        .map(a -> a.version() + " " + a.createdByRun()).sorted().toList();
    String sql = "SELECT a.version, l.run_id FROM artifacts a "
        + "JOIN lineage l ON l.artifact_id = a.artifact_id "
        + "WHERE a.collection = ? AND l.direction = 'output'";
    for (boolean pushdown : List.of(true, false)) {
      try (Connection c = SERVER.connect("project", BIG_PROJECT, "pushdown", String.valueOf(pushdown))) {
        assertEquals(expected, query(c, sql, SampleDataGenerator.CHECKPOINTS).stream()
            .map(r -> r.get(0) + " " + r.get(1)).sorted().toList(), "pushdown=" + pushdown);
      }
    }
  }

  @Test
  void lineageOfOneRunIsWhatItUsedAndLogged() throws SQLException {
    ProjectData resnet = project(BIG_PROJECT);
    String runName = resnet.versions(SampleDataGenerator.CHECKPOINTS).get(0).createdByRun();
    Set<String> expected = new TreeSet<>();
    resnet.inputArtifacts(runName).forEach(a -> expected.add("input " + a.qualifiedName() + " " + a.id()));
    resnet.outputArtifacts(runName).forEach(a -> expected.add("output " + a.qualifiedName() + " " + a.id()));
    assertTrue(expected.stream().anyMatch(s -> s.startsWith("input")) && expected.stream()
        .anyMatch(s -> s.startsWith("output")), expected.toString());
    try (Connection c = SERVER.connect("project", BIG_PROJECT)) {
      Set<String> rows = query(c, "SELECT direction, collection, version, artifact_id FROM lineage WHERE run_id = ?",
          runName).stream().map(r -> r.get(0) + " " + r.get(1) + ":" + r.get(2) + " " + r.get(3))
          .collect(Collectors.toCollection(TreeSet::new));
      assertEquals(expected, rows);
    }
    // Only this run's connections were read.
    for (String op : List.of("RunInputArtifacts", "RunOutputArtifacts")) {
      assertEquals(1, requests(op).size(), op);
      assertEquals(runName, requests(op).get(0).variables().path("run").asText());
    }
    assertEquals(1, requests("Runs").size(), "one request naming the run");
  }

  @Test
  void lineageReadBothWaysGivesTheSameRows() throws SQLException {
    // Through the artifacts' usedBy/createdBy (an artifact_id hint) and through each run's
    // input/outputArtifacts (no hint): the same rows.
    ProjectData bert = project(SMALL_PROJECT);
    String viaArtifacts = "SELECT l.run_id, l.direction, l.artifact_id, l.collection, l.version "
        + "FROM artifacts a JOIN lineage l ON l.artifact_id = a.artifact_id";
    String viaRuns = "SELECT run_id, direction, artifact_id, collection, version FROM lineage "
        + "WHERE artifact_id IN (SELECT artifact_id FROM artifacts)";
    List<String> expected = new ArrayList<>();
    for (ArtifactData a : bert.artifacts()) {
      if (a.createdByRun() != null) {
        expected.add(List.of(a.createdByRun(), "output", a.id(), a.collectionName(), a.version()).toString());
      }
      a.usedBy().forEach(u -> expected.add(
          List.of(u.runName(), "input", a.id(), a.collectionName(), a.version()).toString()));
    }
    expected.sort(Comparator.naturalOrder());
    assertFalse(expected.isEmpty());
    try (Connection c = SERVER.connect("project", SMALL_PROJECT)) {
      assertEquals(expected, sorted(query(c, viaArtifacts)));
      assertEquals(expected, sorted(query(c, "SELECT run_id, direction, artifact_id, collection, version "
          + "FROM lineage")));
      assertEquals(expected, sorted(query(c, viaRuns)));
    }
    assertTrue(expected.stream().map(Objects::toString).anyMatch(s -> s.contains("output")));
  }
}
