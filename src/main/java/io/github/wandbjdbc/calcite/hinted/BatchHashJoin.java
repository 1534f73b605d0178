package io.github.wandbjdbc.calcite.hinted;

import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.JoinType;
import org.apache.calcite.linq4j.function.Function1;
import org.apache.calcite.linq4j.function.Function2;
import org.apache.calcite.linq4j.function.Predicate2;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The run-time side of {@link HashedBatchJoin}: a batched nested-loop join that matches inner
 * rows to the batch's outer rows through a hash of the equi-join keys, instead of testing every
 * inner row against every outer row. With batches of 100 runs and 5,000 history rows per run,
 * that is 500,000 key lookups per batch instead of 50,000,000 predicate calls. The predicate is
 * still applied to every pair of equal keys, and rows come out in the order Calcite's own batched
 * join gives: outer row by outer row, each one's matches in inner order.
 */
public final class BatchHashJoin {
  private BatchHashJoin() {}

  /**
   * @param inner the inner rows for a batch of outer rows; the list always has
   *     {@code batchSize} items, a short last batch padded with its first row (the inner side is
   *     a disjunction over them, so repeats change nothing)
   * @param outerKey the outer row's equi-join key, compared with {@link Object#equals}
   * @param innerKey the inner row's equi-join key
   */
  public static <O, I, R> Enumerable<R> join(JoinType joinType, Enumerable<O> outer,
      Function1<List<O>, Enumerable<I>> inner, Function1<O, Object> outerKey,
      Function1<I, Object> innerKey, Function2<O, I, R> selector, Predicate2<O, I> predicate,
      int batchSize) {
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<R> enumerator() {
        return new BatchEnumerator<>(joinType, outer.enumerator(), inner, outerKey, innerKey,
            selector, predicate, batchSize);
      }
    };
  }

  private static final class BatchEnumerator<O, I, R> implements Enumerator<R> {
    private final JoinType joinType;
    private final Enumerator<O> outer;
    private final Function1<List<O>, Enumerable<I>> inner;
    private final Function1<O, Object> outerKey;
    private final Function1<I, Object> innerKey;
    private final Function2<O, I, R> selector;
    private final Predicate2<O, I> predicate;
    private final int batchSize;
    private Iterator<R> batchRows = Collections.emptyIterator();
    private R current;
    private boolean outerDone;
    /** The inner rows of a streamed batch, while they are read. */
    private Enumerator<I> open;

    BatchEnumerator(JoinType joinType, Enumerator<O> outer, Function1<List<O>, Enumerable<I>> inner,
        Function1<O, Object> outerKey, Function1<I, Object> innerKey, Function2<O, I, R> selector,
        Predicate2<O, I> predicate, int batchSize) {
      this.joinType = joinType;
      this.outer = outer;
      this.inner = inner;
      this.outerKey = outerKey;
      this.innerKey = innerKey;
      this.selector = selector;
      this.predicate = predicate;
      this.batchSize = batchSize;
    }

    @Override
    public R current() {
      return current;
    }

    @Override
    public boolean moveNext() {
      while (!batchRows.hasNext()) {
        if (outerDone) {
          return false;
        }
        batchRows = nextBatch();
      }
      current = batchRows.next();
      return true;
    }

    /** Joins the next batch of outer rows; their rows in Calcite's order. */
    private Iterator<R> nextBatch() {
      List<O> batch = new ArrayList<>(batchSize);
      while (batch.size() < batchSize && outer.moveNext()) {
        batch.add(outer.current());
      }
      if (batch.size() < batchSize) {
        outerDone = true;
      }
      if (batch.isEmpty()) {
        return Collections.emptyIterator();
      }
      Object onlyKey = batch.size() == 1 ? outerKey.apply(batch.get(0)) : null;
      if (onlyKey != null && (joinType == JoinType.INNER || joinType == JoinType.LEFT)) {
        return streamed(batch, onlyKey);
      }
      Map<Object, List<Integer>> byKey = new HashMap<>();
      for (int i = 0; i < batch.size(); i++) {
        Object key = outerKey.apply(batch.get(i));
        if (key != null) { // a NULL key equals nothing
          byKey.computeIfAbsent(key, k -> new ArrayList<>(1)).add(i);
        }
      }
      List<List<I>> matches = new ArrayList<>(Collections.nCopies(batch.size(), null));
      if (!byKey.isEmpty()) {
        try (Enumerator<I> rows = inner.apply(padded(batch)).enumerator()) {
          while (rows.moveNext()) {
            I row = rows.current();
            Object key = innerKey.apply(row);
            for (int i : key == null ? List.<Integer>of() : byKey.getOrDefault(key, List.of())) {
              if (predicate.apply(batch.get(i), row)) {
                if (matches.get(i) == null) {
                  matches.set(i, new ArrayList<>());
                }
                matches.get(i).add(row);
              }
            }
          }
        }
      }
      List<R> out = new ArrayList<>();
      for (int i = 0; i < batch.size(); i++) {
        O o = batch.get(i);
        List<I> found = matches.get(i) == null ? List.of() : matches.get(i);
        switch (joinType) {
          case INNER -> found.forEach(row -> out.add(selector.apply(o, row)));
          case LEFT -> {
            if (found.isEmpty()) {
              out.add(selector.apply(o, null));
            } else {
              found.forEach(row -> out.add(selector.apply(o, row)));
            }
          }
          case SEMI -> {
            if (!found.isEmpty()) {
              out.add(selector.apply(o, found.get(0)));
            }
          }
          case ANTI -> {
            if (found.isEmpty()) {
              out.add(selector.apply(o, null));
            }
          }
          default -> throw new IllegalStateException("not a batched join type: " + joinType);
        }
      }
      return out.iterator();
    }

    /**
     * The matches of a batch of one outer row, as the inner rows come: every match is that
     * row's, so Calcite's order is the inner order and nothing need be held (one run joined to
     * its million history rows is read in a small heap).
     */
    private Iterator<R> streamed(List<O> batch, Object key) {
      O o = batch.get(0);
      Enumerator<I> rows = inner.apply(padded(batch)).enumerator();
      open = rows;
      return new Iterator<>() {
        // A row may be null itself (a one-column result is its value), so "pending" says.
        private R next;
        private boolean pending;
        private boolean matched;
        private boolean done;

        @Override
        public boolean hasNext() {
          while (!pending && !done) {
            if (rows.moveNext()) {
              I row = rows.current();
              if (key.equals(innerKey.apply(row)) && predicate.apply(o, row)) {
                matched = true;
                next = selector.apply(o, row);
                pending = true;
              }
            } else {
              done = true;
              closeOpen();
              if (!matched && joinType == JoinType.LEFT) {
                next = selector.apply(o, null);
                pending = true;
              }
            }
          }
          return pending;
        }

        @Override
        public R next() {
          if (!hasNext()) {
            throw new java.util.NoSuchElementException();
          }
          pending = false;
          return next;
        }
      };
    }

    private void closeOpen() {
      if (open != null) {
        Enumerator<I> rows = open;
        open = null;
        rows.close();
      }
    }

    private List<O> padded(List<O> batch) {
      return new AbstractList<>() {
        @Override
        public O get(int index) {
          return index < batch.size() ? batch.get(index) : batch.get(0);
        }

        @Override
        public int size() {
          return batchSize;
        }
      };
    }

    @Override
    public void reset() {
      throw new UnsupportedOperationException("a batched join is read once");
    }

    @Override
    public void close() {
      try {
        closeOpen();
      } finally {
        outer.close();
      }
    }
  }
}
