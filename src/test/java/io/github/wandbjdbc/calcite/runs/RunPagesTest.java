package io.github.wandbjdbc.calcite.runs;

import static io.github.wandbjdbc.calcite.runs.ScanPartsFixtures.names;
import static io.github.wandbjdbc.calcite.runs.ScanPartsFixtures.query;
import static io.github.wandbjdbc.calcite.runs.ScanPartsFixtures.runs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wandbjdbc.calcite.runs.ScanPartsFixtures.PagedRuns;
import io.github.wandbjdbc.client.CallControl;
import io.github.wandbjdbc.client.RunsQuery;
import io.github.wandbjdbc.client.WandbApiException;
import io.github.wandbjdbc.model.Page;
import io.github.wandbjdbc.model.RunNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

class RunPagesTest {
  private final ExecutorService readers = Executors.newFixedThreadPool(2);

  @AfterEach
  void stopReaders() {
    readers.shutdownNow();
  }

  private RunPages pages(RunsQuery first, Function<RunsQuery, Page<RunNode>> read,
      boolean countRuns, boolean readNextAhead, Runnable beforeFirstPage) {
    return new RunPages(first, new AheadReads(read, () -> readers), () -> first.first(),
        countRuns, readNextAhead, beforeFirstPage, CallControl.NONE);
  }

  @Test
  void eachPageContinuesAfterTheOneBeforeAndOnlyTheFirstAsksTheCount() {
    PagedRuns served = new PagedRuns(runs("r", 7), null);
    AtomicInteger before = new AtomicInteger();
    RunPages pages = pages(query("{\"a\": 1}", 3), served::read, true, false,
        before::incrementAndGet);
    assertEquals(List.of("r0", "r1", "r2", "r3", "r4", "r5", "r6"), names(pages));
    List<RunsQuery> asked = served.asked();
    assertEquals(3, asked.size());
    assertEquals(List.of("null true", "3 false", "6 false"),
        asked.stream().map(q -> q.after() + " " + q.withRunCount()).toList());
    assertEquals(1, before.get());
  }

  @Test
  void aRefusalOfWhatWasPushedIsTheFallbacksSignal() {
    PagedRuns served = new PagedRuns(runs("r", 3), "{\"a\": 1}");
    RunPages pages = pages(query("{\"a\": 1}", 3), served::read, false, false, () -> { });
    RefusedPushdown refused = assertThrows(RefusedPushdown.class, pages::hasNext);
    assertEquals("{\"a\": 1}", refused.query().filters());
    assertEquals(WandbApiException.Kind.BAD_REQUEST, refused.refusal().kind());
  }

  @Test
  void aFailureOfAnUnfilteredReadIsNoRefusal() {
    PagedRuns served = new PagedRuns(runs("r", 3), "{}");
    RunPages pages = pages(query("{}", 3), served::read, false, false, () -> { });
    WandbApiException e = assertThrows(WandbApiException.class, pages::hasNext);
    assertEquals(WandbApiException.Kind.BAD_REQUEST, e.kind());
  }

  @Test
  void theSameCursorTwiceEndsTheFetchWithAnError() {
    RunPages pages = pages(query("{}", 2), q -> new Page<>(runs("r", 2), "same", true,
        OptionalLong.empty()), false, false, () -> { });
    assertEquals(List.of("r0", "r1"), List.of(pages.next().name(), pages.next().name()));
    WandbApiException e = assertThrows(WandbApiException.class, pages::hasNext);
    assertEquals(WandbApiException.Kind.MALFORMED_RESPONSE, e.kind());
    assertTrue(e.getMessage().contains("same page cursor twice"), e.getMessage());
  }

  @Test
  void readingAheadAsksEachPageOnceAndNotOnTheReadingThread() {
    PagedRuns served = new PagedRuns(runs("r", 7), null);
    Set<String> threadsOfPagesAfterTheFirst = ConcurrentHashMap.newKeySet();
    Thread test = Thread.currentThread();
    RunPages pages = pages(query("{}", 3), q -> {
      if (q.after() != null) {
        threadsOfPagesAfterTheFirst.add(Thread.currentThread() == test ? "test" : "reader");
      }
      return served.read(q);
    }, false, true, () -> { });
    assertEquals(7, names(pages).size());
    assertEquals(List.of("null", "3", "6"),
        served.asked().stream().map(RunsQuery::after).map(String::valueOf).toList());
    assertEquals(Set.of("reader"), threadsOfPagesAfterTheFirst);
  }

  @Test
  void aPageAskedAheadIsTheOneReturned() {
    PagedRuns served = new PagedRuns(runs("r", 4), null);
    AheadReads reads = new AheadReads(served::read, () -> readers);
    RunsQuery first = query("{}", 10);
    reads.readNextAhead(first);
    Page<RunNode> page = reads.read(query("{}", 4), () -> { });
    assertEquals(4, page.items().size());
    assertEquals(1, served.asked().size(), "the page for 10 runs answers one for 4");
    assertSame(first, served.asked().get(0));
  }
}
