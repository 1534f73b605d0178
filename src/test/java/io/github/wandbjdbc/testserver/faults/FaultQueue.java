package io.github.wandbjdbc.testserver.faults;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.Optional;

/**
 * Scripted faults, served first in, first out: each request takes the oldest queued fault that
 * applies to its operation (faults without {@link Fault#forOperation} apply to every request).
 * Thread-safe.
 */
public final class FaultQueue {

  private final LinkedList<Fault> queue = new LinkedList<>();

  public synchronized FaultQueue enqueue(Fault fault) {
    queue.add(fault);
    return this;
  }

  /** Faults not served yet, oldest first. */
  public synchronized List<Fault> pending() {
    return new ArrayList<>(queue);
  }

  public synchronized void clear() {
    queue.clear();
  }

  public synchronized Optional<Fault> take(String operationName) {
    for (Iterator<Fault> it = queue.iterator(); it.hasNext(); ) {
      Fault fault = it.next();
      if (fault.appliesTo(operationName)) {
        it.remove();
        return Optional.of(fault);
      }
    }
    return Optional.empty();
  }
}
