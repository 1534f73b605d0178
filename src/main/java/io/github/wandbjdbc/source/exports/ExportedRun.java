package io.github.wandbjdbc.source.exports;

import io.github.wandbjdbc.parquet.ColumnChunk;
import io.github.wandbjdbc.parquet.ParquetColumn;
import io.github.wandbjdbc.parquet.ParquetFile;
import io.github.wandbjdbc.parquet.ParquetFormatException;
import io.github.wandbjdbc.parquet.RowCursor;
import io.github.wandbjdbc.parquet.RowGroup;
import io.github.wandbjdbc.source.HistoryScan;
import io.github.wandbjdbc.source.LoggedRows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * A run's exported history files, downloaded and opened: their row groups that hold steps of
 * {@code [from, end)}, in step order, read in chunks of at most {@value #CHUNK_ROWS} rows so that
 * no read holds a large row group in memory. Row groups are ordered by their {@code _step}
 * statistics (read from the column itself where a writer left them out); groups whose steps
 * overlap are refused when the files are opened, before any row is given, so that a step can
 * neither be lost nor repeated. Closing deletes the files.
 */
final class ExportedRun implements AutoCloseable {
  static final int CHUNK_ROWS = 20_000;

  private final String runId;
  private final List<Path> files;
  private final List<ParquetFile> opened;
  private final List<Group> groups;
  private final Runnable onClose;
  /** Counts the rows each read gives in the statement's progress. */
  private final IntConsumer counted;
  private final AtomicBoolean closed =
      new AtomicBoolean();

  /** One row group, with its step range and a cursor shared by its chunks. */
  private static final class Group {
    final ParquetFile file;
    final RowGroup rowGroup;
    final double min;
    final double max;
    private RowCursor cursor;
    private List<String> cursorKeys;
    private long position;

    Group(ParquetFile file, RowGroup rowGroup, double min, double max) {
      this.file = file;
      this.rowGroup = rowGroup;
      this.min = min;
      this.max = max;
    }

    /**
     * Rows {@code [start, start + count)} of the group. Chunks usually come in order and
     * continue the same cursor; one that comes after a later one starts over.
     */
    synchronized ExportedRows read(List<String> keys, long start, int count, long from,
        long end, String runId) {
      if (cursor == null || !keys.equals(cursorKeys) || position > start) {
        cursor = file.rows(rowGroup, keys);
        cursorKeys = keys;
        position = 0;
      }
      for (; position < start; position++) {
        cursor.next();
      }
      Object[][] cells = new Object[keys.size()][count];
      long[] steps = new long[count];
      int kept = 0;
      long previous = Long.MIN_VALUE;
      int stepColumn = keys.indexOf(HistoryScan.STEP_KEY);
      for (int i = 0; i < count && cursor.next(); i++) {
        position++;
        Long step = ExportRows.step(cursor.value(stepColumn));
        if (step == null) {
          throw new ParquetFormatException("an exported history row of run '" + runId
              + "' has no integer _step");
        }
        if (step <= previous) {
          throw new ParquetFormatException("the exported history of run '" + runId
              + "' is not in step order (step " + step + " after " + previous + ")");
        }
        previous = step;
        if (step >= from && step < end) {
          for (int c = 0; c < cells.length; c++) {
            cells[c][kept] = cursor.value(c);
          }
          steps[kept++] = step;
        }
      }
      return new ExportedRows(keys, cells, steps, kept);
    }
  }

  private ExportedRun(String runId, List<Path> files, List<ParquetFile> opened, List<Group> groups,
      Runnable onClose, IntConsumer counted) {
    this.counted = counted;
    this.runId = runId;
    this.files = files;
    this.opened = opened;
    this.groups = groups;
    this.onClose = onClose;
  }

  /**
   * Opens the downloaded {@code files} of run {@code runId} and keeps the row groups with steps
   * in {@code [from, end)}; throws {@link ParquetFormatException} (having closed and deleted the
   * files) when one is not parquet, lacks {@code _step}, or overlaps another in steps.
   */
  static ExportedRun open(String runId, List<Path> files, long from, long end, Runnable onClose,
      IntConsumer counted) throws IOException {
    List<ParquetFile> opened = new ArrayList<>();
    try {
      List<Group> groups = new ArrayList<>();
      for (Path path : files) {
        ParquetFile file = ParquetFile.open(path);
        opened.add(file);
        ParquetColumn step = file.footer().column(HistoryScan.STEP_KEY).orElseThrow(() ->
            new ParquetFormatException("an exported history file of run '" + runId
                + "' has no _step column"));
        for (RowGroup group : file.footer().rowGroups()) {
          double[] range = stepRange(file, group, step);
          if (range != null && range[1] >= from && range[0] < end) {
            groups.add(new Group(file, group, range[0], range[1]));
          }
        }
      }
      groups.sort(Comparator.comparingDouble(g -> g.min));
      for (int i = 1; i < groups.size(); i++) {
        if (groups.get(i).min <= groups.get(i - 1).max) {
          throw new ParquetFormatException("the exported history files of run '" + runId
              + "' overlap in steps (" + (long) groups.get(i).min + " is in two of them)");
        }
      }
      return new ExportedRun(runId, files, opened, groups, onClose, counted);
    } catch (IOException | RuntimeException e) {
      close(opened, files);
      throw e;
    }
  }

  /** The group's smallest and largest step, or null for an empty group. */
  private static double[] stepRange(ParquetFile file, RowGroup group, ParquetColumn step) {
    if (group.rows() == 0) {
      return null;
    }
    ColumnChunk chunk = group.chunk(HistoryScan.STEP_KEY).orElseThrow(() ->
        new ParquetFormatException("a row group without _step"));
    OptionalDouble min = chunk.statistics().minAsDouble(step.type());
    OptionalDouble max = chunk.statistics().maxAsDouble(step.type());
    if (min.isPresent() && max.isPresent() && chunk.statistics().nullCount() == 0) {
      return new double[] {min.getAsDouble(), max.getAsDouble()};
    }
    // No statistics (or nulls among the steps): the column itself says.
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    RowCursor cursor = file.rows(group, List.of(HistoryScan.STEP_KEY));
    while (cursor.next()) {
      if (!(cursor.value(0) instanceof Number n) || Double.isNaN(n.doubleValue())) {
        throw new ParquetFormatException("an exported history row without a _step");
      }
      lo = Math.min(lo, n.doubleValue());
      hi = Math.max(hi, n.doubleValue());
    }
    return new double[] {lo, hi};
  }

  /**
   * The reads of the rows with steps in {@code [from, end)}, in step order, with the values of
   * {@code keys} (plus {@code _step}); all of each file's columns when {@code keys} is null.
   * When the last of them has run, the files are closed (and deleted).
   */
  List<Supplier<LoggedRows>> reads(List<String> keys, long from, long end) {
    List<Supplier<LoggedRows>> reads = new ArrayList<>();
    for (Group group : groups) {
      List<String> columns = keys == null ? allColumns(group.file) : withStep(keys);
      for (long start = 0; start < group.rowGroup.rows(); start += CHUNK_ROWS) {
        long chunkStart = start;
        int count = (int) Math.min(CHUNK_ROWS, group.rowGroup.rows() - start);
        reads.add(() -> group.read(columns, chunkStart, count, from, end, runId));
      }
    }
    if (reads.isEmpty()) {
      close();
      return reads;
    }
    AtomicInteger left =
        new AtomicInteger(reads.size());
    return reads.stream().<Supplier<LoggedRows>>map(read -> () -> {
      try {
        LoggedRows rows = read.get();
        counted.accept(rows.size());
        return rows;
      } finally {
        if (left.decrementAndGet() == 0) {
          close();
        }
      }
    }).toList();
  }

  private static List<String> allColumns(ParquetFile file) {
    return file.footer().columns().stream().map(ParquetColumn::name).toList();
  }

  private static List<String> withStep(List<String> keys) {
    List<String> columns = new ArrayList<>();
    columns.add(HistoryScan.STEP_KEY);
    keys.stream().filter(k -> !k.equals(HistoryScan.STEP_KEY)).forEach(columns::add);
    return columns;
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      try {
        close(opened, files);
      } finally {
        onClose.run();
      }
    }
  }

  private static void close(List<ParquetFile> opened, List<Path> files) {
    for (ParquetFile file : opened) {
      try {
        file.close();
      } catch (IOException e) {
        // The file is deleted next; a failed close leaves nothing to do.
      }
    }
    for (Path path : files) {
      try {
        Files.deleteIfExists(path);
      } catch (IOException e) {
        throw new UncheckedIOException("could not delete the downloaded export " + path, e);
      }
    }
  }
}
