package io.github.wandbjdbc.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** {@link RequestGate}: the connection's bound on requests in flight and its shared pause. */
class RequestGateTest {
  @Test
  void neverMoreRequestsInFlightThanTheCapacity() throws Exception {
    RequestGate gate = new RequestGate(3);
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    ExecutorService threads = Executors.newFixedThreadPool(10);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        done.add(threads.submit(() -> {
          try (RequestGate.Slot slot = gate.enter(CallControl.NONE)) {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            Thread.sleep(10);
            inFlight.decrementAndGet();
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }
    assertEquals(3, most.get());
  }

  @Test
  void aPauseHoldsBackEveryRequestUntilItEnds() {
    RequestGate gate = new RequestGate(4);
    gate.pause(Duration.ofMillis(300));
    gate.pause(Duration.ofMillis(50)); // a shorter pause asked later does not cut it short
    long start = System.nanoTime();
    try (RequestGate.Slot slot = gate.enter(CallControl.NONE)) {
      long waited = (System.nanoTime() - start) / 1_000_000;
      assertTrue(waited >= 280, "waited " + waited + " ms");
    }
    long again = System.nanoTime();
    try (RequestGate.Slot slot = gate.enter(CallControl.NONE)) {
      assertTrue((System.nanoTime() - again) / 1_000_000 < 200, "the pause is over");
    }
  }

  @Test
  void aQueryTimeoutShorterThanThePauseFailsAtOnce() {
    RequestGate gate = new RequestGate(1);
    gate.pause(Duration.ofSeconds(30));
    long start = System.nanoTime();
    WandbApiException e = assertThrows(WandbApiException.class, () -> gate.enter(
        CallControl.of(null, Duration.ofSeconds(2))));
    assertEquals(WandbApiException.Kind.QUERY_TIMEOUT, e.kind());
    assertTrue((System.nanoTime() - start) / 1_000_000 < 1000, "not waiting for the pause");
  }

  @Test
  void aCancelStopsTheWaitForASlot() throws Exception {
    RequestGate gate = new RequestGate(1);
    AtomicBoolean cancel = new AtomicBoolean();
    try (RequestGate.Slot held = gate.enter(CallControl.NONE)) {
      ExecutorService thread = Executors.newSingleThreadExecutor();
      try {
        Future<?> waiting = thread.submit(() -> gate.enter(CallControl.of(cancel, null)));
        Thread.sleep(100);
        cancel.set(true);
        Exception e = assertThrows(Exception.class, () -> waiting.get(5, TimeUnit.SECONDS));
        assertEquals(WandbApiException.Kind.CANCELLED, ((WandbApiException) e.getCause()).kind());
      } finally {
        thread.shutdownNow();
      }
    }
    // The held slot was given back and the cancelled wait took none: this would time out.
    gate.enter(CallControl.of(null, Duration.ofSeconds(2))).close();
  }
}
