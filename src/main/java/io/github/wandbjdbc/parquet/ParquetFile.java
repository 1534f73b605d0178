package io.github.wandbjdbc.parquet;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A local parquet file, read with positional reads: the footer when opened, then only the column
 * chunks a caller asks for, page by page. Flat schemas only (one primitive per top-level field),
 * which is what W&B's history exports are; a nested or repeated column is reported, not read.
 */
public final class ParquetFile implements Closeable {
  private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
  /** A footer larger than this is damage, not a history export. */
  private static final int MAX_FOOTER = 64 << 20;

  private final FileChannel channel;
  private final ParquetFooter footer;

  private ParquetFile(FileChannel channel, ParquetFooter footer) {
    this.channel = channel;
    this.footer = footer;
  }

  /** Opens {@code path} and reads its footer; a file that is not parquet throws. */
  public static ParquetFile open(Path path) throws IOException {
    FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
    try {
      return new ParquetFile(channel, readFooter(channel));
    } catch (RuntimeException | IOException e) {
      channel.close();
      throw e;
    }
  }

  public ParquetFooter footer() {
    return footer;
  }

  /**
   * The rows of one row group, with the values of {@code columns} only (a name the file lacks
   * reads as null in every row).
   */
  public RowCursor rows(RowGroup group, List<String> columns) {
    List<ColumnReader> readers = new ArrayList<>();
    for (String name : columns) {
      ParquetColumn column = footer.column(name).orElse(null);
      if (column == null) {
        readers.add(null);
        continue;
      }
      if (!column.readable()) {
        throw new ParquetFormatException("column " + name + " is "
            + (column.nested() ? "nested" : column.repeated() ? "repeated" : "of type INT96")
            + ", which this reader does not read");
      }
      ColumnChunk chunk = group.chunk(name).orElseThrow(() -> new ParquetFormatException(
          "row group " + group.ordinal() + " has no chunk of column " + name));
      readers.add(new ColumnReader(channel, column, chunk, group.rows()));
    }
    return new RowCursor(readers, group.rows());
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  private static ParquetFooter readFooter(FileChannel channel) throws IOException {
    long size = channel.size();
    if (size < 12) {
      throw new ParquetFormatException("not a parquet file: " + size + " bytes");
    }
    ByteBuffer head = read(channel, 0, 4);
    ByteBuffer tail = read(channel, size - 8, 8).order(ByteOrder.LITTLE_ENDIAN);
    byte[] tailMagic = new byte[4];
    tail.position(4);
    tail.get(tailMagic);
    if (!head.equals(ByteBuffer.wrap(MAGIC))
        || !ByteBuffer.wrap(tailMagic).equals(ByteBuffer.wrap(MAGIC))) {
      throw new ParquetFormatException("not a parquet file, or one cut short: it does not start"
          + " and end with PAR1");
    }
    int length = tail.getInt(0);
    if (length <= 0 || length > size - 12 || length > MAX_FOOTER) {
      throw new ParquetFormatException("a parquet footer of " + length + " bytes in a file of "
          + size);
    }
    return FooterParser.parse(read(channel, size - 8 - length, length));
  }

  private static ByteBuffer read(FileChannel channel, long at, int length) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, at + buffer.position()) < 0) {
        throw new ParquetFormatException("the parquet file is cut short");
      }
    }
    return buffer.flip();
  }
}
