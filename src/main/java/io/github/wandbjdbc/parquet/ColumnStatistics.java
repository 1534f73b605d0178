package io.github.wandbjdbc.parquet;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.OptionalDouble;

/**
 * A column chunk's statistics as the writer stored them: the plain-encoded minimum and maximum
 * (either may be absent) and the null count ({@code -1} when absent).
 */
public record ColumnStatistics(byte[] min, byte[] max, long nullCount) {
  static final ColumnStatistics NONE = new ColumnStatistics(null, null, -1);

  /**
   * The minimum of a numeric column as a double, if stored. NaN bounds are ignored, as
   * parquet-format asks of readers: a writer may or may not have counted NaN.
   */
  public OptionalDouble minAsDouble(PhysicalType type) {
    return asDouble(min, type);
  }

  public OptionalDouble maxAsDouble(PhysicalType type) {
    return asDouble(max, type);
  }

  private static OptionalDouble asDouble(byte[] bound, PhysicalType type) {
    if (bound == null) {
      return OptionalDouble.empty();
    }
    ByteBuffer b = ByteBuffer.wrap(bound).order(ByteOrder.LITTLE_ENDIAN);
    double value = switch (type) {
      case DOUBLE -> bound.length == 8 ? b.getDouble() : Double.NaN;
      case FLOAT -> bound.length == 4 ? b.getFloat() : Double.NaN;
      case INT64 -> bound.length == 8 ? (double) b.getLong() : Double.NaN;
      case INT32 -> bound.length == 4 ? (double) b.getInt() : Double.NaN;
      default -> Double.NaN;
    };
    return Double.isNaN(value) ? OptionalDouble.empty() : OptionalDouble.of(value);
  }
}
