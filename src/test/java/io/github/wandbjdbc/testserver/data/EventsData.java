package io.github.wandbjdbc.testserver.data;

import java.util.List;
import java.util.Map;

/**
 * The system-metric stream of one run ({@code Run.events}): rows such as
 * {@code {"_wandb": true, "_timestamp": …, "_runtime": …, "system.cpu": …}} in logging order.
 */
public interface EventsData {

  /** Number of rows ({@code Run.eventsLineCount}). */
  long rowCount();

  /** Every row, in logging order (fresh, mutable maps). */
  List<Map<String, Object>> rows();

  static EventsData empty() {
    return StoredEvents.EMPTY;
  }

  static EventsData of(List<Map<String, Object>> rows) {
    return StoredEvents.ofRows(rows, new JsonValues());
  }
}
