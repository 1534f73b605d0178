package io.github.wandbjdbc.calcite.hinted;

import io.github.wandbjdbc.columns.ColumnType;

/**
 * A column of one of the tables beside {@code runs}.
 *
 * @param key      where the value comes from in a W&B row (history and system-metric keys);
 *                 null for fixed columns
 */
record TableColumn(String name, ColumnType type, boolean nullable, String remarks, String key) {

  static TableColumn fixed(String name, ColumnType type, String remarks) {
    return new TableColumn(name, type, true, remarks, null);
  }

  static TableColumn required(String name, ColumnType type, String remarks) {
    return new TableColumn(name, type, false, remarks, null);
  }
}
