package io.github.wandbjdbc.calcite.runs;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.wandbjdbc.calcite.common.PlanningControl;
import io.github.wandbjdbc.client.CallControl;
import io.github.wandbjdbc.client.RunsQuery;
import io.github.wandbjdbc.model.RunNode;
import io.github.wandbjdbc.model.RunSelection;
import io.github.wandbjdbc.pushdown.Bindings;
import io.github.wandbjdbc.pushdown.FilterExpr;
import io.github.wandbjdbc.pushdown.LocalFilter;
import io.github.wandbjdbc.pushdown.PushedOrder;

import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * A planned scan of {@code runs}, ready to execute: binds the pushed filter to the statement's
 * parameters and clock, and turns the pushed order into fetch steps. Called from generated code,
 * hence public.
 */
public final class RunsScan {
  /** The order of unsorted fetches; a stable key keeps pages from overlapping. */
  public static final String DEFAULT_ORDER = "+created_at";

  private final RunsTable table;
  private final ScanSpec spec;

  RunsScan(RunsTable table, ScanSpec spec) {
    this.table = table;
    this.spec = spec;
  }

  /** Rows of this scan for one execution; nothing is fetched before the first row is wanted. */
  public Enumerable<Object[]> rows(DataContext root) {
    AtomicBoolean cancelFlag = DataContext.Variable.CANCEL_FLAG.get(root);
    Long timeoutMillis = DataContext.Variable.TIMEOUT.get(root);
    Bindings bindings = bindings(root);
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object[]> enumerator() {
        CallControl control = CallControl.of(cancelFlag,
            timeoutMillis == null ? null : Duration.ofMillis(timeoutMillis))
            .withWarnings(PlanningControl.current().warnings());
        if (spec.isCount()) {
          return new RunCountReader(table.session(), table.entity(), table.project(),
              () -> newEnumerator(bindings, control, true))
              .count(filters(bindings, Optional.empty()), spec.countNames().size(), control);
        }
        return newEnumerator(bindings, control, table.session().pushdownRefused());
      }
    };
  }

  /** The single column's values, for scans of one column (Calcite's scalar row format). */
  public Enumerable<Object> values(DataContext root) {
    return rows(root).select(row -> row[0]);
  }

  private RunsEnumerator newEnumerator(Bindings bindings, CallControl control, boolean local) {
    return new RunsEnumerator(table.session(), steps(bindings), fallback(bindings), local, spec,
        control);
  }

  /** Every run with what the pushed filter and order read, both applied in the driver. */
  private Fallback fallback(Bindings bindings) {
    RunSelection needed = spec.filter()
        .map(f -> spec.selection().union(LocalFilter.needs(f.filter())))
        .orElse(spec.selection());
    RunsQuery all = new RunsQuery(table.entity(), table.project(), "{}", DEFAULT_ORDER,
        spec.pageSize(), null, needed, false);
    Predicate<RunNode> filter = spec.filter()
        .<Predicate<RunNode>>map(f -> new LocalFilter(f.filter(), bindings))
        .orElse(run -> true);
    return new Fallback(all, filter, spec.order().map(LocalOrder::of));
  }

  /** The fetches of this execution, filters bound. */
  List<ScanStep> steps(Bindings bindings) {
    if (spec.order().isEmpty()) {
      return List.of(fetch(bindings, "all", Optional.empty(), DEFAULT_ORDER, Set.of(), false));
    }
    PushedOrder order = spec.order().get();
    List<ScanStep> steps = new ArrayList<>();
    for (PushedOrder.Step s : order.steps()) {
      if (s instanceof PushedOrder.Step.Fetch f) {
        // The sorted values may be many; the segments around them (NULL, NaN, ±Infinity) few.
        steps.add(fetch(bindings, f.name(), f.segment(),
            f.sorted() ? order.wireOrder() : DEFAULT_ORDER, f.hold(), !f.sorted()));
      } else {
        steps.add(new ScanStep.Release(((PushedOrder.Step.Release) s).held()));
      }
    }
    return steps;
  }

  private ScanStep fetch(Bindings bindings, String segmentName,
      Optional<FilterExpr> segment, String order, Set<PushedOrder.ValueClass> hold, boolean few) {
    RunsQuery first = new RunsQuery(table.entity(), table.project(), filters(bindings, segment),
        order, spec.pageSize(), null, spec.selection(), false);
    return new ScanStep.Fetch(segmentName, first, hold, few);
  }

  /** The query's filter and a segment's, as the JSON text W&B's {@code filters} takes. */
  private String filters(Bindings bindings, Optional<FilterExpr> segment) {
    List<FilterExpr> parts = new ArrayList<>();
    spec.filter().ifPresent(f -> parts.add(f.filter()));
    segment.ifPresent(parts::add);
    if (parts.isEmpty()) {
      return "{}";
    }
    return FilterExpr.all(parts).bind(bindings).map(ObjectNode::toString).orElse("{}");
  }

  private static Bindings bindings(DataContext root) {
    return new Bindings() {
      @Override
      public Object parameter(int index) {
        return root.get("?" + index);
      }

      @Override
      public long currentTimestampMillis() {
        Long now = DataContext.Variable.CURRENT_TIMESTAMP.get(root);
        return now != null ? now : System.currentTimeMillis();
      }
    };
  }
}
