package io.github.wandbjdbc.calcite.runs;

import static io.github.wandbjdbc.calcite.runs.ScanPartsFixtures.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wandbjdbc.calcite.runs.ScanPartsFixtures.PagedRuns;
import io.github.wandbjdbc.client.RunsQuery;
import io.github.wandbjdbc.model.Page;
import io.github.wandbjdbc.model.RunNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

class AheadReadsTest {
  private final ExecutorService readers = Executors.newFixedThreadPool(3);

  @AfterEach
  void stopReaders() {
    readers.shutdownNow();
  }

  @Test
  void aReadAskedAheadForFewerRunsDoesNotAnswer() {
    PagedRuns served = new PagedRuns(ScanPartsFixtures.runs("r", 9), null);
    AheadReads reads = new AheadReads(served::read, () -> readers);
    reads.readFollowingAhead(List.of(query("{\"a\": 1}", 2)));
    assertEquals(5, reads.read(query("{\"a\": 1}", 5), () -> { }).items().size());
    reads.cancelAll();
    assertTrue(served.asked().stream().anyMatch(q -> q.first() == 5));
  }

  @Test
  void followingReadsAreStartedOnceAndEachTakenByItsQuery() {
    PagedRuns served = new PagedRuns(ScanPartsFixtures.runs("r", 9), null);
    AheadReads reads = new AheadReads(served::read, () -> readers);
    RunsQuery nulls = query("{\"x\": null}", 3);
    RunsQuery nan = query("{\"x\": \"NaN\"}", 3);
    reads.readFollowingAhead(List.of(nulls, nan));
    reads.readFollowingAhead(List.of(nulls, nan));
    reads.read(nan, () -> { });
    reads.read(nulls, () -> { });
    assertEquals(2, served.asked().size(), served.asked().toString());
  }

  @Test
  void aNextPageNotTakenIsCancelledAndItsReadInterrupted() throws InterruptedException {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    RunsQuery slow = query("{\"slow\": 1}", 3);
    AheadReads reads = new AheadReads(q -> {
      if (q.equals(slow)) {
        started.countDown();
        try {
          Thread.sleep(60_000);
        } catch (InterruptedException e) {
          interrupted.countDown();
        }
      }
      return new Page<RunNode>(List.of(), null, false, OptionalLong.empty());
    }, () -> readers);
    reads.readNextAhead(slow);
    assertTrue(started.await(10, TimeUnit.SECONDS));
    reads.read(query("{\"other\": 1}", 3), () -> { });
    assertTrue(interrupted.await(10, TimeUnit.SECONDS), "the read ahead was not interrupted");
  }

  @Test
  void beforeRequestRunsAfterTheAheadReadIsTakenAndBeforeTheRead() {
    PagedRuns served = new PagedRuns(ScanPartsFixtures.runs("r", 9), null);
    AheadReads reads = new AheadReads(served::read, () -> readers);
    RunsQuery q = query("{}", 3);
    reads.read(q, () -> assertEquals(0, served.asked().size()));
    assertEquals(List.of(q), served.asked());
  }
}
