package io.github.wandbjdbc.calcite.runs;

import io.github.wandbjdbc.calcite.common.LookaheadIterator;
import io.github.wandbjdbc.model.RunNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The runs of a scan evaluated in the driver ({@link Fallback}): every run of the project, those
 * the filter keeps, lazily; with an order, all of them are read and sorted before the first is
 * given.
 */
final class FallbackRuns extends LookaheadIterator<RunNode> {
  private final Fallback fallback;
  private Iterator<RunNode> runs;
  private boolean sorted;

  /** @param allRuns the runs of {@link Fallback#allRuns()}, read as they are wanted */
  FallbackRuns(Fallback fallback, Iterator<RunNode> allRuns) {
    this.fallback = fallback;
    this.runs = allRuns;
  }

  @Override
  protected RunNode computeNext() {
    if (!sorted && fallback.order().isPresent()) {
      List<RunNode> all = new ArrayList<>();
      runs.forEachRemaining(r -> {
        if (fallback.filter().test(r)) {
          all.add(r);
        }
      });
      all.sort(fallback.order().get());
      runs = all.iterator();
      sorted = true;
    }
    while (runs.hasNext()) {
      RunNode run = runs.next();
      if (sorted || fallback.filter().test(run)) {
        return run;
      }
    }
    return null;
  }
}
