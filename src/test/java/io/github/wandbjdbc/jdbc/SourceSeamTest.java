package io.github.wandbjdbc.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wandbjdbc.client.ApiKey;
import io.github.wandbjdbc.client.ClientOptions;
import io.github.wandbjdbc.client.RetryPolicy;
import io.github.wandbjdbc.client.WandbClient;
import io.github.wandbjdbc.source.GraphQlSource;
import io.github.wandbjdbc.source.InMemorySource;
import io.github.wandbjdbc.support.SqlRows;
import io.github.wandbjdbc.support.TestServerExtension;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * The read interface is the one seam between the tables and W&B: a source over runs and history
 * held in memory ({@link InMemorySource}, which filters nothing), plugged in without any table
 * knowing, answers the SQL of the runs and history differential corpora with the rows the test
 * server's GraphQL API gives, and the server hears nothing from it.
 */
class SourceSeamTest {
  @RegisterExtension
  static final TestServerExtension SERVER = new TestServerExtension();

  private static InMemorySource memory;
  private static Connection throughMemory;
  private static Connection smallThroughMemory;
  private static Connection throughGraphQl;
  private static Connection smallThroughGraphQl;

  @BeforeAll
  static void copyTheSampleProjects() throws SQLException {
    WandbClient client = new WandbClient(new ClientOptions(URI.create(SERVER.server().baseUrl()),
        new ApiKey(SERVER.apiKey()), Duration.ofSeconds(5), Duration.ofSeconds(30),
        new RetryPolicy(0, Duration.ZERO, Duration.ZERO), "wandb-jdbc-test"));
    try (GraphQlSource graphQl = new GraphQlSource(client)) {
      memory = InMemorySource.copyOf(graphQl, TestServerExtension.ENTITY,
          List.of(TestServerExtension.BIG_PROJECT, TestServerExtension.SMALL_PROJECT),
          List.of(TestServerExtension.SMALL_PROJECT));
    }
    WandbDriver driver = (WandbDriver) DriverManager.getDriver(WandbDriver.PREFIX);
    throughMemory = driver.connect(memory, TestServerExtension.ENTITY,
        TestServerExtension.BIG_PROJECT, SERVER.properties());
    smallThroughMemory = driver.connect(memory, TestServerExtension.ENTITY,
        TestServerExtension.SMALL_PROJECT, SERVER.properties());
    throughGraphQl = SERVER.connect();
    smallThroughGraphQl = SERVER.connect("project", TestServerExtension.SMALL_PROJECT);
    SERVER.server().clearRequests();
  }

  @AfterAll
  static void close() throws SQLException {
    for (Connection c : List.of(throughMemory, smallThroughMemory, throughGraphQl,
        smallThroughGraphQl)) {
      c.close();
    }
    assertTrue(memory.closed(), "closing the connection closes its source");
  }

  static Stream<PushdownDifferentialTest.Case> runsCorpus() {
    return PushdownDifferentialTest.corpus().stream();
  }

  /** The corpus queries that read only runs and history. */
  static Stream<OtherTablesDifferentialTest.Case> historyCorpus() {
    return OtherTablesDifferentialTest.corpus(SERVER.server()).stream()
        .filter(c -> c.sql().contains("history") && !c.sql().matches(
            "(?s).*\\b(system_metrics|files|artifacts|lineage|sweeps)\\b.*"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("runsCorpus")
  void runsQueriesGiveTheRowsOfTheGraphQlSource(PushdownDifferentialTest.Case c)
      throws SQLException {
    Object[] parameters = c.parameters().toArray();
    List<List<Object>> expected = SqlRows.query(throughGraphQl, c.sql(), parameters);
    List<List<Object>> actual = SqlRows.query(throughMemory, c.sql(), parameters);
    switch (c.compare()) {
      case SEQUENCE -> assertEquals(expected, actual);
      case ROWS -> assertEquals(SqlRows.sorted(expected), SqlRows.sorted(actual));
      case ROWS_AND_FIRST_COLUMN_ORDER -> {
        assertEquals(SqlRows.sorted(expected), SqlRows.sorted(actual));
        assertEquals(expected.stream().map(r -> r.get(0)).toList(),
            actual.stream().map(r -> r.get(0)).toList());
      }
      default -> throw new AssertionError(c.compare());
    }
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("historyCorpus")
  void historyQueriesGiveTheRowsOfTheGraphQlSource(OtherTablesDifferentialTest.Case c)
      throws SQLException {
    assertEquals(SqlRows.sorted(SqlRows.query(smallThroughGraphQl, c.sql())),
        SqlRows.sorted(SqlRows.query(smallThroughMemory, c.sql())));
  }

  @Test
  void theCorporaAreThereAndTheMemorySourceIsReadNotTheServer() throws SQLException {
    assertTrue(historyCorpus().count() >= 40, "history cases: " + historyCorpus().count());
    long reads = memory.reads();
    int requests = SERVER.server().requests().size();
    List<List<Object>> rows = SqlRows.query(smallThroughMemory,
        "SELECT r.run_id, COUNT(*) FROM runs r JOIN history h ON h.run_id = r.run_id"
            + " GROUP BY r.run_id");
    assertEquals(requests, SERVER.server().requests().size(), "the server heard nothing");
    assertTrue(memory.reads() > reads, "the memory source was read");
    assertEquals(SqlRows.sorted(SqlRows.query(smallThroughGraphQl,
        "SELECT run_id, COUNT(*) FROM history GROUP BY run_id")), SqlRows.sorted(rows));
    assertEquals(24, rows.size());
  }
}
