package io.github.wandbjdbc.testserver.semantics;

import io.github.wandbjdbc.testserver.data.HistoryData;
import io.github.wandbjdbc.testserver.data.JsonValues;
import io.github.wandbjdbc.testserver.generate.GeneratedHistory;
import io.github.wandbjdbc.testserver.generate.StepSchedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The pure pieces behind history, files and artifact serving: schedules, sampling, LIKE, filters. */
class StreamPiecesTest {

  private static List<Long> list(long[] steps) {
    return Arrays.stream(steps).boxed().toList();
  }

  @Test
  void schedulesHaveAStrideTheLastStepAndGaps() {
    StepSchedule every3 = StepSchedule.every(3, 10);
    assertEquals(List.of(0L, 3L, 6L, 9L, 10L), list(every3.steps(0, Long.MAX_VALUE)));
    assertEquals(List.of(3L, 6L), list(every3.steps(1, 9)), "max exclusive");
    assertEquals(List.of(), list(every3.steps(11, 20)));
    StepSchedule gap = StepSchedule.every(1, 600).withGap(99, 500);
    assertEquals(List.of(98L, 99L, 500L, 501L), list(gap.steps(98, 502)));
    assertEquals(List.of(), list(gap.steps(100, 500)));
    assertEquals(List.of(), list(StepSchedule.none().steps(0, Long.MAX_VALUE)));
    GeneratedHistory history = new GeneratedHistory(gap, step -> new java.util.HashMap<>(Map.of("_step", step)));
    assertEquals(601 - 400, history.rowCount());
    assertEquals(600, history.lastStep());
  }

  @Test
  void samplingKeepsEvenlySpreadRows() {
    List<Integer> rows = java.util.stream.IntStream.range(0, 10).boxed().toList();
    assertEquals(List.of(0, 2, 4, 6, 8), Samples.of(rows, 5));
    assertEquals(rows, Samples.of(rows, 10));
    assertEquals(rows, Samples.of(rows, null), "default 500");
    assertEquals(List.of(), Samples.of(rows, 0));
    assertEquals(List.of(0L, 5L), list(Samples.of(new long[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 2)));
    assertThrows(RequestRejectedException.class, () -> Samples.of(rows, -1));
  }

  @Test
  void storedHistoryFilesRowsByStep() {
    HistoryData history = HistoryData.of(List.of(Map.of("_step", 5L, "x", 1L), Map.of("_step", 2L, "x", Double.NaN)));
    assertEquals(List.of(2L, 5L), list(history.steps(0, 100)));
    assertTrue(((Double) history.row(2).get("x")).isNaN());
    assertEquals(5, history.lastStep());
    assertEquals(-1, HistoryData.empty().lastStep());
    assertThrows(IllegalArgumentException.class, () -> HistoryData.of(List.of(Map.of("_step", 1L), Map.of("_step", 1L))));
  }

  @Test
  void likeMatchesWholeNamesWithEscapes() {
    assertTrue(MysqlLike.compile("a%_c").matcher("abxc").matches());
    assertFalse(MysqlLike.compile("a\\%c").matcher("abc").matches());
    assertTrue(MysqlLike.compile("a\\%c").matcher("a%c").matches());
    assertTrue(MysqlLike.compile("a.c").matcher("a.c").matches());
    assertFalse(MysqlLike.compile("a.c").matcher("abc").matches(), "regex characters are literal");
  }

  @Test
  void jsonFiltersTakeOnlyTheirKeys() {
    JsonValues json = new JsonValues();
    Predicate<Map<String, Object>> committed = JsonFilter.parse("{\"state\": \"COMMITTED\"}", Set.of("state"), json);
    assertTrue(committed.test(Map.of("state", "COMMITTED")));
    assertFalse(committed.test(Map.of("state", "DELETED")));
    Predicate<Map<String, Object>> either = JsonFilter.parse(
        "{\"$or\": [{\"state\": {\"$in\": [\"A\", \"B\"]}}, {\"state\": {\"$regex\": \"^Z\"}}]}", Set.of("state"), json);
    assertTrue(either.test(Map.of("state", "B")));
    assertTrue(either.test(Map.of("state", "Zed")));
    assertFalse(either.test(Map.of("state", "C")));
    assertTrue(JsonFilter.parse("{}", Set.of("state"), json).test(Map.of("state", "X")));
    assertTrue(JsonFilter.parse(null, Set.of("state"), json).test(Map.of("state", "X")));
    JsonFilter.UnsupportedFilter unknown = assertThrows(JsonFilter.UnsupportedFilter.class,
        () -> JsonFilter.parse("{\"alias\": \"latest\"}", Set.of("state"), json));
    assertTrue(unknown.getMessage().contains("filters"));
    assertThrows(JsonFilter.UnsupportedFilter.class, () -> JsonFilter.parse("{\"state\": {\"$gt\": 1}}", Set.of("state"), json));
    assertThrows(JsonFilter.UnsupportedFilter.class, () -> JsonFilter.parse("[1]", Set.of("state"), json));
  }
}
