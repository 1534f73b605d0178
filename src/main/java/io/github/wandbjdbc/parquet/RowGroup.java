package io.github.wandbjdbc.parquet;

import java.util.Map;
import java.util.Optional;

/** One row group: how many rows it holds and its column chunks by top-level column name. */
public record RowGroup(int ordinal, long rows, Map<String, ColumnChunk> chunks) {
  public RowGroup {
    chunks = Map.copyOf(chunks);
  }

  public Optional<ColumnChunk> chunk(String column) {
    return Optional.ofNullable(chunks.get(column));
  }
}
