package io.github.wandbjdbc.calcite.runs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wandbjdbc.calcite.common.ScanSettings;
import io.github.wandbjdbc.calcite.common.WandbSession;
import io.github.wandbjdbc.client.CallControl;
import io.github.wandbjdbc.client.WandbApiException;
import io.github.wandbjdbc.support.UnservedSource;

import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

class RunCountReaderTest {
  /** Counts 42 runs for any filter but one it refuses, or fails as told; records the filters. */
  private static final class Counting extends UnservedSource {
    final List<String> asked = new ArrayList<>();
    private final String refused;
    private final WandbApiException.Kind failure;

    Counting(String refused, WandbApiException.Kind failure) {
      this.refused = refused;
      this.failure = failure;
    }

    @Override
    public long runCount(String entity, String project, String filters, CallControl control) {
      asked.add(entity + "/" + project + " " + filters);
      if (failure != null) {
        throw new WandbApiException(failure, 503, "unavailable", null);
      }
      if (filters.equals(refused)) {
        throw new WandbApiException(WandbApiException.Kind.BAD_REQUEST, 400, "bad filters", null);
      }
      return 42;
    }
  }

  private static WandbSession session(UnservedSource source) {
    return new WandbSession(source, "e", new ScanSettings(true, 50, 10));
  }

  /** Five rows "evaluated in the driver"; counts how often they are read. */
  private static Enumerator<Object[]> fiveRuns(AtomicInteger reads) {
    reads.incrementAndGet();
    return Linq4j.enumerator(List.of(new Object[0], new Object[0], new Object[0], new Object[0],
        new Object[0]));
  }

  private static Object[] only(Enumerator<Object[]> rows) {
    assertTrue(rows.moveNext());
    Object[] row = rows.current();
    assertFalse(rows.moveNext());
    return row;
  }

  @Test
  void oneCountRequestAndNoRuns() {
    Counting source = new Counting(null, null);
    AtomicInteger reads = new AtomicInteger();
    RunCountReader reader = new RunCountReader(session(source), "e", "p", () -> fiveRuns(reads));
    assertArrayEquals(new Object[] {42L, 42L},
        only(reader.count("{\"state\": \"finished\"}", 2, CallControl.NONE)));
    assertEquals(List.of("e/p {\"state\": \"finished\"}"), source.asked);
    assertEquals(0, reads.get());
  }

  @Test
  void aRefusedFilterIsCountedInTheDriverAndTheConnectionStopsPushing() {
    Counting source = new Counting("{\"x\": 1}", null);
    WandbSession session = session(source);
    AtomicInteger reads = new AtomicInteger();
    RunCountReader reader = new RunCountReader(session, "e", "p", () -> fiveRuns(reads));
    assertArrayEquals(new Object[] {5L}, only(reader.count("{\"x\": 1}", 1, CallControl.NONE)));
    assertTrue(session.pushdownRefused());
    assertEquals(1, reads.get());
    // Later counts with a filter are not asked of W&B; one without a filter still is.
    assertArrayEquals(new Object[] {5L}, only(reader.count("{\"y\": 2}", 1, CallControl.NONE)));
    assertArrayEquals(new Object[] {42L}, only(reader.count("{}", 1, CallControl.NONE)));
    assertEquals(List.of("e/p {\"x\": 1}", "e/p {}"), source.asked);
  }

  @Test
  void anotherFailureIsTheUsersToSee() {
    Counting source = new Counting(null, WandbApiException.Kind.SERVER_ERROR);
    WandbSession session = session(source);
    RunCountReader reader =
        new RunCountReader(session, "e", "p", () -> fiveRuns(new AtomicInteger()));
    WandbApiException e = assertThrows(WandbApiException.class,
        () -> reader.count("{\"x\": 1}", 1, CallControl.NONE));
    assertEquals(WandbApiException.Kind.SERVER_ERROR, e.kind());
    assertFalse(session.pushdownRefused());
  }
}
