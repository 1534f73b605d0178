package io.github.wandbjdbc.calcite.hinted;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.wandbjdbc.calcite.common.Once;
import io.github.wandbjdbc.calcite.common.PlanningControl;
import io.github.wandbjdbc.calcite.common.WandbSession;
import io.github.wandbjdbc.client.CallControl;
import io.github.wandbjdbc.client.RunsQuery;
import io.github.wandbjdbc.client.WandbApiException;
import io.github.wandbjdbc.columns.ColumnType;
import io.github.wandbjdbc.model.KeySelection;
import io.github.wandbjdbc.model.Page;
import io.github.wandbjdbc.model.RunField;
import io.github.wandbjdbc.model.RunNode;
import io.github.wandbjdbc.model.RunSelection;
import io.github.wandbjdbc.pushdown.HintKind;
import io.github.wandbjdbc.pushdown.ResolvedHints;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * {@code system_metrics}: the rows of each run's system-metrics stream ({@code events}), whose
 * keys are {@code system.*}. W&B offers no step window here, only a sample size, so one request
 * per run asks for more samples than {@code eventsLineCount}; if the answer fills the sample, it
 * may have been down-sampled and the request is repeated with a larger one.
 */
public final class SystemMetricsTable extends LoggedStreamTable {
  private static final int MIN_SAMPLES = 1000;
  private static final int MAX_SAMPLES = 10_000_000;
  private static final String PREFIX = "system.";
  private static final List<TableColumn> FIXED = List.of(
      TableColumn.required("run_id", ColumnType.VARCHAR, "The run's id (runs.run_id)."),
      TableColumn.fixed("logged_at", ColumnType.TIMESTAMP, "When the metrics were taken, UTC (_timestamp)."),
      TableColumn.fixed("runtime_seconds", ColumnType.DOUBLE, "Seconds since the run started (_runtime)."));
  private static final TableColumn ROW =
      TableColumn.fixed("row", ColumnType.JSON, "The whole system-metrics row as JSON.");
  private static final RunSelection RUNS_WITH_EVENT_COUNT = new RunSelection(
      Set.of(RunField.EVENTS_LINE_COUNT), KeySelection.NONE, KeySelection.NONE);

  private final Once<Discovered> discovered = new Once<>(this::discover);

  private record Discovered(List<TableColumn> columns, double runCount, double rowsPerRun) {}

  public SystemMetricsTable(WandbSession session, String entity, String project) {
    super(session, entity, project);
  }

  @Override
  List<TableColumn> columns() {
    return discovered.get().columns();
  }

  /** One request: the newest runs' latest {@code systemMetrics} name and type the columns. */
  private Discovered discover() {
    RunSelection selection = new RunSelection(
        Set.of(RunField.SYSTEM_METRICS, RunField.EVENTS_LINE_COUNT), KeySelection.NONE,
        KeySelection.NONE);
    RunsQuery sample = new RunsQuery(entity, project, "{}", "-created_at",
        session.settings().columnSampleSize(), null, selection, true);
    Page<RunNode> page = session.source().columnSample(sample, PlanningControl.current());
    Map<String, Set<ColumnType>> types = new TreeMap<>();
    for (RunNode run : page.items()) {
      if (run.systemMetrics() == null) {
        continue;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = run.systemMetrics().fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getKey().startsWith("_")) {
          continue;
        }
        String key = e.getKey().startsWith(PREFIX) ? e.getKey() : PREFIX + e.getKey();
        types.computeIfAbsent(key, k -> new HashSet<>()).add(typeOf(e.getValue()));
      }
    }
    List<TableColumn> all = new ArrayList<>(FIXED);
    Map<String, Boolean> folded = new HashMap<>();
    types.forEach((key, seen) -> {
      seen.remove(null);
      if (folded.putIfAbsent(key.toLowerCase(Locale.ROOT), true) == null) {
        ColumnType type = seen.size() == 1 ? seen.iterator().next() : ColumnType.MIXED;
        all.add(new TableColumn(key, type, true, "System metric \"" + key + "\".", key));
      }
    });
    all.add(ROW);
    double rows = page.items().stream().mapToLong(r -> r.eventsLineCount() == null ? 0
        : r.eventsLineCount()).average().orElse(10);
    return new Discovered(List.copyOf(all),
        page.total().isPresent() ? page.total().getAsLong() : DEFAULT_RUN_COUNT, Math.max(1, rows));
  }

  private static ColumnType typeOf(JsonNode v) {
    if (v.isNull()) {
      return null;
    }
    if (v.isNumber() || v.isTextual() && Set.of("NaN", "Infinity", "-Infinity").contains(v.asText())) {
      return ColumnType.DOUBLE;
    }
    if (v.isBoolean()) {
      return ColumnType.BOOLEAN;
    }
    return v.isTextual() ? ColumnType.VARCHAR : ColumnType.JSON;
  }

  @Override
  double runCount() {
    return discovered.get().runCount();
  }

  @Override
  double rowsPerRun() {
    return discovered.get().rowsPerRun();
  }

  @Override
  Map<Integer, HintKind> hintable() {
    return Map.of(RUN_ID, HintKind.ANY_OF);
  }

  @Override
  RunSelection runSelection(ResolvedHints hints) {
    return RUNS_WITH_EVENT_COUNT;
  }

  /** One read per run (W&B has no step windows for events). */
  @Override
  Iterator<Supplier<List<Object[]>>> readsOf(RunNode run, ResolvedHints hints,
      CallControl control) {
    LoggedRowReader reader = new LoggedRowReader("system metrics", columns());
    Supplier<List<Object[]>> read = () -> eventsOf(run, control).stream()
        .map(r -> reader.read(run.name(), r, hints::uses)).toList();
    return List.of(read).iterator();
  }

  /** Every system-metrics row of the run, with a sample size W&B does not fill. */
  private List<ObjectNode> eventsOf(RunNode run, CallControl control) {
    long count = run.eventsLineCount() == null ? 0 : run.eventsLineCount();
    int samples = (int) Math.min(MAX_SAMPLES, Math.max(MIN_SAMPLES, 2 * count));
    List<ObjectNode> rows = session.source().events(entity, project, run.name(), samples, control);
    while (rows.size() >= samples) {
      if (samples >= MAX_SAMPLES) {
        throw new WandbApiException(WandbApiException.Kind.MALFORMED_RESPONSE, 200, "Run '"
            + run.name() + "' has more than " + MAX_SAMPLES + " system-metric rows; W&B would"
            + " return a sample of them, so the driver refuses rather than answer wrongly.", null);
      }
      samples = (int) Math.min(MAX_SAMPLES, (long) samples * 4);
      rows = session.source().events(entity, project, run.name(), samples, control);
    }
    return rows;
  }

  @Override
  public String tableRemarks() {
    return "System metrics (CPU, GPU, memory, …) of the runs of W&B project " + entity + "/"
        + project + ", one row per sample the W&B client took.";
  }
}
