package io.github.wandbjdbc.testserver.semantics;

import io.github.wandbjdbc.testserver.data.RunData;

import java.util.Comparator;

/**
 * The runs {@code order} argument: one key with an optional sign ({@code +} ascending, {@code -}
 * descending, none ascending); only the documented keys {@value RunField#ORDER_KEYS}. Omitted or
 * blank means {@value #DEFAULT_TEXT} (W&B's reported default: newest first).
 *
 * <p>Values sort by {@link ValueOrder#compareForSort}: null and missing lowest (so first ascending,
 * last descending), then numbers (NaN below every number, then -Infinity … +Infinity), strings,
 * objects, arrays, booleans — MongoDB's order. Runs whose values compare equal are ordered by their
 * creation sequence ({@link RunData#seq()}) <em>ascending, whatever the direction</em>: a total order,
 * so that keyset paging never loses or repeats a run.
 */
public record RunOrder(String key, boolean descending, RunField field) {

  static final String DEFAULT_TEXT = "-created_at";

  static RunOrder parse(String order) {
    String text = order == null || order.isBlank() ? DEFAULT_TEXT : order.trim();
    boolean descending = text.startsWith("-");
    String key = text.startsWith("-") || text.startsWith("+") ? text.substring(1) : text;
    return new RunOrder(key, descending, RunField.forOrderKey(key));
  }

  Comparator<RunData> comparator(ValueOrder values) {
    return (a, b) -> {
      int byValue = values.compareForSort(field.read(a).value(), field.read(b).value());
      if (byValue != 0) {
        return descending ? -byValue : byValue;
      }
      return Integer.compare(a.seq(), b.seq());
    };
  }

  @Override
  public String toString() {
    return (descending ? "-" : "+") + key;
  }
}
