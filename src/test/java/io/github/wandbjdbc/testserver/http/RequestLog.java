package io.github.wandbjdbc.testserver.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** The requests a server has answered, and how many it handled at once at most. Thread-safe. */
public final class RequestLog {

  private final List<RecordedRequest> requests = new ArrayList<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private final AtomicLong bodyBytes = new AtomicLong();
  private final AtomicLong sequence = new AtomicLong();
  /** Requests numbered up to this arrived before the last {@link #clear()}: not recorded. */
  private long clearedThrough;

  /** The number of a request that has just arrived. */
  long arrived() {
    return sequence.incrementAndGet();
  }

  /** A response body of {@code bytes} left. */
  void sent(long bytes) {
    bodyBytes.addAndGet(bytes);
  }

  /** Response body bytes sent since the last {@link #clear()}. */
  public long bytesSent() {
    return bodyBytes.get();
  }

  void started() {
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
  }

  void finished() {
    inFlight.decrementAndGet();
  }

  /**
   * Added before the response is sent, so a client that got its answer finds its request here.
   * A request that arrived before the last {@link #clear()} is left out even if it is answered
   * after it: a client that abandoned it (a statement closed while reading ahead) has moved on,
   * and a test counting its next statement's requests must not find it.
   */
  synchronized void add(RecordedRequest request) {
    if (request.seq() > clearedThrough) {
      requests.add(request);
    }
  }

  /** In arrival order (by sequence number, not by completion). */
  public synchronized List<RecordedRequest> requests() {
    List<RecordedRequest> copy = new ArrayList<>(requests);
    copy.sort(Comparator.comparingLong(RecordedRequest::seq));
    return List.copyOf(copy);
  }

  public synchronized int count() {
    return requests.size();
  }

  public synchronized void clear() {
    requests.clear();
    clearedThrough = sequence.get();
    maxInFlight.set(inFlight.get());
    bodyBytes.set(0);
  }

  public int inFlight() {
    return inFlight.get();
  }

  public int maxConcurrent() {
    return maxInFlight.get();
  }
}
