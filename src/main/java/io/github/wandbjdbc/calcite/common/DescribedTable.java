package io.github.wandbjdbc.calcite.common;

import java.util.Optional;

/** A table that can describe itself and its columns, for {@code DatabaseMetaData} REMARKS. */
public interface DescribedTable {
  String tableRemarks();

  Optional<String> columnRemarks(String columnName);
}
