package io.github.wandbjdbc.parquet;

/**
 * Where one column of one row group lies in the file and how it is stored.
 *
 * @param start the offset of its first page (the dictionary page, when it has one)
 * @param length its compressed size in bytes, all pages with their headers
 */
public record ColumnChunk(String name, PhysicalType type, Codec codec, long values, long start,
    long length, ColumnStatistics statistics) {}
