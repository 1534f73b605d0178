package io.github.wandbjdbc.calcite.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wandbjdbc.client.WandbApiException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

/** {@link ReadAhead}: the sequential rows, fewer requests for small reads, a bound for big ones. */
class ReadAheadTest {
  private final ExecutorService executor = Executors.newFixedThreadPool(8);
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger mostRunning = new AtomicInteger();
  private final AtomicInteger startedReads = new AtomicInteger();

  @AfterEach
  void stop() throws InterruptedException {
    executor.shutdownNow();
    assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS));
  }

  /** Read {@code i} gives {@code size} rows {@code i * 1_000_000 + j}, after a random pause. */
  private Supplier<List<Long>> read(int i, int size, long maxPauseMillis) {
    return () -> {
      startedReads.incrementAndGet();
      mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
      try {
        if (maxPauseMillis > 0) {
          Thread.sleep(ThreadLocalRandom.current().nextLong(maxPauseMillis + 1));
        }
        return LongStream.range(0, size).map(j -> i * 1_000_000L + j).boxed().toList();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } finally {
        running.decrementAndGet();
      }
    };
  }

  private Iterator<Supplier<List<Long>>> reads(int count, int size, long maxPauseMillis) {
    return IntStream.range(0, count).mapToObj(i -> read(i, size, maxPauseMillis)).iterator();
  }

  private static List<Long> expected(int count, int size) {
    List<Long> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      for (int j = 0; j < size; j++) {
        rows.add(i * 1_000_000L + j);
      }
    }
    return rows;
  }

  @Test
  void rowsComeInTheReadsOrderThoughReadsFinishInAnyOrder() {
    List<Long> rows = new ArrayList<>();
    try (ReadAhead<Long> ahead = new ReadAhead<>(reads(60, 500, 15), executor, 5)) {
      ahead.forEachRemaining(rows::add);
    }
    assertEquals(expected(60, 500), rows);
    assertEquals(60, startedReads.get());
    assertTrue(mostRunning.get() > 1, "reads overlapped: " + mostRunning.get());
    assertTrue(mostRunning.get() <= 6, "at most the current read and 5 ahead: " + mostRunning.get());
  }

  @Test
  void nothingIsReadAheadBeforeTheConsumerHasTakenAThousandRows() {
    try (ReadAhead<Long> ahead = new ReadAhead<>(reads(100, 10, 0), executor, 7)) {
      for (int i = 0; i < ReadAhead.ROWS_BEFORE_READING_AHEAD; i++) {
        assertEquals((i / 10) * 1_000_000L + i % 10, ahead.next());
      }
      // A LIMIT of 1,000 rows made exactly the 100 requests it needed, one after another.
      assertEquals(100, startedReads.get());
      assertEquals(1, mostRunning.get());
      assertFalse(ahead.hasNext());
    }
  }

  @Test
  void aLongScanReadsAheadUpToTheBoundAndNoFurther() throws InterruptedException {
    List<Long> rows = new ArrayList<>();
    try (ReadAhead<Long> ahead = new ReadAhead<>(reads(40, 1000, 0), executor, 3)) {
      // Past the first 1,000 rows: the second read runs here and the third ahead of it; then
      // two, then three ahead.
      for (int i = 0; i < 5 * 1000; i++) {
        rows.add(ahead.next());
      }
      Thread.sleep(100);
      assertTrue(startedReads.get() <= 5 + 3, "5 reads used, at most 3 ahead: " + startedReads.get());
      assertTrue(startedReads.get() >= 5 + 2, "reading ahead: " + startedReads.get());
      ahead.forEachRemaining(rows::add);
    }
    assertEquals(expected(40, 1000), rows);
  }

  @Test
  void aFailedReadFailsTheScanWhenItsRowsAreReached() {
    WandbApiException failure = new WandbApiException(WandbApiException.Kind.SERVER_ERROR, "boom");
    List<Supplier<List<Long>>> reads = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      reads.add(i == 4 ? () -> {
        throw failure;
      } : read(i, 1000, 5));
    }
    List<Long> rows = new ArrayList<>();
    try (ReadAhead<Long> ahead = new ReadAhead<>(reads.iterator(), executor, 4)) {
      WandbApiException thrown = assertThrows(WandbApiException.class,
          () -> ahead.forEachRemaining(rows::add));
      assertSame(failure, thrown);
    }
    assertEquals(expected(4, 1000), rows, "every row before the failed read, none after");
  }

  @Test
  void closingCancelsTheReadsAheadAndHidesTheirFailures() throws InterruptedException {
    CountDownLatch blocked = new CountDownLatch(2);
    AtomicInteger interrupted = new AtomicInteger();
    List<Supplier<List<Long>>> reads = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      reads.add(read(i, 1000, 0));
    }
    for (int i = 3; i < 5; i++) {
      reads.add(() -> {
        blocked.countDown();
        try {
          Thread.sleep(60_000);
        } catch (InterruptedException e) {
          interrupted.incrementAndGet();
        }
        throw new WandbApiException(WandbApiException.Kind.IO_ERROR, "never seen");
      });
    }
    ReadAhead<Long> ahead = new ReadAhead<>(reads.iterator(), executor, 2);
    // Row 1,001 starts the third read ahead of the second; row 2,001 the fourth and fifth.
    for (int i = 0; i < 2001; i++) {
      ahead.next();
    }
    assertTrue(blocked.await(10, TimeUnit.SECONDS), "the reads ahead started");
    ahead.close();
    assertFalse(ahead.hasNext());
    executor.shutdown();
    assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS));
    assertEquals(2, interrupted.get(), "both reads ahead were stopped");
  }
}
