package io.github.wandbjdbc.jdbc;

import io.github.wandbjdbc.support.BadServerAnswerFamily;
import io.github.wandbjdbc.support.BadSqlFamily;
import io.github.wandbjdbc.support.BadStreamAnswerFamily;
import io.github.wandbjdbc.support.CorpusTally;
import io.github.wandbjdbc.support.SqlRows;
import io.github.wandbjdbc.support.TestServerExtension;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A generated corpus of malformed and hostile inputs, in six families: SQL, connection URLs and
 * properties, and server answers (to Runs; to the history and system-metrics reads; to the
 * artifact listings). Each input ends either in an {@code SQLException} with an
 * SQLState (five characters), a message and no API key, or in correct rows; no other Throwable
 * escapes, and each family is bounded in time, so a hang fails instead of blocking CI. Each family
 * prints one summary line (inputs, rows, SQLExceptions by state) for the release notes.
 */
class BadInputCorpusTest {
  private static final int MIN_SQL = 400;
  private static final int MIN_CONNECTION = 300;
  private static final int MIN_SERVER_ANSWERS = 300;
  private static final int MIN_HISTORY_ANSWERS = 200;
  private static final int MIN_SYSTEM_METRICS_ANSWERS = 60;
  private static final int MIN_ARTIFACT_ANSWERS = 150;
  private static final int FAMILIES = 6;
  private static final int MIN_TOTAL = 1_400;

  @RegisterExtension
  static final TestServerExtension SERVER = new TestServerExtension();

  private static final Map<String, Integer> INPUTS_BY_FAMILY = new ConcurrentHashMap<>();

  @AfterEach
  void noFaultLeftOver() {
    SERVER.server().faults().clear();
  }

  /** The total is asserted when all families ran (not when one is selected alone). */
  @AfterAll
  static void atLeastTheMinimumInAll() {
    if (INPUTS_BY_FAMILY.size() == FAMILIES) {
      int total = INPUTS_BY_FAMILY.values().stream().mapToInt(Integer::intValue).sum();
      System.out.println("bad-input corpus, total: " + total + " inputs " + INPUTS_BY_FAMILY);
      assertTrue(total >= MIN_TOTAL, "only " + total + " inputs in all");
    }
  }

  @Test
  void sqlFamily() {
    CorpusTally tally = assertTimeoutPreemptively(Duration.ofSeconds(120),
        () -> BadSqlFamily.run(SERVER));
    finish(tally, MIN_SQL);
  }

  @Test
  void urlAndPropertiesFamily() {
    CorpusTally tally = assertTimeoutPreemptively(Duration.ofSeconds(120),
        () -> BadConnectionFamily.run(SERVER));
    finish(tally, MIN_CONNECTION);
  }

  @Test
  void serverAnswerFamily() {
    CorpusTally tally = assertTimeoutPreemptively(Duration.ofSeconds(120),
        () -> BadServerAnswerFamily.run(SERVER));
    finish(tally, MIN_SERVER_ANSWERS);
  }

  @Test
  void historyAnswerFamily() {
    CorpusTally tally = assertTimeoutPreemptively(Duration.ofSeconds(120),
        () -> BadStreamAnswerFamily.history(SERVER));
    finish(tally, MIN_HISTORY_ANSWERS);
  }

  @Test
  void systemMetricsAnswerFamily() {
    CorpusTally tally = assertTimeoutPreemptively(Duration.ofSeconds(60),
        () -> BadStreamAnswerFamily.systemMetrics(SERVER));
    finish(tally, MIN_SYSTEM_METRICS_ANSWERS);
  }

  @Test
  void artifactAnswerFamily() {
    CorpusTally tally = assertTimeoutPreemptively(Duration.ofSeconds(90),
        () -> BadStreamAnswerFamily.artifacts(SERVER));
    finish(tally, MIN_ARTIFACT_ANSWERS);
  }

  /**
   * Guards the fix for the input "created_at > ? with -Infinity": a Double bound to a TIMESTAMP
   * parameter is no longer pushed, but a Timestamp (which Calcite holds as a Long) still is.
   */
  @Test
  void timestampParameterIsStillPushed() throws Exception {
    try (Connection c = SERVER.connect("project", TestServerExtension.SMALL_PROJECT)) {
      SERVER.server().clearRequests();
      SqlRows.query(c, "SELECT run_id FROM runs WHERE created_at > ?",
          Timestamp.valueOf("2001-02-03 04:05:06"));
      assertTrue(SERVER.server().requests().stream()
          .filter(r -> "Runs".equals(r.operationName()))
          .anyMatch(r -> r.variables().toString().contains("2001-02-03T04:05")),
          "the timestamp went to W&B as a createdAt filter: " + SERVER.server().requests());
    }
  }

  private static void finish(CorpusTally tally, int minimum) {
    System.out.println(tally.summary());
    INPUTS_BY_FAMILY.put(tally.family(), tally.inputs());
    tally.assertNoFailures();
    assertTrue(tally.inputs() >= minimum, "only " + tally.inputs() + " inputs, want " + minimum);
  }
}
