package io.github.wandbjdbc.testserver.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON object documents kept as their text and parsed when read. Loaded run folders hold tens of
 * megabytes of history; text costs a fraction of the parsed maps, and few rows are ever read.
 */
public final class JsonLines {

  private final List<String> lines;
  private final JsonValues json;

  public JsonLines(List<String> lines, JsonValues json) {
    this.lines = List.copyOf(lines);
    this.json = json;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof JsonLines that && lines.equals(that.lines);
  }

  @Override
  public int hashCode() {
    return lines.hashCode();
  }

  int size() {
    return lines.size();
  }

  /** The {@code i}-th document as a fresh map (NaN/Infinity tokens allowed). */
  @SuppressWarnings("unchecked")
  Map<String, Object> get(int i) {
    try {
      // The parser's maps are unmodifiable; readers may set _step on the copy.
      return new LinkedHashMap<>((Map<String, Object>) json.parseJson(lines.get(i)));
    } catch (IOException e) {
      throw new UncheckedIOException("stored line " + i + " is not JSON any more", e);
    }
  }
}
