package io.github.wandbjdbc.parquet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The parquet reader against DuckDB on the same files: every codec and page version DuckDB
 * writes, dictionary and delta encodings, nulls, NaN and infinities, text and binary JSON; the
 * row groups' {@code _step} statistics; and damaged files, which must fail with
 * {@link ParquetFormatException} and nothing else.
 */
class ParquetFileTest {
  private static final List<String> COLUMNS = List.of("_step", "loss", "epoch", "small",
      "flag", "label", "obj", "ratio", "note");
  /** A history-like table: doubles with NaN and ±Infinity, sparse keys, repeated text, JSON. */
  private static final String HISTORY = """
      SELECT i::DOUBLE AS _step,
        CASE WHEN i % 97 = 0 THEN 'nan'::DOUBLE WHEN i % 89 = 0 THEN 'inf'::DOUBLE
             WHEN i % 83 = 0 THEN '-inf'::DOUBLE ELSE (i * 0.37) % 11 - 5 END AS loss,
        CASE WHEN i % 3 = 0 THEN NULL ELSE i * 9007199254740 + 1 END::BIGINT AS epoch,
        (i % 200 - 100)::INTEGER AS small,
        CASE WHEN i % 7 = 0 THEN NULL ELSE i % 2 = 0 END AS flag,
        CASE WHEN i % 5 = 0 THEN NULL ELSE 'split/' || (i % 13) || '/é' END AS label,
        CASE WHEN i % 4 = 0 THEN NULL ELSE ('{"_type":"image-file","n":' || i || '}')::BLOB END AS obj,
        (i / 7.0)::FLOAT AS ratio,
        CASE WHEN i % 11 = 0 THEN NULL ELSE repeat('x', (i % 50)::INTEGER) || i END AS note
      FROM range(0, 12345) t(i)""";

  private static DuckDbParquet duck;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() throws Exception {
    duck = new DuckDbParquet();
  }

  @AfterAll
  static void stop() throws Exception {
    duck.close();
  }

  @ParameterizedTest(name = "{0}, parquet {1}, row groups of {2}")
  @CsvSource({"snappy, V1, 2000", "zstd, V1, 2000", "gzip, V1, 5000", "uncompressed, V1, 100000",
      "lz4_raw, V1, 3000", "snappy, V2, 2000", "zstd, V2, 1000", "uncompressed, V2, 4096"})
  void readsWhatDuckDbWrote(String codec, String version, int rowGroup) throws Exception {
    Path file = dir.resolve("h.parquet");
    duck.write(HISTORY, file, codec, version, rowGroup);
    List<Object[]> expected = duck.read(file, COLUMNS);
    List<Object[]> actual = readAll(file, COLUMNS);
    assertEquals(12345, expected.size());
    assertEquals(expected.size(), actual.size());
    for (int r = 0; r < expected.size(); r++) {
      for (int c = 0; c < COLUMNS.size(); c++) {
        assertSame(expected.get(r)[c], actual.get(r)[c], "row " + r + ", " + COLUMNS.get(c));
      }
    }
  }

  /** The files above exercise each encoding DuckDB writes; the others have their own tests. */
  @Test
  void duckDbFilesCoverTheEncodings() throws Exception {
    java.util.Set<String> seen = new java.util.TreeSet<>();
    for (String version : List.of("V1", "V2")) {
      Path file = dir.resolve(version + ".parquet");
      duck.write(HISTORY, file, "snappy", version, 2000);
      seen.addAll(duck.encodings(file));
    }
    assertTrue(seen.containsAll(List.of("PLAIN", "RLE_DICTIONARY", "DELTA_BINARY_PACKED",
        "DELTA_LENGTH_BYTE_ARRAY", "BYTE_STREAM_SPLIT")), seen.toString());
  }

  @Test
  void describesColumnsAndRowGroups() throws Exception {
    Path file = dir.resolve("h.parquet");
    duck.write(HISTORY, file, "snappy", "V1", 2000);
    try (ParquetFile parquet = ParquetFile.open(file)) {
      ParquetFooter footer = parquet.footer();
      assertEquals(COLUMNS, footer.columns().stream().map(ParquetColumn::name).toList());
      assertEquals(PhysicalType.DOUBLE, footer.column("_step").orElseThrow().type());
      assertTrue(footer.column("label").orElseThrow().text());
      assertFalse(footer.column("obj").orElseThrow().text(), "BLOB is raw bytes");
      assertEquals(12345, footer.rows());
      assertEquals(12345, footer.rowGroups().stream().mapToLong(RowGroup::rows).sum());
      assertTrue(footer.rowGroups().size() >= 6, "several row groups: " + footer.rowGroups().size());
      assertEquals(Codec.SNAPPY, footer.rowGroups().get(0).chunk("loss").orElseThrow().codec());
    }
  }

  @Test
  void stepStatisticsAgreeWithDuckDb() throws Exception {
    Path file = dir.resolve("h.parquet");
    duck.write(HISTORY, file, "zstd", "V1", 1500);
    List<String[]> bounds = duck.statistics(file, "_step");
    try (ParquetFile parquet = ParquetFile.open(file)) {
      List<RowGroup> groups = parquet.footer().rowGroups();
      assertEquals(bounds.size(), groups.size());
      for (int g = 0; g < groups.size(); g++) {
        ColumnStatistics stats = groups.get(g).chunk("_step").orElseThrow().statistics();
        assertEquals(Double.parseDouble(bounds.get(g)[0]),
            stats.minAsDouble(PhysicalType.DOUBLE).orElseThrow(), "min of row group " + g);
        assertEquals(Double.parseDouble(bounds.get(g)[1]),
            stats.maxAsDouble(PhysicalType.DOUBLE).orElseThrow(), "max of row group " + g);
      }
    }
  }

  @Test
  void projectsColumnsAndReadsMissingOnesAsNull() throws Exception {
    Path file = dir.resolve("h.parquet");
    duck.write(HISTORY, file, "snappy", "V1", 4000);
    List<Object[]> rows = readAll(file, List.of("note", "absent", "_step"));
    List<Object[]> expected = duck.read(file, List.of("note", "_step"));
    assertEquals(expected.size(), rows.size());
    for (int r = 0; r < rows.size(); r++) {
      assertEquals(expected.get(r)[0], rows.get(r)[0]);
      assertEquals(null, rows.get(r)[1]);
      assertEquals(expected.get(r)[1], rows.get(r)[2]);
    }
  }

  @Test
  void refusesWhatIsNotParquet() throws Exception {
    Path file = dir.resolve("x.parquet");
    Files.writeString(file, "<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>");
    ParquetFormatException e = assertThrows(ParquetFormatException.class, () -> ParquetFile.open(file));
    assertTrue(e.getMessage().contains("not a parquet file"), e.getMessage());
  }

  @Test
  void refusesAFileCutShort() throws Exception {
    Path file = dir.resolve("h.parquet");
    duck.write(HISTORY, file, "snappy", "V1", 2000);
    byte[] whole = Files.readAllBytes(file);
    for (int keep : new int[] {whole.length - 1, whole.length / 2, 11, 0}) {
      Path cut = dir.resolve("cut" + keep + ".parquet");
      Files.write(cut, Arrays.copyOf(whole, keep));
      assertThrows(ParquetFormatException.class, () -> ParquetFile.open(cut), "cut at " + keep);
    }
  }

  /**
   * Bytes flipped anywhere in the file: the reader either reads (a flip inside a value changes
   * the value) or throws {@link ParquetFormatException}; never another exception, never a hang.
   */
  @Test
  void damagedBytesFailClearly() throws Exception {
    Path file = dir.resolve("h.parquet");
    duck.write(HISTORY.replace("12345", "3000"), file, "snappy", "V1", 700);
    byte[] whole = Files.readAllBytes(file);
    Random random = new Random(17);
    int refused = 0;
    for (int trial = 0; trial < 400; trial++) {
      byte[] damaged = whole.clone();
      for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
        damaged[random.nextInt(damaged.length)] ^= (byte) (1 + random.nextInt(255));
      }
      Path broken = dir.resolve("broken.parquet");
      Files.write(broken, damaged);
      try {
        readAll(broken, COLUMNS);
      } catch (ParquetFormatException expected) {
        refused++;
      }
    }
    assertTrue(refused > 50, "most damage is noticed: " + refused + " of 400");
  }

  private static List<Object[]> readAll(Path file, List<String> columns) throws IOException {
    List<Object[]> rows = new ArrayList<>();
    try (ParquetFile parquet = ParquetFile.open(file)) {
      for (RowGroup group : parquet.footer().rowGroups()) {
        RowCursor cursor = parquet.rows(group, columns);
        while (cursor.next()) {
          Object[] row = new Object[columns.size()];
          for (int i = 0; i < row.length; i++) {
            row[i] = cursor.value(i);
          }
          rows.add(row);
        }
      }
    }
    return rows;
  }

  private static void assertSame(Object expected, Object actual, String where) {
    if (expected instanceof byte[] e) {
      assertArrayEquals(e, (byte[]) actual, where);
    } else if (expected instanceof Double || expected instanceof Float) {
      assertEquals(((Number) expected).doubleValue(), ((Number) actual).doubleValue(), where);
      assertEquals(expected.getClass(), actual.getClass(), where);
    } else {
      assertEquals(expected, actual, where);
    }
  }
}
