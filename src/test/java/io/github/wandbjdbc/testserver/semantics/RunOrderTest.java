package io.github.wandbjdbc.testserver.semantics;

import io.github.wandbjdbc.testserver.data.JsonValues;
import io.github.wandbjdbc.testserver.data.ProjectData;
import io.github.wandbjdbc.testserver.data.RunData;
import io.github.wandbjdbc.testserver.data.TestRuns;

import static io.github.wandbjdbc.testserver.data.TestRuns.config;
import static io.github.wandbjdbc.testserver.data.TestRuns.map;
import static io.github.wandbjdbc.testserver.data.TestRuns.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Order strings: documented keys only, Mongo's type order, NULL placement and the seq tie-break. */
class RunOrderTest {

  private static final JsonValues JSON = new JsonValues();

  /** Creation order = list order (seq 1…7); summary "m" covers every kind of value. */
  private static final ProjectData PROJECT = TestRuns.project(
      run("n1").summary(map("m", "text")).config(config("x", map("y", 3L))).build(),
      run("n2").summary(map("m", 0.5)).config(config("x", map("y", 1L))).build(),
      run("n3").summary(map()).build(),
      run("n4").summary(map("m", Double.NaN)).config(config("x", map("y", 2L))).build(),
      run("n5").summary(map("m", Double.NEGATIVE_INFINITY)).build(),
      run("n6").summary(map("m", null)).config(config("x", map("y", 1L))).build(),
      run("n7").summary(map("m", 7L)).build());

  @Test
  void nullAndMissingSortLowestThenNaNThenNumbersThenStrings() {
    assertEquals("n3 n6 n4 n5 n2 n7 n1", order("+summary_metrics.m", false));
    assertEquals("n3 n6 n4 n5 n2 n7 n1", order("summary_metrics.m", false));
  }

  @Test
  void descendingPutsNullsLastAndKeepsTiesInCreationOrder() {
    assertEquals("n1 n7 n2 n5 n4 n3 n6", order("-summary_metrics.m", false));
  }

  @Test
  void configOrderKeysAddressTheUnwrappedConfigWithValueAtTheEnd() {
    // n2 and n6 tie on y = 1: creation order (seq) decides, in both directions.
    assertEquals("n3 n5 n7 n2 n6 n4 n1", order("+config.x.y.value", false));
    assertEquals("n1 n4 n2 n6 n3 n5 n7", order("-config.x.y.value", false));
  }

  @Test
  void createdAtIsTheDefaultNewestFirstWithTiesBySeq() {
    Instant t = Instant.parse("2024-05-01T00:00:00Z");
    ProjectData project = TestRuns.project(
        run("old").createdAt(t.minusSeconds(60)).build(),
        run("tieA").createdAt(t).build(),
        run("tieB").createdAt(t).build(),
        run("new").createdAt(t.plusNanos(1_000)).heartbeatAt(t).build());
    RunQuery query = new RunQuery(new ValueOrder(false), JSON);
    assertEquals("new tieA tieB old", names(query.select(project, null, null)));
    assertEquals("new tieA tieB old", names(query.select(project, null, "-created_at")));
    assertEquals("old tieA tieB new", names(query.select(project, null, "+created_at")));
    // heartbeat_at is null on all but one run: nulls first ascending.
    assertEquals("old tieA tieB new", names(query.select(project, null, "heartbeat_at")));
    assertEquals("new old tieA tieB", names(query.select(project, null, "-heartbeat_at")));
  }

  @Test
  void stringOrderFollowsTheCaseMode() {
    ProjectData project = TestRuns.project(
        run("r1").summary(map("s", "b")).build(),
        run("r2").summary(map("s", "A")).build(),
        run("r3").summary(map("s", "a")).build(),
        run("r4").summary(map("s", "C")).build());
    assertEquals("r2 r4 r3 r1", names(new RunQuery(new ValueOrder(false), JSON).select(project, null, "summary_metrics.s")));
    assertEquals("r2 r3 r1 r4", names(new RunQuery(new ValueOrder(true), JSON).select(project, null, "summary_metrics.s")));
  }

  @Test
  void typeBracketsFollowMongo() {
    ValueOrder values = new ValueOrder(false);
    List<Object> ascending = List.of(
        Double.NaN, Double.NEGATIVE_INFINITY, -1L, 0.5, 1L, new java.math.BigInteger("99999999999999999999"),
        Double.POSITIVE_INFINITY, "", "a", map("k", 1L), List.of(1L), false, true);
    for (int i = 0; i + 1 < ascending.size(); i++) {
      Object lower = ascending.get(i);
      Object higher = ascending.get(i + 1);
      assertTrue(values.compareForSort(lower, higher) < 0, lower + " < " + higher);
      assertTrue(values.compareForSort(higher, lower) > 0, higher + " > " + lower);
    }
    assertTrue(values.compareForSort(null, Double.NaN) < 0);
    assertEquals(0, values.compareForSort(2L, 2.0));
  }

  @ParameterizedTest
  @ValueSource(strings = {"createdAt", "-name", "+summary.loss", "config.lr", "config.x.value.y", "updated_at",
      "summary_metrics.", "config..value", "++created_at"})
  void undocumentedOrderKeysAreRejected(String order) {
    RequestRejectedException e = assertThrows(RequestRejectedException.class, () -> RunOrder.parse(order));
    assertTrue(e.getMessage().contains("order key") || e.getMessage().contains("malformed"), e.getMessage());
  }

  @Test
  void signParsing() {
    assertTrue(RunOrder.parse("-created_at").descending());
    assertFalse(RunOrder.parse("+created_at").descending());
    assertFalse(RunOrder.parse("created_at").descending());
    assertEquals("-created_at", RunOrder.parse("  ").toString());
    assertEquals("summary_metrics.val/loss", RunOrder.parse("-summary_metrics.val/loss").key());
  }

  private static String order(String order, boolean caseInsensitive) {
    return names(new RunQuery(new ValueOrder(caseInsensitive), JSON).select(PROJECT, null, order));
  }

  private static String names(List<RunData> runs) {
    return runs.stream().map(RunData::name).collect(Collectors.joining(" "));
  }
}
