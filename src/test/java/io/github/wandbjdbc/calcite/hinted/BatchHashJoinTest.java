package io.github.wandbjdbc.calcite.hinted;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.EnumerableDefaults;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.JoinType;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.function.Function1;
import org.apache.calcite.linq4j.function.Function2;
import org.apache.calcite.linq4j.function.Predicate2;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

/**
 * {@link BatchHashJoin} against Calcite's own batched nested-loop join on random data with
 * repeated keys, NULL keys, unmatched rows, a residual condition and short last batches: the same
 * rows in the same order, for every join type a batched join is planned for.
 */
class BatchHashJoinTest {
  /** An outer row: a run id and a number. */
  record Run(String id, int n) {}

  /** An inner row: a run id and a step. */
  record Step(String id, int step) {}

  @ParameterizedTest
  @EnumSource(value = JoinType.class, names = {"INNER", "LEFT", "SEMI", "ANTI"})
  void sameRowsInTheSameOrderAsCalcitesBatchedJoin(JoinType type) {
    Random random = new Random(42);
    for (int round = 0; round < 40; round++) {
      int batchSize = 1 + random.nextInt(12);
      List<Run> runs = new ArrayList<>();
      for (int i = random.nextInt(40); i > 0; i--) {
        runs.add(new Run(random.nextInt(8) == 0 ? null : "r" + random.nextInt(15), random.nextInt(5)));
      }
      List<Step> steps = new ArrayList<>();
      for (int i = random.nextInt(200); i > 0; i--) {
        steps.add(new Step(random.nextInt(10) == 0 ? null : "r" + random.nextInt(20), random.nextInt(9)));
      }
      List<Integer> innerCalls = new ArrayList<>();
      // As the inner scan does: the steps of the batch's runs only, in the steps' order.
      Function1<List<Run>, Enumerable<Step>> inner = batch -> {
        innerCalls.add(batch.size());
        Set<String> ids = new HashSet<>();
        batch.forEach(r -> ids.add(r.id()));
        return Linq4j.asEnumerable(steps.stream().filter(s -> ids.contains(s.id())).toList());
      };
      // ON r.id = s.id AND s.step >= r.n
      Predicate2<Run, Step> on = (r, s) -> r.id() != null && r.id().equals(s.id()) && s.step() >= r.n();
      Function2<Run, Step, String> row = (r, s) -> r + "|" + s;
      List<String> expected = EnumerableDefaults.correlateBatchJoin(type, Linq4j.asEnumerable(runs),
          inner, row, on, batchSize).toList();
      List<String> actual = BatchHashJoin.join(type, Linq4j.asEnumerable(runs), inner,
          Run::id, Step::id, row, on, batchSize).toList();
      assertEquals(expected, actual, type + " round " + round);
      assertFalse(innerCalls.stream().anyMatch(n -> !Objects.equals(n, batchSize)),
          "the inner side always sees a full batch");
    }
  }

  /**
   * One outer row (a run joined to its history): its matches come as the inner rows are read,
   * none held, a NULL value (a one-column row) is a row too, and closing closes the inner rows.
   */
  @ParameterizedTest
  @EnumSource(value = JoinType.class, names = {"INNER", "LEFT"})
  void oneOuterRowStreamsItsMatches(JoinType type) {
    int[] read = {0};
    boolean[] closed = {false};
    Enumerable<Step> million = new AbstractEnumerable<>() {
      @Override
      public Enumerator<Step> enumerator() {
        return new Enumerator<>() {
          private Step current;

          @Override
          public Step current() {
            return current;
          }

          @Override
          public boolean moveNext() {
            current = new Step(read[0] % 3 == 2 ? "other" : "r1", read[0]);
            return ++read[0] <= 1_000_000;
          }

          @Override
          public void reset() {
            throw new UnsupportedOperationException();
          }

          @Override
          public void close() {
            closed[0] = true;
          }
        };
      }
    };
    // The step, or NULL for even steps: a one-column result whose value may be NULL.
    Function2<Run, Step, Integer> value = (r, s) -> s.step() % 2 == 0 ? null : s.step();
    Enumerator<Integer> rows = BatchHashJoin.join(type, Linq4j.asEnumerable(List.of(new Run("r1", 0))),
        batch -> million, Run::id, Step::id, value, (r, s) -> true, 100).enumerator();
    assertTrue(rows.moveNext());
    assertNull(rows.current());
    assertTrue(rows.moveNext());
    assertEquals(1, rows.current());
    assertTrue(rows.moveNext());
    assertEquals(3, rows.current(), "step 2 is another run's");
    assertEquals(4, read[0], "the inner rows are read only as far as the rows given");
    assertFalse(closed[0]);
    rows.close();
    assertTrue(closed[0], "closing the join closes the inner rows being read");
  }
}
