package io.github.wandbjdbc.parquet;

import java.nio.ByteBuffer;

/**
 * parquet-format's {@code PageHeader}, the fields a reader of flat columns needs.
 *
 * @param headerLength the bytes the header itself took, before the page's data
 * @param levelsLength for a v2 data page, the uncompressed bytes of its definition (and
 *     repetition) levels, which precede its compressed values
 */
record PageHeader(int type, int uncompressedSize, int compressedSize, int values, int encoding,
    int levelsEncoding, int levelsLength, int repetitionLength, boolean compressed,
    int headerLength) {
  static final int DATA_PAGE = 0;
  static final int INDEX_PAGE = 1;
  static final int DICTIONARY_PAGE = 2;
  static final int DATA_PAGE_V2 = 3;

  static PageHeader parse(ByteBuffer bytes) {
    CompactProtocol p = new CompactProtocol(bytes);
    int type = -1;
    int uncompressed = -1;
    int compressedSize = -1;
    int[] sub = {0, ValueDecoding.PLAIN, ValueDecoding.RLE, 0, 0};
    boolean compressed = true;
    p.beginStruct();
    for (int id; (id = p.nextField()) >= 0; ) {
      switch (id) {
        case 1 -> type = p.readI32();
        case 2 -> uncompressed = p.readI32();
        case 3 -> compressedSize = p.readI32();
        case 5 -> dataPage(p, sub);
        case 7 -> dictionaryPage(p, sub);
        case 8 -> compressed = dataPageV2(p, sub);
        default -> p.skip(p.fieldType());
      }
    }
    p.endStruct();
    if (type < 0 || uncompressed < 0 || compressedSize < 0 || sub[0] < 0) {
      throw new ParquetFormatException("a parquet page header without its sizes");
    }
    return new PageHeader(type, uncompressed, compressedSize, sub[0], sub[1], sub[2], sub[3],
        sub[4], compressed, p.position());
  }

  /** DataPageHeader {1: num_values, 2: encoding, 3: definition_level_encoding}. */
  private static void dataPage(CompactProtocol p, int[] sub) {
    p.beginStruct();
    for (int id; (id = p.nextField()) >= 0; ) {
      switch (id) {
        case 1 -> sub[0] = p.readI32();
        case 2 -> sub[1] = p.readI32();
        case 3 -> sub[2] = p.readI32();
        default -> p.skip(p.fieldType());
      }
    }
    p.endStruct();
  }

  /** DictionaryPageHeader {1: num_values, 2: encoding}. */
  private static void dictionaryPage(CompactProtocol p, int[] sub) {
    p.beginStruct();
    for (int id; (id = p.nextField()) >= 0; ) {
      switch (id) {
        case 1 -> sub[0] = p.readI32();
        case 2 -> sub[1] = p.readI32();
        default -> p.skip(p.fieldType());
      }
    }
    p.endStruct();
  }

  /**
   * DataPageHeaderV2 {1: num_values, 4: encoding, 5: definition_levels_byte_length,
   * 6: repetition_levels_byte_length, 7: is_compressed (default true)}.
   */
  private static boolean dataPageV2(CompactProtocol p, int[] sub) {
    boolean compressed = true;
    p.beginStruct();
    for (int id; (id = p.nextField()) >= 0; ) {
      switch (id) {
        case 1 -> sub[0] = p.readI32();
        case 4 -> sub[1] = p.readI32();
        case 5 -> sub[3] = p.readI32();
        case 6 -> sub[4] = p.readI32();
        case 7 -> compressed = p.readBool();
        default -> p.skip(p.fieldType());
      }
    }
    p.endStruct();
    return compressed;
  }
}
