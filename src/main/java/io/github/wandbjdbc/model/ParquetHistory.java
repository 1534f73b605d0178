package io.github.wandbjdbc.model;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.OptionalLong;

/**
 * A run's {@code parquetHistory(liveKeys)} (docs/WIRE.md, RunParquetHistory): presigned URLs of
 * its exported history files, in no stable order, and the rows not exported yet, each holding
 * {@code _step} and the live keys asked for.
 */
public record ParquetHistory(List<String> parquetUrls, List<ObjectNode> liveData) {
  public ParquetHistory {
    parquetUrls = List.copyOf(parquetUrls);
    liveData = List.copyOf(liveData);
  }

  /**
   * The live boundary: the smallest {@code _step} of the live rows (W&B sends steps as floats),
   * below which every step is exported; empty when every row is exported.
   */
  public OptionalLong liveBoundary() {
    long min = Long.MAX_VALUE;
    for (ObjectNode row : liveData) {
      Long step = WandbJson.step(row.get("_step"));
      if (step != null) {
        min = Math.min(min, step);
      }
    }
    return min == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(min);
  }
}
