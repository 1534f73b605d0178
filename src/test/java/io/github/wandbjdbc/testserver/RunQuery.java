package io.github.wandbjdbc.testserver;

import java.util.Comparator;
import java.util.List;

/**
 * Answers {@code Project.runs} and {@code Project.runCount}: filter, sort, and cut one page after a
 * cursor. Pure; the data is immutable, so every page of one filter/order is a slice of one total
 * order and paging is exact.
 */
final class RunQuery {

  private final ValueOrder values;
  private final JsonValues json;

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
    List<RunData> matching = project.runs().stream().filter(r -> filter.test(r, values)).sorted(comparator).toList();
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
