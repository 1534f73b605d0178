package io.github.wandbjdbc.parquet;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses parquet-format's {@code FileMetaData} (field ids from {@code parquet.thrift}): the schema
 * flattened to its top-level fields, and per row group the chunk of each top-level primitive
 * column. Leaves of nested groups are not kept: this reader reads flat files, and a nested
 * column is reported as such ({@link ParquetColumn#nested()}).
 */
final class FooterParser {
  // SchemaElement.converted_type values that mark UTF-8 text, and the unsigned integers.
  private static final int CONVERTED_UTF8 = 0;
  private static final int CONVERTED_ENUM = 4;
  private static final int CONVERTED_UINT_8 = 11;
  private static final int CONVERTED_UINT_64 = 14;
  private static final int CONVERTED_JSON = 19;
  // LogicalType union members: STRING = 1, ENUM = 4, INTEGER = 10, JSON = 12.
  private static final int LOGICAL_STRING = 1;
  private static final int LOGICAL_ENUM = 4;
  private static final int LOGICAL_INTEGER = 10;
  private static final int LOGICAL_JSON = 12;

  private FooterParser() {}

  static ParquetFooter parse(ByteBuffer bytes) {
    CompactProtocol p = new CompactProtocol(bytes);
    List<SchemaElement> schema = new ArrayList<>();
    List<RawRowGroup> groups = new ArrayList<>();
    long rows = 0;
    String createdBy = null;
    p.beginStruct();
    for (int id; (id = p.nextField()) >= 0; ) {
      switch (id) {
        case 2 -> {
          int n = p.readListHeader();
          for (int i = 0; i < n; i++) {
            schema.add(schemaElement(p));
          }
        }
        case 3 -> rows = p.readI64();
        case 4 -> {
          int n = p.readListHeader();
          for (int i = 0; i < n; i++) {
            groups.add(rowGroup(p));
          }
        }
        case 6 -> createdBy = p.readString();
        default -> p.skip(p.fieldType());
      }
    }
    p.endStruct();
    List<ParquetColumn> columns = topLevel(schema);
    Map<String, ParquetColumn> byName = new HashMap<>();
    columns.forEach(c -> byName.put(c.name(), c));
    List<RowGroup> rowGroups = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      RawRowGroup raw = groups.get(g);
      Map<String, ColumnChunk> chunks = new HashMap<>();
      for (RawChunk c : raw.chunks()) {
        ParquetColumn column = c.path().size() == 1 ? byName.get(c.path().get(0)) : null;
        if (column != null && column.readable()) {
          if (c.filePath() != null) {
            throw new ParquetFormatException("column " + column.name()
                + " is stored in another file (" + c.filePath()
                + "), which this reader does not read");
          }
          long start = c.dictionaryOffset() > 0 && c.dictionaryOffset() < c.dataOffset()
              ? c.dictionaryOffset() : c.dataOffset();
          chunks.put(column.name(), new ColumnChunk(column.name(), c.type(), c.codec(), c.values(),
              start, c.length(), c.statistics()));
        }
      }
      rowGroups.add(new RowGroup(g, raw.rows(), chunks));
    }
    return new ParquetFooter(columns, rowGroups, rows, createdBy);
  }

  private record SchemaElement(String name, Integer type, int typeLength, int repetition,
      int children, int converted, int logical, boolean logicalSigned) {}

  private record RawRowGroup(long rows, List<RawChunk> chunks) {}

  private record RawChunk(String filePath, List<String> path, PhysicalType type, Codec codec,
      long values, long dataOffset, long dictionaryOffset, long length,
      ColumnStatistics statistics) {}

  /** The root's children, each a column; a group child's own subtree is skipped over. */
  private static List<ParquetColumn> topLevel(List<SchemaElement> schema) {
    if (schema.isEmpty()) {
      throw new ParquetFormatException("a parquet footer without a schema");
    }
    List<ParquetColumn> columns = new ArrayList<>();
    int next = 1;
    for (int child = 0; child < schema.get(0).children(); child++) {
      if (next >= schema.size()) {
        throw new ParquetFormatException("a parquet schema with fewer fields than it says");
      }
      SchemaElement e = schema.get(next);
      boolean nested = e.children() > 0 || e.type() == null;
      PhysicalType type = e.type() == null ? PhysicalType.BYTE_ARRAY : PhysicalType.of(e.type());
      boolean text = e.converted() == CONVERTED_UTF8 || e.converted() == CONVERTED_ENUM
          || e.converted() == CONVERTED_JSON || e.logical() == LOGICAL_STRING
          || e.logical() == LOGICAL_ENUM || e.logical() == LOGICAL_JSON;
      boolean unsigned = e.converted() >= CONVERTED_UINT_8 && e.converted() <= CONVERTED_UINT_64
          || e.logical() == LOGICAL_INTEGER && !e.logicalSigned();
      columns.add(new ParquetColumn(e.name(), child, type, e.repetition() == 1,
          e.repetition() == 2, nested, text, unsigned, e.typeLength()));
      next = skipSubtree(schema, next);
    }
    return columns;
  }

  private static int skipSubtree(List<SchemaElement> schema, int at) {
    int remaining = 1;
    int i = at;
    while (remaining > 0) {
      if (i >= schema.size()) {
        throw new ParquetFormatException("a parquet schema with fewer fields than it says");
      }
      remaining += schema.get(i).children() - 1;
      i++;
    }
    return i;
  }

  private static SchemaElement schemaElement(CompactProtocol p) {
    String name = null;
    Integer type = null;
    int typeLength = 0;
    int repetition = 0;
    int children = 0;
    int converted = -1;
    int logical = -1;
    boolean signed = true;
    p.beginStruct();
    for (int id; (id = p.nextField()) >= 0; ) {
      switch (id) {
        case 1 -> type = p.readI32();
        case 2 -> typeLength = p.readI32();
        case 3 -> repetition = p.readI32();
        case 4 -> name = p.readString();
        case 5 -> children = p.readI32();
        case 6 -> converted = p.readI32();
        case 10 -> {
          // LogicalType is a union: one field set, whose id names the type.
          p.beginStruct();
          for (int member; (member = p.nextField()) >= 0; ) {
            if (member == LOGICAL_INTEGER) {
              signed = integerSigned(p);
            } else {
              p.skip(p.fieldType());
            }
            logical = member;
          }
          p.endStruct();
        }
        default -> p.skip(p.fieldType());
      }
    }
    p.endStruct();
    if (children < 0) {
      throw new ParquetFormatException("a parquet schema field with " + children + " children");
    }
    return new SchemaElement(name, type, typeLength, repetition, children, converted, logical,
        signed);
  }

  /** IntType {1: bitWidth byte, 2: isSigned bool}. */
  private static boolean integerSigned(CompactProtocol p) {
    boolean signed = true;
    p.beginStruct();
    for (int id; (id = p.nextField()) >= 0; ) {
      if (id == 2) {
        signed = p.readBool();
      } else {
        p.skip(p.fieldType());
      }
    }
    p.endStruct();
    return signed;
  }

  private static RawRowGroup rowGroup(CompactProtocol p) {
    List<RawChunk> chunks = new ArrayList<>();
    long rows = 0;
    p.beginStruct();
    for (int id; (id = p.nextField()) >= 0; ) {
      switch (id) {
        case 1 -> {
          int n = p.readListHeader();
          for (int i = 0; i < n; i++) {
            chunks.add(columnChunk(p));
          }
        }
        case 3 -> rows = p.readI64();
        default -> p.skip(p.fieldType());
      }
    }
    p.endStruct();
    return new RawRowGroup(rows, chunks);
  }

  private static RawChunk columnChunk(CompactProtocol p) {
    String filePath = null;
    RawChunk meta = null;
    p.beginStruct();
    for (int id; (id = p.nextField()) >= 0; ) {
      switch (id) {
        case 1 -> filePath = p.readString();
        case 3 -> meta = columnMetaData(p);
        default -> p.skip(p.fieldType());
      }
    }
    p.endStruct();
    if (meta == null) {
      throw new ParquetFormatException("a parquet column chunk without its metadata");
    }
    return new RawChunk(filePath, meta.path(), meta.type(), meta.codec(), meta.values(),
        meta.dataOffset(), meta.dictionaryOffset(), meta.length(), meta.statistics());
  }

  private static RawChunk columnMetaData(CompactProtocol p) {
    PhysicalType type = null;
    List<String> path = new ArrayList<>();
    Codec codec = Codec.UNCOMPRESSED;
    long values = 0;
    long length = 0;
    long dataOffset = -1;
    long dictionaryOffset = -1;
    ColumnStatistics statistics = ColumnStatistics.NONE;
    p.beginStruct();
    for (int id; (id = p.nextField()) >= 0; ) {
      switch (id) {
        case 1 -> type = PhysicalType.of(p.readI32());
        case 3 -> {
          int n = p.readListHeader();
          for (int i = 0; i < n; i++) {
            path.add(p.readString());
          }
        }
        case 4 -> codec = Codec.of(p.readI32());
        case 5 -> values = p.readI64();
        case 7 -> length = p.readI64();
        case 9 -> dataOffset = p.readI64();
        case 11 -> dictionaryOffset = p.readI64();
        case 12 -> statistics = statistics(p);
        default -> p.skip(p.fieldType());
      }
    }
    p.endStruct();
    if (type == null || dataOffset < 0 || length < 0) {
      throw new ParquetFormatException("a parquet column chunk without its type or offsets");
    }
    return new RawChunk(null, path, type, codec, values, dataOffset, dictionaryOffset, length,
        statistics);
  }

  /** Statistics: min_value/max_value (6/5) when written, else the deprecated min/max (2/1). */
  private static ColumnStatistics statistics(CompactProtocol p) {
    byte[] oldMax = null;
    byte[] oldMin = null;
    byte[] max = null;
    byte[] min = null;
    long nulls = -1;
    p.beginStruct();
    for (int id; (id = p.nextField()) >= 0; ) {
      switch (id) {
        case 1 -> oldMax = p.readBinary();
        case 2 -> oldMin = p.readBinary();
        case 3 -> nulls = p.readI64();
        case 5 -> max = p.readBinary();
        case 6 -> min = p.readBinary();
        default -> p.skip(p.fieldType());
      }
    }
    p.endStruct();
    return new ColumnStatistics(min != null ? min : oldMin, max != null ? max : oldMax, nulls);
  }
}
