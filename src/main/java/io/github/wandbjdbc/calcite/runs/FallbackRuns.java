package io.github.wandbjdbc.calcite.runs;

import io.github.wandbjdbc.model.RunNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The runs of a scan evaluated in the driver ({@link Fallback}): every run of the project, those
 * the filter keeps, lazily; with an order, all of them are read and sorted before the first is
 * given.
 */
final class FallbackRuns implements Iterator<RunNode> {
  private final Fallback fallback;
  private Iterator<RunNode> runs;
  private boolean sorted;
  private RunNode next;

  /** @param allRuns the runs of {@link Fallback#allRuns()}, read as they are wanted */
  FallbackRuns(Fallback fallback, Iterator<RunNode> allRuns) {
    this.fallback = fallback;
    this.runs = allRuns;
  }

  @Override
  public boolean hasNext() {
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
    while (next == null && runs.hasNext()) {
      RunNode run = runs.next();
      if (sorted || fallback.filter().test(run)) {
        next = run;
      }
    }
    return next != null;
  }

  @Override
  public RunNode next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    RunNode run = next;
    next = null;
    return run;
  }
}
