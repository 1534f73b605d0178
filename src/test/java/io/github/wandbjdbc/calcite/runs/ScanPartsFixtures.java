package io.github.wandbjdbc.calcite.runs;

import io.github.wandbjdbc.client.RunsQuery;
import io.github.wandbjdbc.client.WandbApiException;
import io.github.wandbjdbc.model.Page;
import io.github.wandbjdbc.model.RunNode;
import io.github.wandbjdbc.model.RunSelection;
import io.github.wandbjdbc.support.RunNodes;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.IntStream;

/** Runs, queries and a paged list of runs for the unit tests of a scan's parts. */
final class ScanPartsFixtures {
  private ScanPartsFixtures() {}

  static RunNode run(String name, String summary) {
    return RunNodes.run(name, null, summary);
  }

  static List<RunNode> runs(String prefix, int n) {
    return IntStream.range(0, n).mapToObj(i -> run(prefix + i, "{\"x\": " + i + "}")).toList();
  }

  static RunsQuery query(String filters, int first) {
    return new RunsQuery("e", "p", filters, RunsScan.DEFAULT_ORDER, first, null,
        RunSelection.all(), false);
  }

  static List<String> names(Iterator<RunNode> runs) {
    List<String> names = new ArrayList<>();
    runs.forEachRemaining(r -> names.add(r.name()));
    return names;
  }

  /**
   * Pages of {@code runs} as a Relay connection pages them: the cursor is the position after the
   * page's last run. Records each query; refuses any whose filters are {@code refused}.
   */
  static final class PagedRuns {
    final List<RunsQuery> asked = new ArrayList<>();
    private final List<RunNode> runs;
    private final String refused;

    PagedRuns(List<RunNode> runs, String refused) {
      this.runs = runs;
      this.refused = refused;
    }

    synchronized Page<RunNode> read(RunsQuery q) {
      asked.add(q);
      if (q.filters().equals(refused)) {
        throw new WandbApiException(WandbApiException.Kind.BAD_REQUEST, 400,
            "invalid filters", null);
      }
      int from = q.after() == null ? 0 : Integer.parseInt(q.after());
      int to = Math.min(runs.size(), from + q.first());
      return new Page<>(runs.subList(from, to), String.valueOf(to), to < runs.size(),
          OptionalLong.empty());
    }

    synchronized List<RunsQuery> asked() {
      return List.copyOf(asked);
    }
  }
}
