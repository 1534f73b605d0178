package io.github.wandbjdbc.calcite.runs;

import io.github.wandbjdbc.calcite.common.LookaheadIterator;
import io.github.wandbjdbc.model.RunNode;
import io.github.wandbjdbc.pushdown.PushedOrder.ValueClass;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The runs of a pushed ORDER BY in SQL's order: the steps of its plan in turn, each fetch's runs
 * as W&B orders them except those of a class the fetch holds back (NaN where W&B ranks it
 * differently, say), which wait for the step that releases them. Pages are read only as the runs
 * are wanted.
 */
final class OrderedSegments extends LookaheadIterator<RunNode> {
  /** The runs of one fetch, given the fetches that follow it up to the next that may be large. */
  interface Pages {
    Iterator<RunNode> of(ScanStep.Fetch fetch, List<ScanStep.Fetch> following);
  }

  private final List<ScanStep> steps;
  private final Pages pages;
  private final Function<RunNode, ValueClass> orderClass;
  private final Map<ValueClass, List<RunNode>> held = new EnumMap<>(ValueClass.class);
  private int nextStep;
  private Iterator<RunNode> rows = Collections.emptyIterator();
  private Set<ValueClass> hold = Set.of();

  /** @param orderClass the class of a run's order key, asked only of fetches that hold some */
  OrderedSegments(List<ScanStep> steps, Pages pages, Function<RunNode, ValueClass> orderClass) {
    this.steps = List.copyOf(steps);
    this.pages = pages;
    this.orderClass = orderClass;
  }

  @Override
  protected RunNode computeNext() {
    while (true) {
      if (rows.hasNext()) {
        RunNode run = rows.next();
        ValueClass c = hold.isEmpty() ? null : orderClass.apply(run);
        if (c != null && hold.contains(c)) {
          held.computeIfAbsent(c, k -> new ArrayList<>()).add(run);
        } else {
          return run;
        }
      } else if (nextStep < steps.size()) {
        start(steps.get(nextStep++));
      } else {
        return null;
      }
    }
  }

  private void start(ScanStep step) {
    if (step instanceof ScanStep.Fetch f) {
      hold = f.hold();
      rows = pages.of(f, f.few() ? following() : List.of());
    } else {
      hold = Set.of();
      List<RunNode> release = held.remove(((ScanStep.Release) step).held());
      rows = release == null ? Collections.emptyIterator() : release.iterator();
    }
  }

  /** The fetches after the current step, up to and with the next one that may be large. */
  private List<ScanStep.Fetch> following() {
    List<ScanStep.Fetch> after = new ArrayList<>();
    for (int i = nextStep; i < steps.size(); i++) {
      if (steps.get(i) instanceof ScanStep.Fetch f) {
        after.add(f);
        if (!f.few()) {
          break;
        }
      }
    }
    return after;
  }
}
