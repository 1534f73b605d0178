package io.github.wandbjdbc.calcite.hinted;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.wandbjdbc.columns.ColumnType;
import io.github.wandbjdbc.pushdown.ResolvedHints;

import org.apache.calcite.util.ImmutableBitSet;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The logged keys a history scan names, from the columns a query uses. */
class HistoryKeysTest {
  private static final List<TableColumn> COLUMNS = List.of(
      TableColumn.required("run_id", ColumnType.VARCHAR, ""),
      TableColumn.fixed("step", ColumnType.BIGINT, ""),
      TableColumn.fixed("logged_at", ColumnType.TIMESTAMP, ""),
      TableColumn.fixed("runtime_seconds", ColumnType.DOUBLE, ""),
      new TableColumn("loss", ColumnType.DOUBLE, true, "", "loss"),
      new TableColumn("val/acc", ColumnType.DOUBLE, true, "", "val/acc"),
      TableColumn.fixed("row", ColumnType.JSON, ""));

  @Test
  void namesOnlyTheUsedKeysAndReadsWholeRowsForRowOrEverything() {
    assertEquals(Optional.of(List.of("_timestamp", "val/acc")),
        HistoryTable.keys(COLUMNS, ResolvedHints.NONE.withColumns(ImmutableBitSet.of(0, 1, 2, 5))));
    assertEquals(Optional.of(List.of()),
        HistoryTable.keys(COLUMNS, ResolvedHints.NONE.withColumns(ImmutableBitSet.of(0))), "steps only");
    assertEquals(Optional.empty(),
        HistoryTable.keys(COLUMNS, ResolvedHints.NONE.withColumns(ImmutableBitSet.of(1, 6))), "row");
    assertEquals(Optional.empty(), HistoryTable.keys(COLUMNS, ResolvedHints.NONE), "all columns");
  }

  /** Nineteen keys are named (twenty sampledHistory specs with _step's); twenty read whole rows. */
  @Test
  void manyKeysReadWholeRows() {
    List<TableColumn> columns = new ArrayList<>(COLUMNS.subList(0, 4));
    for (int i = 0; i < 20; i++) {
      columns.add(new TableColumn("k" + i, ColumnType.DOUBLE, true, "", "k" + i));
    }
    columns.add(COLUMNS.get(6));
    assertEquals(19, HistoryTable.keys(columns,
        ResolvedHints.NONE.withColumns(ImmutableBitSet.range(4, 23))).orElseThrow().size());
    assertEquals(Optional.empty(), HistoryTable.keys(columns,
        ResolvedHints.NONE.withColumns(ImmutableBitSet.range(4, 24))));
  }
}
