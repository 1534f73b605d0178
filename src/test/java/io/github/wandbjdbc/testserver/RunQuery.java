package io.github.wandbjdbc.testserver;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Answers {@code Project.runs} and {@code Project.runCount}: filter, sort, and cut one page after a
 * cursor. Pure; the data is immutable, so every page of one filter/order is a slice of one total
 * order and paging is exact.
 */
final class RunQuery {

  private static final int REMEMBERED_SELECTIONS = 64;

  private final ValueOrder values;
  private final JsonValues json;
  /**
   * The matching runs in order, per project, filter and order. The data never changes, so the
   * pages after the first need not filter and sort every run again, as a database's index spares
   * W&B; without this the server's own time per page would dominate benchmarks of large scans.
   */
  private final Map<Selection, List<RunData>> selections = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Selection, List<RunData>> eldest) {
      return size() > REMEMBERED_SELECTIONS;
    }
  };

  /** A selection's key: the project by identity (its equality would compare every run). */
  private record Selection(ProjectData project, String filters, String order) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Selection s && s.project == project && Objects.equals(s.filters, filters)
          && Objects.equals(s.order, order);
    }

    @Override
    public int hashCode() {
      return Objects.hash(System.identityHashCode(project), filters, order);
    }
  }

  RunQuery(ValueOrder values, JsonValues json) {
    this.values = values;
    this.json = json;
  }

  /** One page of runs plus what {@code RunConnection} reports about it. */
  record RunPage(List<RunData> runs, int totalCount, boolean hasNextPage, boolean hasPreviousPage) {
    RunPage {
      runs = List.copyOf(runs);
    }

    static String cursorOf(RunData run) {
      return Cursors.encode("run", run.seq());
    }
  }

  int count(ProjectData project, String filters) {
    RunFilter filter = RunFilter.parse(filters, json);
    return (int) project.runs().stream().filter(r -> filter.test(r, values)).count();
  }

  /** All matching runs in order (what paging through every page returns, concatenated). */
  List<RunData> select(ProjectData project, String filters, String order) {
    RunFilter filter = RunFilter.parse(filters, json);
    Comparator<RunData> comparator = RunOrder.parse(order).comparator(values);
    return project.runs().stream().filter(r -> filter.test(r, values)).sorted(comparator).toList();
  }

  RunPage page(ProjectData project, String filters, String order, Integer first, String after) {
    int size = PageSize.resolve(first);
    // Parse everything before touching the cursor so errors name the filter/order first.
    RunFilter filter = RunFilter.parse(filters, json);
    Comparator<RunData> comparator = RunOrder.parse(order).comparator(values);
    List<RunData> matching = matching(project, filters, order, filter, comparator);
    int start = 0;
    if (after != null) {
      int seq = Cursors.decode("run", after);
      RunData cursorRun = project.runBySeq(seq).orElseThrow(
          () -> new RequestRejectedException("invalid cursor '" + after + "': no such run in " + project.name()));
      start = firstAfter(matching, cursorRun, comparator);
    }
    int end = Math.min(matching.size(), start + size);
    return new RunPage(matching.subList(start, end), matching.size(), end < matching.size(), start > 0);
  }

  private List<RunData> matching(ProjectData project, String filters, String order,
      RunFilter filter, Comparator<RunData> comparator) {
    Selection key = new Selection(project, filters, order);
    synchronized (selections) {
      List<RunData> known = selections.get(key);
      if (known != null) {
        return known;
      }
    }
    List<RunData> matching = project.runs().stream().filter(r -> filter.test(r, values))
        .sorted(comparator).toList();
    synchronized (selections) {
      selections.put(key, matching);
    }
    return matching;
  }

  /** Index of the first run ordered strictly after {@code cursorRun} (which need not match the filter). */
  private static int firstAfter(List<RunData> sorted, RunData cursorRun, Comparator<RunData> comparator) {
    int low = 0;
    int high = sorted.size();
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (comparator.compare(sorted.get(mid), cursorRun) <= 0) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }
}
