package io.github.wandbjdbc.calcite.runs;

import static io.github.wandbjdbc.calcite.runs.ScanPartsFixtures.names;
import static io.github.wandbjdbc.calcite.runs.ScanPartsFixtures.query;
import static io.github.wandbjdbc.calcite.runs.ScanPartsFixtures.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.wandbjdbc.model.RunNode;
import io.github.wandbjdbc.pushdown.PushedOrder.ValueClass;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

class OrderedSegmentsTest {
  private static final RunNode A = run("a", "{\"x\": 1}");
  private static final RunNode NAN = run("nan", "{\"x\": \"NaN\"}");
  private static final RunNode B = run("b", "{\"x\": 2}");
  private static final RunNode NONE = run("none", "{}");

  private static ValueClass classOf(RunNode run) {
    return switch (run.name()) {
      case "nan" -> ValueClass.NAN;
      case "none" -> ValueClass.NULL;
      default -> ValueClass.FINITE;
    };
  }

  private static ScanStep.Fetch fetch(String segment, Set<ValueClass> hold, boolean few) {
    return new ScanStep.Fetch(segment, query("{\"" + segment + "\": 1}", 10), hold, few);
  }

  @Test
  void heldRunsWaitForTheirRelease() {
    ScanStep.Fetch sorted = fetch("sorted", Set.of(ValueClass.NAN), false);
    ScanStep.Fetch nulls = fetch("nulls", Set.of(), true);
    Map<String, List<RunNode>> served = Map.of("sorted", List.of(A, NAN, B), "nulls",
        List.of(NONE));
    OrderedSegments segments = new OrderedSegments(
        List.of(sorted, new ScanStep.Release(ValueClass.NAN), nulls),
        (f, following) -> served.get(f.segment()).iterator(), OrderedSegmentsTest::classOf);
    assertEquals(List.of("a", "b", "nan", "none"), names(segments));
  }

  @Test
  void aReleaseOfNothingHeldGivesNothing() {
    OrderedSegments segments = new OrderedSegments(
        List.of(new ScanStep.Release(ValueClass.NAN), fetch("sorted", Set.of(), false)),
        (f, following) -> List.of(A, B).iterator(), OrderedSegmentsTest::classOf);
    assertEquals(List.of("a", "b"), names(segments));
  }

  @Test
  void aFewRunFetchIsToldTheFetchesAfterItUpToTheNextLargeOne() {
    ScanStep.Fetch nulls = fetch("nulls", Set.of(), true);
    ScanStep.Fetch nan = fetch("nan", Set.of(), true);
    ScanStep.Fetch sorted = fetch("sorted", Set.of(), false);
    ScanStep.Fetch last = fetch("last", Set.of(), true);
    List<String> told = new ArrayList<>();
    OrderedSegments segments = new OrderedSegments(
        List.of(nulls, nan, new ScanStep.Release(ValueClass.NAN), sorted, last),
        (f, following) -> {
          told.add(f.segment() + "->" + following.stream().map(ScanStep.Fetch::segment).toList());
          return List.<RunNode>of().iterator();
        }, OrderedSegmentsTest::classOf);
    assertEquals(List.of(), names(segments));
    assertEquals(List.of("nulls->[nan, sorted]", "nan->[sorted]", "sorted->[]", "last->[]"), told);
  }

  @Test
  void pagesAreAskedForOnlyAsRunsAreWanted() {
    List<String> started = new ArrayList<>();
    OrderedSegments segments = new OrderedSegments(
        List.of(fetch("one", Set.of(), false), fetch("two", Set.of(), false)),
        (f, following) -> {
          started.add(f.segment());
          return List.of(f.segment().equals("one") ? A : B).iterator();
        }, OrderedSegmentsTest::classOf);
    assertEquals(List.of(), started);
    assertEquals("a", segments.next().name());
    assertEquals(List.of("one"), started);
    assertEquals("b", segments.next().name());
    assertEquals(List.of("one", "two"), started);
  }
}
