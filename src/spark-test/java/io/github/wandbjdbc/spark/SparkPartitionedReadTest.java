package io.github.wandbjdbc.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wandbjdbc.jdbc.WandbDriver;
import io.github.wandbjdbc.support.TestServerExtension;
import io.github.wandbjdbc.testserver.http.RecordedRequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Spark (local[2]) reads {@code runs} through its JDBC data source, split on {@code created_at}
 * into partitions that run in parallel. Each partition's range must reach W&B as a
 * {@code createdAt} filter, so that together they read the project once, and the rows must be
 * those of a single read.
 */
class SparkPartitionedReadTest {
  @RegisterExtension
  static final TestServerExtension SERVER = new TestServerExtension();

  private static final ObjectMapper JSON = new ObjectMapper();
  /** Columns Spark's JDBC source can map; tags (ARRAY) and the JSON columns are left out. */
  private static final String COLUMNS =
      "(SELECT run_id, state, created_at, \"config.lr\", \"summary.val/loss\" FROM runs) r";
  private static final int PARTITIONS = 4;

  private static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark = SparkSession.builder().master("local[2]").appName("wandb-jdbc-test")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate();
  }

  @AfterAll
  static void stopSpark() {
    if (spark != null) {
      spark.stop();
    }
  }

  private static org.apache.spark.sql.DataFrameReader jdbc() {
    return spark.read().format("jdbc")
        .option("driver", WandbDriver.class.getName())
        .option("url", WandbDriver.PREFIX + "baseUrl=" + SERVER.server().baseUrl() + ";entity="
            + TestServerExtension.ENTITY + ";project=" + TestServerExtension.BIG_PROJECT)
        // Spark hides options named like passwords in plans and logs; apiKey it would show.
        .option("password", SERVER.apiKey())
        .option("dbtable", COLUMNS)
        .option("fetchsize", "500");
  }

  private static List<String> sortedRows(Dataset<Row> frame) {
    return frame.collectAsList().stream().map(Row::toString).sorted().collect(Collectors.toList());
  }

  @Test
  void partitionsPushTheirRangesAndTogetherGiveTheRowsOfOneRead() throws Exception {
    List<String> single = sortedRows(jdbc().load());
    assertEquals(2000, single.size());

    SERVER.server().clearRequests();
    Dataset<Row> partitioned = jdbc()
        .option("partitionColumn", "created_at")
        .option("lowerBound", "2023-09-01 00:00:00")
        .option("upperBound", "2025-09-01 00:00:00")
        .option("numPartitions", String.valueOf(PARTITIONS))
        .load();
    assertEquals(PARTITIONS, partitioned.rdd().getNumPartitions());
    assertTrue(!partitioned.queryExecution().toString().contains(SERVER.apiKey()),
        "the key is not in Spark's plan");
    List<String> rows = sortedRows(partitioned);
    List<RecordedRequest> requests = List.copyOf(SERVER.server().requests());

    assertEquals(single, rows, "the partitions hold the rows of one read, each once");
    assertEquals(plainJdbcRows(), rows.size(), "and as many as a plain JDBC query");

    // Each connection (Spark opens one per partition) reads one sample page to learn the
    // columns: the requests asking for the run count, never continued. Every other page of runs
    // carries a createdAt range, and the distinct ranges are the partitions: nothing read the
    // whole project.
    Set<String> ranges = new HashSet<>();
    int pages = 0;
    for (RecordedRequest r : requests) {
      if (!"Runs".equals(r.operationName())) {
        continue;
      }
      JsonNode filters = JSON.readTree(r.variables().get("filters").asText());
      if (r.variables().get("withRunCount").asBoolean()) {
        assertTrue(r.variables().get("after").isNull(), "a column sample is one page");
        continue;
      }
      pages++;
      assertTrue(filters.toString().contains("createdAt"),
          "a partition's page without its range: " + filters);
      ranges.add(filters.toString());
    }
    assertEquals(PARTITIONS, ranges.size(), "one range per partition: " + ranges);
    assertTrue(ranges.stream().anyMatch(f -> f.contains("$or") && f.contains("null")),
        "the first partition holds the runs below its bound and those without a date: " + ranges);
    assertTrue(ranges.stream().anyMatch(f -> f.contains("$gte") && !f.contains("$lte")),
        "the last partition is open above: " + ranges);
    // 2,000 runs in pages of the driver's pageSize (100) over four partitions: no run twice.
    assertTrue(pages <= 2000 / 100 + PARTITIONS, pages + " pages");
  }

  @Test
  void sparksSchemaQueryReadsNoRuns() {
    SERVER.server().clearRequests();
    assertEquals(List.of("run_id", "state", "created_at", "config.lr", "summary.val/loss"),
        List.of(jdbc().load().schema().fieldNames()));
    assertTrue(SERVER.server().requests().stream().filter(r -> "Runs".equals(r.operationName()))
        .allMatch(r -> r.variables().get("withRunCount").asBoolean()
            && r.variables().get("after").isNull()),
        "the schema costs the column sample, no page of runs");
  }

  private static long plainJdbcRows() throws Exception {
    Properties p = SERVER.properties();
    try (Connection c = new WandbDriver().connect(WandbDriver.PREFIX, p);
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + COLUMNS)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
