package io.github.wandbjdbc.parquet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * The values of one flat column in one row group, row by row, read page by page: only one page
 * (and the chunk's dictionary) is in memory at a time, so a row group of a million rows costs a
 * page, not the chunk.
 */
final class ColumnReader {
  /** Page headers are small; their statistics can make one longer, up to this. */
  private static final int MAX_HEADER = 16 << 20;
  private static final int FIRST_HEADER_READ = 256;
  /**
   * The largest page this reader decompresses. Writers cut pages near 1 MiB; a header that says
   * more is damage, and believing it could exhaust a small heap before anything fails.
   */
  static final int MAX_PAGE = 64 << 20;

  private final FileChannel file;
  private final ParquetColumn column;
  private final ColumnChunk chunk;
  private final long end;
  private long position;
  private Object[] dictionary;
  private Object[] values = new Object[0];
  private boolean[] present = new boolean[0];
  private int valueIndex;
  private int rowIndex;
  private long rowsLeft;

  ColumnReader(FileChannel file, ParquetColumn column, ColumnChunk chunk, long rows) {
    this.file = file;
    this.column = column;
    this.chunk = chunk;
    this.position = chunk.start();
    this.end = chunk.start() + chunk.length();
    this.rowsLeft = rows;
  }

  /** The next row's value, {@code null} where the row has none. */
  Object next() {
    while (rowIndex >= present.length) {
      if (rowsLeft <= 0 || position >= end) {
        throw new ParquetFormatException("column " + column.name()
            + " holds fewer values than its row group has rows");
      }
      readPage();
    }
    rowsLeft--;
    return present[rowIndex++] ? values[valueIndex++] : null;
  }

  private void readPage() {
    PageHeader header = header();
    if (header.uncompressedSize() > MAX_PAGE || header.compressedSize() > MAX_PAGE) {
      throw new ParquetFormatException("column " + column.name() + ": a page of "
          + Math.max(header.uncompressedSize(), header.compressedSize()) + " bytes, more than the "
          + MAX_PAGE + " this reader reads");
    }
    boolean data = header.type() == PageHeader.DATA_PAGE
        || header.type() == PageHeader.DATA_PAGE_V2;
    // A flat column has one value or null per row; a dictionary value takes a byte at least.
    if (data && header.values() > rowsLeft || header.type() == PageHeader.DICTIONARY_PAGE
        && header.values() > Math.max(1, header.uncompressedSize())) {
      throw new ParquetFormatException("column " + column.name() + ": a page that says it holds "
          + header.values() + " values");
    }
    long dataStart = position + header.headerLength();
    if (header.compressedSize() > end - dataStart) {
      throw new ParquetFormatException("column " + column.name() + ": a page past its chunk's end");
    }
    byte[] raw = read(dataStart, header.compressedSize());
    position = dataStart + header.compressedSize();
    switch (header.type()) {
      case PageHeader.DICTIONARY_PAGE -> {
        byte[] plain = chunk.codec().decompress(raw, 0, raw.length, header.uncompressedSize());
        if (header.encoding() != ValueDecoding.PLAIN
            && header.encoding() != ValueDecoding.PLAIN_DICTIONARY) {
          throw new ParquetFormatException("column " + column.name()
              + ": a dictionary page in encoding " + header.encoding());
        }
        dictionary = ValueDecoding.plain(column,
            ByteBuffer.wrap(plain).order(ByteOrder.LITTLE_ENDIAN), header.values());
      }
      case PageHeader.DATA_PAGE -> dataPageV1(header, raw);
      case PageHeader.DATA_PAGE_V2 -> dataPageV2(header, raw);
      default -> {
        // Index pages and unknown page types carry no values of this column.
      }
    }
  }

  private void dataPageV1(PageHeader header, byte[] raw) {
    byte[] page = chunk.codec().decompress(raw, 0, raw.length, header.uncompressedSize());
    ByteBuffer in = ByteBuffer.wrap(page).order(ByteOrder.LITTLE_ENDIAN);
    boolean[] defined = new boolean[header.values()];
    if (column.optional()) {
      if (header.levelsEncoding() != ValueDecoding.RLE) {
        throw new ParquetFormatException("column " + column.name()
            + ": definition levels in encoding " + header.levelsEncoding());
      }
      levels(ValueDecoding.lengthPrefixed(column, in), defined);
    } else {
      java.util.Arrays.fill(defined, true);
    }
    values(header, in.slice(), defined);
  }

  private void dataPageV2(PageHeader header, byte[] raw) {
    int levels = header.levelsLength();
    if (header.repetitionLength() != 0) {
      throw new ParquetFormatException("column " + column.name() + " is repeated");
    }
    if (levels < 0 || levels > raw.length) {
      throw new ParquetFormatException("column " + column.name()
          + ": definition levels past the page's end");
    }
    boolean[] defined = new boolean[header.values()];
    if (column.optional()) {
      levels(ByteBuffer.wrap(raw, 0, levels).slice(), defined);
    } else {
      java.util.Arrays.fill(defined, true);
    }
    int valueBytes = header.uncompressedSize() - levels;
    byte[] data = header.compressed()
        ? chunk.codec().decompress(raw, levels, raw.length - levels, valueBytes)
        : Codec.UNCOMPRESSED.decompress(raw, levels, raw.length - levels, valueBytes);
    values(header, ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN), defined);
  }

  private static void levels(ByteBuffer in, boolean[] defined) {
    RleHybridDecoder decoder = new RleHybridDecoder(in, 1);
    for (int i = 0; i < defined.length; i++) {
      defined[i] = decoder.next() == 1;
    }
  }

  private void values(PageHeader header, ByteBuffer in, boolean[] defined) {
    int count = 0;
    for (boolean d : defined) {
      if (d) {
        count++;
      }
    }
    values = ValueDecoding.decode(header.encoding(), column, in, count, dictionary);
    present = defined;
    valueIndex = 0;
    rowIndex = 0;
  }

  /** The page header at {@link #position}, read with a growing buffer until it parses. */
  private PageHeader header() {
    int size = FIRST_HEADER_READ;
    while (true) {
      int length = (int) Math.min(size, end - position);
      ByteBuffer bytes = ByteBuffer.wrap(read(position, length));
      try {
        return PageHeader.parse(bytes);
      } catch (ParquetFormatException e) {
        if (length == end - position || size >= MAX_HEADER) {
          throw new ParquetFormatException("column " + column.name() + ": a damaged page header ("
              + e.getMessage() + ")", e);
        }
        size *= 16;
      }
    }
  }

  private byte[] read(long at, int length) {
    byte[] bytes = new byte[length];
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    try {
      while (buffer.hasRemaining()) {
        if (file.read(buffer, at + buffer.position()) < 0) {
          throw new ParquetFormatException("column " + column.name() + ": the file is cut short");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes;
  }
}
