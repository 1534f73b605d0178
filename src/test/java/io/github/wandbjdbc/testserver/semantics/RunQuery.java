package io.github.wandbjdbc.testserver.semantics;

import io.github.wandbjdbc.testserver.data.JsonValues;
import io.github.wandbjdbc.testserver.data.ProjectData;
import io.github.wandbjdbc.testserver.data.RunData;

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
public final class RunQuery {

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
  private record Selection(ProjectData project, String filters, String order, int arrived) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Selection s && s.project == project && Objects.equals(s.filters, filters)
          && Objects.equals(s.order, order) && s.arrived == arrived;
    }

    @Override
    public int hashCode() {
      return Objects.hash(System.identityHashCode(project), filters, order, arrived);
    }
  }

  /** How paging departs from exact keyset paging, for the tests of what W&B might do. */
  public record Paging(boolean cursorsBound, boolean repeatLastRun, RunArrivals arrivals) {
    static final Paging EXACT = new Paging(false, false, RunArrivals.NONE);
  }

  private final Paging paging;

  public RunQuery(ValueOrder values, JsonValues json) {
    this(values, json, Paging.EXACT);
  }

  /**
   * @param paging {@code cursorsBound}: a cursor is valid only with the filters and order it
   *     was issued for (400 otherwise); {@code repeatLastRun}: every page after the first starts
   *     with the last run of the page before, as an offset-paged listing does when a run is added
   *     while it is read; {@code arrivals}: runs created while a listing is under way
   */
  public RunQuery(ValueOrder values, JsonValues json, Paging paging) {
    this.values = values;
    this.json = json;
    this.paging = paging;
  }

  /** One page of runs plus what {@code RunConnection} reports about it. */
  public record RunPage(List<RunData> runs, List<String> cursors, int totalCount, boolean hasNextPage,
      boolean hasPreviousPage) {
    public RunPage {
      runs = List.copyOf(runs);
      cursors = List.copyOf(cursors);
    }

    static String cursorOf(RunData run) {
      return Cursors.encode("run", run.seq());
    }
  }

  private String cursor(RunData run, String filters, String order) {
    String plain = RunPage.cursorOf(run);
    return paging.cursorsBound() ? plain + "~" + scope(filters, order) : plain;
  }

  private static String scope(String filters, String order) {
    return Integer.toHexString(Objects.hash(filters == null || filters.isBlank() ? "{}" : filters,
        order == null ? "" : order));
  }

  /** The run position of a cursor, refused when it was issued for another filter or order. */
  private int position(String after, String filters, String order) {
    String plain = after;
    if (paging.cursorsBound()) {
      int tilde = after.lastIndexOf('~');
      if (tilde < 0 || !after.substring(tilde + 1).equals(scope(filters, order))) {
        throw new RequestRejectedException("invalid cursor '" + after + "': it was issued for"
            + " other filters or another order");
      }
      plain = after.substring(0, tilde);
    }
    return Cursors.decode("run", plain);
  }

  public int count(ProjectData project, String filters) {
    RunFilter filter = RunFilter.parse(filters, json);
    return (int) paging.arrivals().visible(project).stream().filter(r -> filter.test(r, values))
        .count();
  }

  /** All matching runs in order (what paging through every page returns, concatenated). */
  public List<RunData> select(ProjectData project, String filters, String order) {
    RunFilter filter = RunFilter.parse(filters, json);
    Comparator<RunData> comparator = RunOrder.parse(order).comparator(values);
    return paging.arrivals().visible(project).stream().filter(r -> filter.test(r, values))
        .sorted(comparator).toList();
  }

  public RunPage page(ProjectData project, String filters, String order, Integer first, String after) {
    int size = PageSize.resolve(first);
    // Parse everything before touching the cursor so errors name the filter/order first.
    RunFilter filter = RunFilter.parse(filters, json);
    Comparator<RunData> comparator = RunOrder.parse(order).comparator(values);
    List<RunData> matching = matching(project, filters, order, filter, comparator);
    int start = 0;
    if (after != null) {
      int seq = position(after, filters, order);
      RunData cursorRun = project.runBySeq(seq).orElseThrow(
          () -> new RequestRejectedException("invalid cursor '" + after + "': no such run in " + project.name()));
      start = firstAfter(matching, cursorRun, comparator);
      if (paging.repeatLastRun() && start > 0) {
        start--;
      }
    }
    int end = Math.min(matching.size(), start + size);
    List<RunData> runs = matching.subList(start, end);
    if (after != null) {
      paging.arrivals().pageContinued();
    }
    return new RunPage(runs, runs.stream().map(r -> cursor(r, filters, order)).toList(),
        matching.size(), end < matching.size(), start > 0);
  }

  private List<RunData> matching(ProjectData project, String filters, String order,
      RunFilter filter, Comparator<RunData> comparator) {
    Selection key = new Selection(project, filters, order, paging.arrivals().arrived());
    synchronized (selections) {
      List<RunData> known = selections.get(key);
      if (known != null) {
        return known;
      }
    }
    List<RunData> matching = paging.arrivals().visible(project).stream()
        .filter(r -> filter.test(r, values)).sorted(comparator).toList();
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
