package io.github.wandbjdbc.parquet;

import java.util.List;
import java.util.Optional;

/** A parquet file's footer: its top-level columns, its row groups and who wrote it. */
public record ParquetFooter(List<ParquetColumn> columns, List<RowGroup> rowGroups, long rows,
    String createdBy) {
  public ParquetFooter {
    columns = List.copyOf(columns);
    rowGroups = List.copyOf(rowGroups);
  }

  public Optional<ParquetColumn> column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst();
  }
}
