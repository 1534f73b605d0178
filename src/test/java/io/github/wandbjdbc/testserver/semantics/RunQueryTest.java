package io.github.wandbjdbc.testserver.semantics;

import io.github.wandbjdbc.testserver.data.JsonValues;
import io.github.wandbjdbc.testserver.data.ProjectData;
import io.github.wandbjdbc.testserver.data.RunData;
import io.github.wandbjdbc.testserver.generate.SampleDataGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Paging through the 2,000 generated runs: every matching run exactly once, in order. */
class RunQueryTest {

  private static final JsonValues JSON = new JsonValues();
  private static final ProjectData RESNET = new SampleDataGenerator().generate()
      .project(SampleDataGenerator.ENTITY, SampleDataGenerator.RESNET_PROJECT);
  private static final RunQuery QUERY = new RunQuery(new ValueOrder(false), JSON);

  static Stream<Arguments> filtersOrdersAndPageSizes() {
    Predicate<RunData> all = r -> true;
    Predicate<RunData> finished = r -> "finished".equals(r.state());
    Predicate<RunData> bigBatch = r -> ((Number) r.config().values().get("batch_size")).longValue() >= 128;
    Predicate<RunData> taggedOrSecondSweep = r -> r.tags().contains("needs review")
        || SampleDataGenerator.SECOND_SWEEP.equals(r.sweepName());
    return Stream.of(
        Arguments.of("{}", all, null, 1000),
        Arguments.of("{}", all, "+created_at", 333),
        Arguments.of("{}", all, "-summary_metrics.loss", 50),
        Arguments.of("{}", all, "+summary_metrics.val/loss", 997),
        Arguments.of("{\"state\": \"finished\"}", finished, "+config.lr.value", 77),
        Arguments.of("{\"state\": \"finished\"}", finished, "-config.model.depth.value", 250),
        Arguments.of("{\"config.batch_size\": {\"$gte\": 128}}", bigBatch, "+heartbeat_at", 101),
        Arguments.of("{\"config.batch_size\": {\"$gte\": 128}}", bigBatch, "-config.optimizer.value", 7),
        Arguments.of("{\"$or\": [{\"tags\": \"needs review\"}, {\"sweep\": \"" + SampleDataGenerator.SECOND_SWEEP + "\"}]}",
            taggedOrSecondSweep, "-summary_metrics.best_epoch", 13));
  }

  @ParameterizedTest(name = "{0} order {2} pages of {3}")
  @MethodSource("filtersOrdersAndPageSizes")
  void pagingReturnsEveryMatchingRunOnceInOrder(String filters, Predicate<RunData> expected, String order, int pageSize) {
    List<RunData> paged = new ArrayList<>();
    String after = null;
    int pages = 0;
    while (true) {
      RunQuery.RunPage page = QUERY.page(RESNET, filters, order, pageSize, after);
      assertEquals(after != null, page.hasPreviousPage());
      paged.addAll(page.runs());
      pages++;
      if (!page.hasNextPage()) {
        break;
      }
      assertEquals(pageSize, page.runs().size(), "only the last page may be short");
      after = RunQuery.RunPage.cursorOf(page.runs().get(page.runs().size() - 1));
    }
    long expectedCount = RESNET.runs().stream().filter(expected).count();
    assertTrue(expectedCount > 0);
    assertEquals(expectedCount, paged.size(), "every matching run once");
    Set<String> names = new HashSet<>();
    paged.forEach(r -> assertTrue(names.add(r.name()), "repeated " + r.name()));
    paged.forEach(r -> assertTrue(expected.test(r), "does not match: " + r.name()));
    assertEquals(names(QUERY.select(RESNET, filters, order)), names(paged));
    assertEquals(expectedCount, QUERY.count(RESNET, filters));
    assertEquals((expectedCount + pageSize - 1) / pageSize, pages);
    var comparator = RunOrder.parse(order).comparator(new ValueOrder(false));
    for (int i = 0; i + 1 < paged.size(); i++) {
      assertTrue(comparator.compare(paged.get(i), paged.get(i + 1)) < 0, "out of order at " + i);
    }
  }

  @Test
  void defaultPageIsFiftyNewestFirst() {
    RunQuery.RunPage page = QUERY.page(RESNET, null, null, null, null);
    assertEquals(PageSize.DEFAULT, page.runs().size());
    assertEquals(SampleDataGenerator.RESNET_RUNS, page.totalCount());
    assertTrue(page.hasNextPage());
    assertFalse(page.hasPreviousPage());
    assertEquals(RESNET.runs().get(RESNET.runs().size() - 1).name(), page.runs().get(0).name());
  }

  @Test
  void anyEdgeCursorResumesRightAfterThatRun() {
    List<RunData> first = QUERY.page(RESNET, "{}", "+summary_metrics.acc", 20, null).runs();
    String cursorOfFifth = RunQuery.RunPage.cursorOf(first.get(4));
    List<RunData> resumed = QUERY.page(RESNET, "{}", "+summary_metrics.acc", 15, cursorOfFifth).runs();
    assertEquals(names(first.subList(5, 20)), names(resumed));
  }

  @Test
  void cursorOfARunOutsideTheFilterStillPositionsByItsSortKey() {
    // Keyset paging: the cursor run need not match the filter; paging resumes after its position.
    List<RunData> all = QUERY.select(RESNET, "{}", "+created_at");
    RunData crashed = all.stream().filter(r -> "crashed".equals(r.state())).skip(3).findFirst().orElseThrow();
    List<RunData> finishedAfter = QUERY.page(RESNET, "{\"state\": \"finished\"}", "+created_at", 1000,
        RunQuery.RunPage.cursorOf(crashed)).runs();
    List<RunData> expected = all.subList(all.indexOf(crashed) + 1, all.size()).stream()
        .filter(r -> "finished".equals(r.state())).limit(1000).toList();
    assertEquals(names(expected), names(finishedAfter));
  }

  @Test
  void zeroPageSizeAnswersCountsOnly() {
    RunQuery.RunPage page = QUERY.page(RESNET, "{\"state\": \"pending\"}", null, 0, null);
    assertTrue(page.runs().isEmpty());
    assertTrue(page.totalCount() > 0);
    assertTrue(page.hasNextPage());
  }

  @Test
  void pageSizeAboveTheCapAndBadCursorsAreRejected() {
    RequestRejectedException tooBig = assertThrows(RequestRejectedException.class,
        () -> QUERY.page(RESNET, null, null, 1001, null));
    assertEquals("first must not exceed 1000", tooBig.getMessage());
    assertEquals(1000, QUERY.page(RESNET, null, null, 1000, null).runs().size());
    assertThrows(RequestRejectedException.class, () -> QUERY.page(RESNET, null, null, -1, null));
    assertThrows(RequestRejectedException.class, () -> QUERY.page(RESNET, null, null, 10, "abc"));
    assertThrows(RequestRejectedException.class,
        () -> QUERY.page(RESNET, null, null, 10, Cursors.encode("project", 1)));
    assertThrows(RequestRejectedException.class,
        () -> QUERY.page(RESNET, null, null, 10, Cursors.encode("run", 99_999)));
  }

  @Test
  void cursorsAreOpaqueAndStable() {
    String cursor = Cursors.encode("run", 42);
    assertFalse(cursor.contains("42"), "cursor should not expose the position in clear text");
    assertEquals(42, Cursors.decode("run", cursor));
    assertNotEquals(cursor, Cursors.encode("project", 42));
  }

  private static List<String> names(List<RunData> runs) {
    return runs.stream().map(RunData::name).toList();
  }
}
