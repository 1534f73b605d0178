package io.github.wandbjdbc.calcite.runs;

import static io.github.wandbjdbc.calcite.runs.ScanPartsFixtures.names;
import static io.github.wandbjdbc.calcite.runs.ScanPartsFixtures.query;
import static io.github.wandbjdbc.calcite.runs.ScanPartsFixtures.runs;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.wandbjdbc.model.RunNode;

import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

class FallbackRunsTest {
  private static final List<RunNode> RUNS = runs("r", 10);

  private static int x(RunNode run) {
    return run.summary().get("x").asInt();
  }

  /** The runs, counting how many have been read. */
  private static Iterator<RunNode> counted(AtomicInteger read) {
    Iterator<RunNode> runs = RUNS.iterator();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return runs.hasNext();
      }

      @Override
      public RunNode next() {
        read.incrementAndGet();
        return runs.next();
      }
    };
  }

  @Test
  void withoutAnOrderFiltersLazily() {
    AtomicInteger read = new AtomicInteger();
    Fallback fallback = new Fallback(query("{}", 5), r -> x(r) % 3 == 0, Optional.empty());
    FallbackRuns runs = new FallbackRuns(fallback, counted(read));
    assertEquals("r0", runs.next().name());
    assertEquals(1, read.get());
    assertEquals("r3", runs.next().name());
    assertEquals(4, read.get());
    assertEquals(List.of("r6", "r9"), names(runs));
  }

  @Test
  void withAnOrderReadsEveryRunThenSortsThoseKept() {
    AtomicInteger read = new AtomicInteger();
    Fallback fallback = new Fallback(query("{}", 5), r -> x(r) % 2 == 1,
        Optional.of(Comparator.comparingInt(FallbackRunsTest::x).reversed()));
    FallbackRuns runs = new FallbackRuns(fallback, counted(read));
    assertEquals("r9", runs.next().name());
    assertEquals(10, read.get());
    assertEquals(List.of("r7", "r5", "r3", "r1"), names(runs));
  }
}
