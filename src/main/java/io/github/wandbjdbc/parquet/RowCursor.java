package io.github.wandbjdbc.parquet;

import java.util.List;

/**
 * The rows of one row group, one at a time: {@link #next()} moves to the next row, and
 * {@link #value(int)} gives its value of the i-th requested column ({@code null} for none).
 */
public final class RowCursor {
  private final List<ColumnReader> readers;
  private final Object[] row;
  private long left;

  RowCursor(List<ColumnReader> readers, long rows) {
    this.readers = readers;
    this.row = new Object[readers.size()];
    this.left = rows;
  }

  public boolean next() {
    if (left <= 0) {
      return false;
    }
    left--;
    for (int i = 0; i < row.length; i++) {
      ColumnReader reader = readers.get(i);
      row[i] = reader == null ? null : reader.next();
    }
    return true;
  }

  public Object value(int column) {
    return row[column];
  }
}
